/**
 * The nodemailer mailer's HTML in Chromium, as a mail client would show it: the reset link, the
 * reset code, both in one mail ("link+code") and the password-changed notice at 600 px (a desktop reading pane) and 390 px (a
 * phone), light and dark, with the pages' brand colour and logo. The inline `cid:` logo is swapped
 * for its bytes as a client does. Screenshots land in docs/screenshots/ beside the pages'.
 */
import { mkdirSync } from "node:fs";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { createNodemailerMailer, type OutgoingMail } from "../../lib/nodemailer.js";
import { expectNoSeriousAxeViolations } from "./axe.js";
import { newContext, requireBrowser } from "./chromium.js";

const SCREENSHOTS = "docs/screenshots";
const NOW = Date.UTC(2030, 0, 15, 9, 5);
const LINK =
  "https://notes.acme.test/auth/password/reset?token=Zq3xY0k1bW-2mQ.c9Vh7Tt4pLr8sN6eKa1oJd5fUi0gHw3yBn";
const REPORT_LINK =
  "https://notes.acme.test/auth/password/report?token=Lc8vNt2ZvF-Cw1.MX7gITLJxkhEMl4n96KcqNHiokmD7OBfTz";
// The pages' logo (the SVG of test/browser/pages.test.ts), drawn to a PNG as an app would for mail.
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="64" height="64"><rect width="32" height="32" rx="8" fill="#0f766e"/>' +
  '<path d="M9 22V10l7 7 7-7v12" fill="none" stroke="#fff" stroke-width="3" stroke-linejoin="round"/></svg>';
const WIDTHS = [600, 390] as const;
// The call to action's text colour and the colour of the cell it fills.
const BUTTON_COLOURS =
  "(({ a }) => ({ text: getComputedStyle(a).color, background: getComputedStyle(a.parentElement).backgroundColor }))" +
  "({ a: document.querySelector('td[bgcolor] a') })";

describe("the nodemailer mailer's HTML in Chromium", function () {
  this.timeout(120_000);
  const sent: OutgoingMail[] = [];
  let logo: Buffer;

  before(async function () {
    requireBrowser(this);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const context = await newContext(this);
    const page = await context.newPage();
    await page.setContent(`<body style="margin:0">${LOGO_SVG}</body>`);
    logo = await page.locator("svg").screenshot({ omitBackground: true });
    await context.close();
  });

  function mailer(locale?: string) {
    const mail = createNodemailerMailer({
      transport: { sendMail: async (message) => void sent.push(message) },
      from: "Acme Notes <no-reply@acme.test>",
      appName: "Acme Notes",
      brandColor: "#0f766e",
      logo: { body: logo },
      now: () => NOW,
    });
    const user = { id: "u1", name: "Ada" };
    const base = { to: "ada@example.test", user, ...(locale ? { locale } : {}) };
    return {
      link: () => mail.sendPasswordReset({ ...base, link: LINK, expiresAt: new Date(NOW + 3600_000) }),
      code: () => mail.sendPasswordReset({ ...base, code: "482913", expiresAt: new Date(NOW + 15 * 60_000) }),
      "link-and-code": () =>
        mail.sendPasswordReset({
          ...base,
          link: LINK,
          code: "482913",
          expiresAt: new Date(NOW + 15 * 60_000),
        }),
      changed: () => mail.sendPasswordChanged({ ...base, changedAt: new Date(NOW), reportLink: REPORT_LINK }),
    };
  }

  async function render(ctx: Mocha.Context, mail: OutgoingMail, width: number, dark = false): Promise<Page> {
    const context = await newContext(ctx, {
      viewport: { width, height: 700 },
      colorScheme: dark ? "dark" : "light",
    });
    const page = await context.newPage();
    // A mail client shows the inline part where the HTML names its Content-ID.
    let html = mail.html;
    for (const part of mail.attachments ?? []) {
      html = html
        .split(`cid:${part.cid}`)
        .join(`data:${part.contentType};base64,${part.content.toString("base64")}`);
    }
    // Nothing may be fetched: a mail client blocks remote content, so the design must not need it.
    const fetched: string[] = [];
    await page.route("**/*", (route) => {
      fetched.push(route.request().url());
      return route.abort();
    });
    await page.setContent(html, { waitUntil: "load" });
    expect(fetched, "requests made by the mail").to.deep.equal([]);
    return page;
  }

  async function expectFits(page: Page, width: number): Promise<void> {
    const scrollWidth = await page.evaluate("document.documentElement.scrollWidth");
    expect(scrollWidth, `the mail is wider than ${width} px`).to.be.at.most(width);
  }

  for (const kind of ["link", "code", "link-and-code", "changed"] as const) {
    it(`shows the ${kind} message with the app's name and logo, fitting 600 and 390 px`, async function () {
      sent.length = 0;
      await mailer()[kind]();
      const mail = sent[0] as OutgoingMail;
      expect(mail.attachments?.map((part) => part.contentType)).to.deep.equal(["image/png"]);
      for (const width of WIDTHS) {
        const page = await render(this, mail, width);
        await expectFits(page, width);
        const logoShown = await page.evaluate(
          "[...document.images].every((img) => img.complete && img.naturalWidth > 0)",
        );
        expect(logoShown, "the logo is drawn").to.equal(true);
        expect(await page.locator("img").count()).to.equal(1);
        expect(await page.locator("body").innerText()).to.include("Acme Notes");
        if (kind === "link" || kind === "link-and-code") {
          const button = page.getByRole("link", { name: "Choose a new password" });
          expect(await button.getAttribute("href")).to.equal(LINK);
          const box = await button.boundingBox();
          // A button, not a line of text: padded to a finger-sized target.
          expect(box?.height).to.be.at.least(40);
          expect(await page.evaluate(BUTTON_COLOURS)).to.deep.equal({
            text: "rgb(255, 255, 255)",
            background: "rgb(15, 118, 110)",
          });
          expect(await page.locator("body").innerText()).to.include(LINK);
        }
        if (kind === "code" || kind === "link-and-code")
          expect(await page.locator("body").innerText()).to.include("482913");
        if (kind === "changed") {
          // The notice's one way to act is the "this wasn't me" link: a button and the plain link.
          const hrefs = await page
            .locator("a")
            .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
          expect(hrefs.length).to.be.at.least(1);
          expect(new Set(hrefs)).to.deep.equal(new Set([REPORT_LINK]));
          expect(await page.locator("body").innerText()).to.include(REPORT_LINK);
        }
        await expectNoSeriousAxeViolations(page);
        await page.screenshot({ path: `${SCREENSHOTS}/mail-${kind}-${width}.png`, fullPage: true });
        await page.context().close();
      }
    });
  }

  it("turns dark where the client honours prefers-color-scheme, the button keeping its colours", async function () {
    sent.length = 0;
    await mailer().link();
    const page = await render(this, sent[0] as OutgoingMail, 390, true);
    const colours = await page.evaluate(
      "({ card: getComputedStyle(document.querySelector('.m-card')).backgroundColor, text: getComputedStyle(document.querySelector('.m-text')).color })",
    );
    expect(colours).to.deep.equal({ card: "rgb(26, 29, 35)", text: "rgb(230, 232, 235)" });
    expect(await page.evaluate(BUTTON_COLOURS)).to.deep.equal({
      text: "rgb(255, 255, 255)",
      background: "rgb(15, 118, 110)",
    });
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/mail-link-dark.png`, fullPage: true });
    await page.context().close();
  });

  it("fits a phone in German, the longest of the shipped languages", async function () {
    sent.length = 0;
    await mailer("de").link();
    const page = await render(this, sent[0] as OutgoingMail, 390);
    await expectFits(page, 390);
    expect(await page.getByRole("link", { name: "Neues Passwort festlegen" }).getAttribute("href")).to.equal(
      LINK,
    );
    await page.context().close();
  });
});

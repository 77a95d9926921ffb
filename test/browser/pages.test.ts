/**
 * The hosted pages in real headless Chromium, served by the real router
 * (`createPasswordResetRouter({ pages: true })`, memory store, capturing mailer and SMS sender):
 * the whole reset in every shipped language, CSP, axe-core, keyboard, dark mode, JavaScript off,
 * the link clicked from another site, a scanner first, dead links, a sibling's post.
 * Screenshots for the README land in docs/screenshots/.
 */
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { expect } from "chai";
import express from "express";
import type { Page } from "playwright-core";
import { expectNoSeriousAxeViolations } from "./axe.js";
import { requireBrowser } from "./chromium.js";
import { startFixture, type Fixture } from "./fixture.js";
import { expectSubmitReachableByKeyboard, pageOpener } from "./helpers.js";

const SCREENSHOTS = "docs/screenshots";
const LOCALES = ["en", "es", "fr", "de", "pt"] as const;
const PASSWORD = "correct horse battery staple";

describe("hosted pages in Chromium, served by the router", function () {
  let fixture: Fixture;
  let codeFixture: Fixture;
  const browser = pageOpener();

  before(async function () {
    requireBrowser(this);
    fixture = await startFixture();
    codeFixture = await startFixture({ identifiers: ["email", "mobile"] });
  });
  after(async () => {
    await fixture?.close();
    await codeFixture?.close();
  });
  const open = browser.open;

  /** Checks what every page must be: its language, no token in the address, no CSP violation, axe clean. */
  async function expectGoodPage(page: Page, csp: string[], lang: string): Promise<void> {
    expect(await page.getAttribute("html", "lang")).to.equal(lang);
    expect(await page.getAttribute("html", "dir")).to.equal("ltr");
    expect(page.url()).not.to.include("token=");
    await expectNoSeriousAxeViolations(page);
    expect(csp, "CSP violations").to.deep.equal([]);
  }

  async function setPassword(page: Page, password = PASSWORD, confirm = password): Promise<void> {
    await page.fill("#field-password", password);
    await page.fill("#field-passwordConfirm", confirm);
    await page.click("button[type=submit]");
  }

  for (const lang of LOCALES) {
    it(`walks the whole link flow in ${lang}, every page in that language and clean`, async function () {
      const { page, csp } = await open(this, { locale: lang });
      const forgot = await page.goto(fixture.url("/forgot"));
      expect(forgot?.headers()["content-security-policy"]).to.include("frame-ancestors 'none'");
      expect(forgot?.headers()["cache-control"]).to.equal("no-store");
      await expectGoodPage(page, csp, lang);

      await page.click("button[type=submit]"); // empty: an error tied to the field
      await expectGoodPage(page, csp, lang);
      expect(await page.getAttribute("#field-identifier", "aria-invalid")).to.equal("true");
      expect(await page.evaluate("document.activeElement && document.activeElement.id")).to.equal(
        "field-identifier",
      );

      fixture.mailer.clear();
      await page.fill("#field-identifier", "alice@example.com");
      await page.click("button[type=submit]");
      await expectGoodPage(page, csp, lang); // check your inbox
      expect(await page.locator("h1").count()).to.equal(1);
      const link = await fixture.lastLink();

      const reset = await page.goto(link);
      expect(reset?.request().redirectedFrom()?.url()).to.include("token=");
      expect(page.url()).to.equal(fixture.url("/reset"));
      await expectGoodPage(page, csp, lang);
      expect(await page.locator("p.account").innerText()).to.include("a•••@example.com");
      await setPassword(page, "short", "other");
      await expectGoodPage(page, csp, lang); // the policy's error, on the field
      expect(await page.getAttribute("#field-password", "aria-invalid")).to.equal("true");

      const updates = fixture.users.updates.length;
      await setPassword(page);
      await expectGoodPage(page, csp, lang); // success
      expect(fixture.users.updates.slice(updates).map((u) => u.userId)).to.deep.equal(["u1"]);

      await page.goto(link); // used
      await expectGoodPage(page, csp, lang);
      expect(await page.locator("a.button").getAttribute("href")).to.equal("forgot");

      await page.goto(codeFixture.url("/reset"));
      await expectGoodPage(page, csp, lang);
    });
  }

  it("asks an account with a second factor for its Authentication code in every language, axe clean, and resets only with the right one", async function () {
    const RIGHT = "246810";
    const factorFixture = await startFixture({
      secondFactor: { required: () => true, verify: ({ answer }) => answer === RIGHT },
    });
    try {
      const labels: string[] = [];
      for (const lang of LOCALES) {
        const { page, csp } = await open(this, { locale: lang });
        await page.goto(await factorFixture.mailedLink());
        await expectGoodPage(page, csp, lang);
        const label = page.locator('label[for="field-otp"]');
        labels.push(await label.innerText());
        expect(await page.getAttribute("#field-otp", "autocomplete")).to.equal("one-time-code");

        const updates = factorFixture.users.updates.length;
        await page.fill("#field-otp", "000000");
        await setPassword(page);
        await expectGoodPage(page, csp, lang); // the wrong code's error, on the field
        expect(await page.getAttribute("#field-otp", "aria-invalid")).to.equal("true");
        expect(factorFixture.users.updates.length, "nothing changed").to.equal(updates);

        await page.fill("#field-otp", RIGHT);
        await setPassword(page);
        await expectGoodPage(page, csp, lang); // success
        expect(factorFixture.users.updates.length).to.equal(updates + 1);
        await browser.close();
      }
      expect(labels[0]).to.equal("Authentication code");
      expect(new Set(labels).size, `one label per language: ${labels.join(" | ")}`).to.equal(LOCALES.length);
    } finally {
      await factorFixture.close();
    }
  });

  it("shows each language's own words, not English", async function () {
    const headings: string[] = [];
    for (const lang of LOCALES) {
      const { page } = await open(this, { locale: lang });
      await page.goto(fixture.url("/forgot"));
      headings.push(await page.locator("h1").innerText());
      await browser.close();
    }
    expect(new Set(headings).size).to.equal(LOCALES.length);
  });

  it("answers an unknown account with the same 'check your inbox' page, and mails nothing", async function () {
    const { page } = await open(this);
    const sent: string[] = [];
    fixture.mailer.clear();
    for (const email of ["alice@example.com", "nobody@example.com"]) {
      await page.goto(fixture.url("/forgot"));
      await page.fill("#field-identifier", email);
      await page.click("button[type=submit]");
      sent.push(await page.locator("main").innerText());
    }
    expect(sent[1]).to.equal(sent[0]);
    await fixture.router.drain();
    expect(fixture.mailer.resets.map((m) => m.to)).to.deep.equal(["alice@example.com"]);
  });

  it("walks the code flow: check your phone, then identifier, code and new password", async function () {
    const { page, csp } = await open(this, { locale: "de" });
    await page.goto(codeFixture.url("/forgot"));
    await page.fill("#field-identifier", "+1 415 555 0100");
    await page.click("button[type=submit]");
    expect(await page.locator("h1").innerText()).to.equal("Sehen Sie auf Ihr Telefon");
    await expectGoodPage(page, csp, "de");
    const code = await codeFixture.lastCode();
    await page.click("a.button"); // "Code eingeben"
    expect(page.url()).to.equal(codeFixture.url("/reset"));
    await page.fill("#field-identifier", "+1 415 555 0100");
    await page.fill("#field-code", code === "000000" ? "111111" : "000000");
    await setPassword(page);
    expect(await page.getAttribute("#field-code", "aria-invalid")).to.equal("true");
    expect(await page.inputValue("#field-identifier")).to.equal("+1 415 555 0100");
    expect(await page.inputValue("#field-password")).to.equal(""); // never sent back
    await expectGoodPage(page, csp, "de");
    await page.fill("#field-code", code);
    await setPassword(page);
    expect(await page.locator("h1").innerText()).to.equal("Passwort geändert");
  });

  it("lays an added right-to-left locale out right to left", async function () {
    const rtl = await startFixture({
      pages: { messages: { ar: { forgotTitle: "إعادة تعيين كلمة المرور" } } },
    });
    try {
      const { page, csp } = await open(this, { locale: "ar" });
      await page.goto(rtl.url("/forgot"));
      expect(await page.getAttribute("html", "dir")).to.equal("rtl");
      expect(await page.evaluate("getComputedStyle(document.querySelector('h1')).direction")).to.equal("rtl");
      await expectNoSeriousAxeViolations(page);
      expect(csp).to.deep.equal([]);
    } finally {
      await rtl.close();
    }
  });

  it("fits a narrow phone screen without sideways scrolling", async function () {
    const { page } = await open(this, { viewport: { width: 320, height: 640 } });
    for (const url of [fixture.url("/forgot"), codeFixture.url("/reset")]) {
      await page.goto(url);
      expect(await page.evaluate("document.documentElement.scrollWidth"), url).to.be.at.most(320);
    }
  });

  it("reaches every submit button by keyboard", async function () {
    const { page } = await open(this);
    // The link last: both test servers are on 127.0.0.1, whose cookies ignore the port, so the
    // link's hand-off cookie would otherwise reach the code server's reset page too.
    for (const url of [fixture.url("/forgot"), codeFixture.url("/reset"), await fixture.mailedLink()]) {
      await page.goto(url);
      await expectSubmitReachableByKeyboard(page);
    }
  });

  it("works with JavaScript off, from the form to the success page", async function () {
    const { page } = await open(this, { javaScriptEnabled: false });
    await page.goto(fixture.url("/forgot"));
    fixture.mailer.clear();
    await page.fill("#field-identifier", "alice@example.com");
    await page.click("button[type=submit]");
    expect(await page.locator("h1").innerText()).to.equal("Check your inbox");
    await page.goto(await fixture.lastLink());
    await setPassword(page);
    expect(await page.locator("h1").innerText()).to.equal("Password changed");
  });

  // localhost and 127.0.0.1 are different sites (a webmail); another port of 127.0.0.1 is
  // another origin of the same site. The hand-off must survive both.
  for (const host of ["localhost", "127.0.0.1"]) {
    it(`keeps the token when the link is clicked on a page of another origin (${host}, another port)`, async function () {
      const link = await fixture.mailedLink();
      const mail = await serve((_req, res) => {
        res.send(`<!doctype html><title>Mail</title><a id="link" href="${link}">Reset</a>`);
      }, host);
      try {
        const { page } = await open(this);
        await page.goto(`${mail.origin}/inbox`);
        await page.click("#link");
        await page.waitForURL(fixture.url("/reset"));
        expect(await page.locator("h1").innerText()).to.equal("Choose a new password");
        await setPassword(page);
        expect(await page.locator("h1").innerText()).to.equal("Password changed");
      } finally {
        await mail.close();
      }
    });
  }

  it("refuses a form posted from a sibling origin (another port), even with a real token", async function () {
    const { page } = await open(this);
    await page.goto(fixture.url("/forgot"));
    const token = await page.getAttribute("input[name=csrf]", "value");
    const sibling = await serve((_req, res) => {
      res.send(
        `<!doctype html><title>Sibling</title><form method="post" action="${fixture.url("/forgot")}">` +
          `<input name="csrf" value="${token}"><input name="identifier" value="alice@example.com">` +
          `<button type="submit">Go</button></form>`,
      );
    });
    try {
      fixture.mailer.clear();
      await page.goto(`${sibling.origin}/`);
      const [response] = await Promise.all([page.waitForNavigation(), page.click("button")]);
      expect(response?.status()).to.equal(403);
      expect(await page.locator(".error-summary").innerText()).to.include("This form has expired");
      await fixture.router.drain();
      expect(fixture.mailer.resets).to.deep.equal([]);
    } finally {
      await sibling.close();
    }
  });

  it("names the account the link resets, masked, above the form: someone else's link shows their name", async function () {
    const { page, csp } = await open(this);
    await page.goto(await fixture.mailedLink("bob@example.com"));
    expect(await page.locator("h1").innerText()).to.equal("Choose a new password");
    const account = await page.locator("p.account").innerText();
    expect(account).to.equal("For the account b•••@example.com. If it isn’t yours, close this page.");
    expect(await page.content()).not.to.include("bob@example.com");
    await expectGoodPage(page, csp, "en");
  });

  it("changes nothing when a scanner opens the link first (GET, HEAD, following the redirect)", async function () {
    const link = await fixture.mailedLink();
    const handoff = await fetch(link, { redirect: "manual" });
    expect(handoff.status).to.equal(303);
    // A scanner that follows the redirect sends back the cookies it was given: the hand-off and
    // the CSRF cookie it is tied to.
    const cookie = handoff.headers
      .getSetCookie()
      .map((set) => set.split(";")[0] ?? "")
      .join("; ");
    for (const method of ["GET", "HEAD", "GET"]) {
      const scanned = await fetch(fixture.url("/reset"), { method, headers: { cookie } });
      expect(scanned.status).to.equal(200);
    }
    await fetch(link, { method: "HEAD" });
    const { page } = await open(this);
    await page.goto(link);
    expect(await page.locator("h1").innerText()).to.equal("Choose a new password");
    await setPassword(page);
    expect(await page.locator("h1").innerText()).to.equal("Password changed");
  });

  it("shows bogus and expired links as invalid, offering a new link", async function () {
    const { page, csp } = await open(this);
    await page.goto(fixture.url("/reset?token=bogus"));
    expect(page.url()).to.equal(fixture.url("/reset"));
    await expectGoodPage(page, csp, "en");
    const invalid = await page.locator("h1").innerText();

    const link = await fixture.mailedLink();
    fixture.clock.now += 2 * 3600 * 1000;
    try {
      await page.goto(link);
      expect(await page.locator("h1").innerText()).to.equal(invalid);
    } finally {
      fixture.clock.now -= 2 * 3600 * 1000;
    }
    await page.click("a.button");
    expect(page.url()).to.equal(fixture.url("/forgot"));
    expect(await page.locator("#field-identifier").count()).to.equal(1);
  });

  it("renders dark mode from prefers-color-scheme", async function () {
    const { page } = await open(this, { colorScheme: "dark" });
    await page.goto(fixture.url("/forgot"));
    const background = await page.evaluate("getComputedStyle(document.body).backgroundColor");
    expect(background).to.equal("rgb(15, 17, 21)");
    await expectNoSeriousAxeViolations(page);
  });

  it("takes the README screenshots", async function () {
    // Five pages, two themes, full-page captures: slow on a loaded 2-core machine.
    this.timeout(120_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const logo = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0f766e"/>' +
        '<path d="M9 22V10l7 7 7-7v12" fill="none" stroke="#fff" stroke-width="3" stroke-linejoin="round"/></svg>',
    );
    const branded = await startFixture({
      appName: "Acme Notes",
      identifiers: ["email", "mobile"],
      pages: { signInUrl: "/login", brandColor: "#0f766e", logo: { body: logo } },
    });
    try {
      await screenshots(this, branded);
    } finally {
      await branded.close();
    }
  });

  async function screenshots(ctx: Mocha.Context, app: Fixture): Promise<void> {
    const { page } = await open(ctx, { viewport: { width: 640, height: 560 } });
    await page.goto(app.url("/forgot"));
    await page.screenshot({ path: `${SCREENSHOTS}/forgot.png`, fullPage: true });
    const link = await app.mailedLink();
    await page.goto(link);
    await page.screenshot({ path: `${SCREENSHOTS}/reset.png`, fullPage: true });
    await setPassword(page);
    await page.screenshot({ path: `${SCREENSHOTS}/success.png`, fullPage: true });
    await page.goto(link);
    await page.screenshot({ path: `${SCREENSHOTS}/invalid.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(app.url("/reset"));
    await page.screenshot({ path: `${SCREENSHOTS}/code-dark.png`, fullPage: true });
  }
});

/** A throwaway server on `host` and a free port, for the "other site" pages. */
async function serve(
  handler: express.RequestHandler,
  host = "127.0.0.1",
): Promise<{ origin: string; close: () => Promise<void> }> {
  const app = express();
  app.get("/{*any}", handler);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

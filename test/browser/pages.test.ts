/**
 * The hosted pages in real headless Chromium, served by the fixture (render, headers, CSRF and
 * cookies as the router will use them): every page in every shipped language, CSP, axe-core,
 * keyboard, dark mode, JavaScript off, the link clicked from another site, a sibling's post.
 * Screenshots for the README land in docs/screenshots/.
 */
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { expect } from "chai";
import express from "express";
import type { BrowserContext, Page } from "playwright-core";
import { expectNoSeriousAxeViolations } from "./axe.js";
import { newContext, requireBrowser } from "./chromium.js";
import { startFixture, type Fixture } from "./fixture.js";
import { expectSubmitReachableByKeyboard, recordCspViolations } from "./helpers.js";

const SCREENSHOTS = "docs/screenshots";
const LOCALES = ["en", "es", "fr", "de", "pt"] as const;

describe("hosted pages in Chromium", function () {
  let fixture: Fixture;
  let codeFixture: Fixture;
  let context: BrowserContext | undefined;

  before(async function () {
    requireBrowser(this);
    fixture = await startFixture();
    codeFixture = await startFixture({ identifiers: ["email", "mobile"], codes: true });
  });
  after(async () => {
    await fixture?.close();
    await codeFixture?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function open(
    ctx: Mocha.Context,
    options: Parameters<typeof newContext>[1] = {},
  ): Promise<{ page: Page; csp: string[] }> {
    context = await newContext(ctx, { viewport: { width: 760, height: 720 }, ...options });
    const page = await context.newPage();
    return { page, csp: await recordCspViolations(page) };
  }

  /** Checks what every page must be: its language, the security headers, no CSP violation, axe clean. */
  async function expectGoodPage(page: Page, csp: string[], lang: string): Promise<void> {
    expect(await page.getAttribute("html", "lang")).to.equal(lang);
    expect(await page.getAttribute("html", "dir")).to.equal("ltr");
    expect(page.url()).not.to.include("token=");
    await expectNoSeriousAxeViolations(page);
    expect(csp, "CSP violations").to.deep.equal([]);
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

      await page.fill("#field-identifier", "alice@example.com");
      await page.click("button[type=submit]");
      await expectGoodPage(page, csp, lang); // check your inbox
      expect(await page.locator("h1").count()).to.equal(1);

      const reset = await page.goto(fixture.url("/reset?token=good-token"));
      expect(reset?.request().redirectedFrom()?.url()).to.include("token=good-token");
      expect(page.url()).to.equal(fixture.url("/reset"));
      await expectGoodPage(page, csp, lang);
      await page.fill("#field-password", "short");
      await page.fill("#field-passwordConfirm", "other");
      await page.click("button[type=submit]");
      await expectGoodPage(page, csp, lang); // two errors
      expect(await page.locator(".error-summary li").count()).to.equal(2);

      await page.fill("#field-password", "correct horse battery");
      await page.fill("#field-passwordConfirm", "correct horse battery");
      await page.click("button[type=submit]");
      await expectGoodPage(page, csp, lang); // success
      expect(fixture.spent).to.include("good-token");

      await page.goto(fixture.url("/reset?token=good-token")); // used
      await expectGoodPage(page, csp, lang);
      expect(await page.locator("a.button").getAttribute("href")).to.equal("forgot");

      await page.goto(codeFixture.url("/reset"));
      await expectGoodPage(page, csp, lang);
      fixture.spent.length = 0;
    });
  }

  it("shows each language's own words, not English", async function () {
    const headings: string[] = [];
    for (const lang of LOCALES) {
      const { page } = await open(this, { locale: lang });
      await page.goto(fixture.url("/forgot"));
      headings.push(await page.locator("h1").innerText());
      await context?.close();
    }
    expect(new Set(headings).size).to.equal(LOCALES.length);
  });

  it("walks the code flow: check your phone, then identifier, code and new password", async function () {
    const codes = await startFixture({ identifiers: ["email", "mobile"], codes: true });
    try {
      const { page, csp } = await open(this, { locale: "de" });
      await page.goto(codes.url("/forgot"));
      await page.fill("#field-identifier", "+49 151 23456789");
      await page.click("button[type=submit]");
      expect(await page.locator("h1").innerText()).to.equal("Sehen Sie auf Ihr Telefon");
      await expectGoodPage(page, csp, "de");
      await page.click("a.button"); // "Code eingeben"
      expect(page.url()).to.equal(codes.url("/reset"));
      await page.fill("#field-identifier", "+49 151 23456789");
      await page.fill("#field-code", "000000");
      await page.fill("#field-password", "correct horse battery");
      await page.fill("#field-passwordConfirm", "correct horse battery");
      await page.click("button[type=submit]");
      expect(await page.getAttribute("#field-code", "aria-invalid")).to.equal("true");
      expect(await page.inputValue("#field-identifier")).to.equal("+49 151 23456789");
      expect(await page.inputValue("#field-password")).to.equal(""); // never sent back
      await expectGoodPage(page, csp, "de");
      await page.fill("#field-code", "123456");
      await page.fill("#field-password", "correct horse battery");
      await page.fill("#field-passwordConfirm", "correct horse battery");
      await page.click("button[type=submit]");
      expect(await page.locator("h1").innerText()).to.equal("Passwort geändert");
    } finally {
      await codes.close();
    }
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
    for (const url of [
      fixture.url("/forgot"),
      fixture.url("/reset?token=good-token"),
      codeFixture.url("/reset"),
    ]) {
      await page.goto(url);
      await expectSubmitReachableByKeyboard(page);
    }
  });

  it("works with JavaScript off, from the form to the success page", async function () {
    const { page } = await open(this, { javaScriptEnabled: false });
    await page.goto(fixture.url("/forgot"));
    await page.fill("#field-identifier", "alice@example.com");
    await page.click("button[type=submit]");
    expect(await page.locator("h1").innerText()).to.equal("Check your inbox");
    await page.goto(fixture.url("/reset?token=good-token"));
    await page.fill("#field-password", "correct horse battery");
    await page.fill("#field-passwordConfirm", "correct horse battery");
    await page.click("button[type=submit]");
    expect(await page.locator("h1").innerText()).to.equal("Password changed");
    fixture.spent.length = 0;
  });

  it("keeps the token when the link is clicked on a page of another site (SameSite=Lax)", async function () {
    // localhost and 127.0.0.1 are different sites: the click is a cross-site navigation, as from a webmail.
    const port = new URL(fixture.origin).port;
    const mail = await serve((_req, res) => {
      res.send(
        `<!doctype html><title>Mail</title><a id="link" href="http://127.0.0.1:${port}/auth/password/reset?token=good-token">Reset</a>`,
      );
    }, "localhost");
    try {
      const { page } = await open(this);
      await page.goto(`${mail.origin}/inbox`);
      await page.click("#link");
      await page.waitForURL(fixture.url("/reset"));
      expect(await page.locator("h1").innerText()).to.equal("Choose a new password");
    } finally {
      await mail.close();
    }
  });

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
      await page.goto(`${sibling.origin}/`);
      const [response] = await Promise.all([page.waitForNavigation(), page.click("button")]);
      expect(response?.status()).to.equal(403);
      expect(await page.locator(".error-summary").innerText()).to.include("This form has expired");
    } finally {
      await sibling.close();
    }
  });

  it("changes nothing when a scanner opens the link first", async function () {
    const scanned = await fetch(fixture.url("/reset?token=good-token"), { redirect: "manual" });
    expect(scanned.status).to.equal(303);
    expect(fixture.spent).to.deep.equal([]);
    const { page } = await open(this);
    await page.goto(fixture.url("/reset?token=good-token"));
    expect(await page.locator("h1").innerText()).to.equal("Choose a new password");
  });

  it("renders dark mode from prefers-color-scheme", async function () {
    const { page } = await open(this, { colorScheme: "dark" });
    await page.goto(fixture.url("/forgot"));
    const background = await page.evaluate("getComputedStyle(document.body).backgroundColor");
    expect(background).to.equal("rgb(15, 17, 21)");
    await expectNoSeriousAxeViolations(page);
  });

  it("takes the README screenshots", async function () {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const logo = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0f766e"/>' +
        '<path d="M9 22V10l7 7 7-7v12" fill="none" stroke="#fff" stroke-width="3" stroke-linejoin="round"/></svg>',
    );
    const branded = await startFixture({
      appName: "Acme Notes",
      pages: { signInUrl: "/login", brandColor: "#0f766e", logo: { body: logo } },
      codes: true,
    });
    try {
      await screenshots(this, branded);
    } finally {
      await branded.close();
    }
  });

  async function screenshots(ctx: Mocha.Context, fixture: Fixture): Promise<void> {
    const { page } = await open(ctx, { viewport: { width: 640, height: 560 } });
    await page.goto(fixture.url("/forgot"));
    await page.screenshot({ path: `${SCREENSHOTS}/forgot.png`, fullPage: true });
    await page.goto(fixture.url("/reset?token=good-token"));
    await page.screenshot({ path: `${SCREENSHOTS}/reset.png`, fullPage: true });
    await page.fill("#field-password", "correct horse battery");
    await page.fill("#field-passwordConfirm", "correct horse battery");
    await page.click("button[type=submit]");
    await page.screenshot({ path: `${SCREENSHOTS}/success.png`, fullPage: true });
    await page.goto(fixture.url("/reset?token=good-token"));
    await page.screenshot({ path: `${SCREENSHOTS}/invalid.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(fixture.url("/reset"));
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

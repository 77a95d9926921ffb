/**
 * The "this wasn't me" page in headless Chromium, served by the real router: the password-changed
 * notice's report link opens a confirm page that changes nothing (opening it, even twice, revokes
 * nothing and runs no hook); the button revokes the account's outstanding links, runs
 * `hooks.onCompromiseReported`, and leads to a page offering a fresh reset, whose button opens the
 * forgot page. Every page in all five languages, axe clean, no CSP violation, JavaScript off too.
 */
import { expect } from "chai";
import type { Page } from "playwright-core";
import { expectNoSeriousAxeViolations } from "./axe.js";
import { requireBrowser } from "./chromium.js";
import { startFixture, type Fixture } from "./fixture.js";
import { pageOpener } from "./helpers.js";

const LOCALES = ["en", "es", "fr", "de", "pt"] as const;
const TITLES: Record<(typeof LOCALES)[number], { confirm: string; done: string }> = {
  en: { confirm: "This wasn’t me", done: "Thank you, we’ve been told" },
  es: { confirm: "No fui yo", done: "Gracias, ya estamos avisados" },
  fr: { confirm: "Ce n’était pas moi", done: "Merci, nous sommes prévenus" },
  de: { confirm: "Das war ich nicht", done: "Danke, wir wurden informiert" },
  pt: { confirm: "Não fui eu", done: "Obrigado, fomos avisados" },
};
const PASSWORD = "correct horse battery staple";

describe('the "this wasn\'t me" page in Chromium, served by the router', function () {
  let fixture: Fixture;
  const reports: string[] = [];
  const browser = pageOpener();

  before(async function () {
    requireBrowser(this);
    fixture = await startFixture({ onCompromiseReported: ({ userId }) => void reports.push(userId) });
  });
  after(async () => {
    await fixture?.close();
  });
  const open = browser.open;

  async function expectClean(page: Page, csp: string[], lang: string): Promise<void> {
    expect(await page.getAttribute("html", "lang")).to.equal(lang);
    await expectNoSeriousAxeViolations(page);
    expect(csp, "CSP violations").to.deep.equal([]);
  }

  /** Resets Alice's password through the API; resolves the notice's report link. */
  async function reportLink(): Promise<string> {
    const link = new URL(await fixture.mailedLink());
    const res = await fetch(fixture.url("/reset"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        token: link.searchParams.get("token"),
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      }),
    });
    expect(res.status).to.equal(200);
    await fixture.router.drain();
    const report = fixture.mailer.notices.at(-1)?.reportLink;
    expect(report).to.be.a("string");
    return report!;
  }

  for (const lang of LOCALES) {
    it(`in ${lang}: opening changes nothing; the button revokes, reports, and offers a reset`, async function () {
      const report = await reportLink();
      const outstanding = await fixture.mailedLink();
      const before = reports.length;
      const { page, csp } = await open(this, { locale: lang });

      await page.goto(report);
      await page.goto(report); // a scanner, or the owner, opening it twice
      expect(await page.textContent("h1")).to.equal(TITLES[lang].confirm);
      await expectClean(page, csp, lang);
      expect(reports.length, "opening the page ran the hook").to.equal(before);

      await page.click("button[type=submit]");
      await page.waitForURL((url) => !url.search.includes("token="));
      expect(await page.textContent("h1")).to.equal(TITLES[lang].done);
      await expectClean(page, csp, lang);
      expect(reports.slice(before)).to.deep.equal(["u1"]);

      // The link mailed before the report no longer resets anything.
      const dead = await fetch(fixture.url("/verify"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token: new URL(outstanding).searchParams.get("token") }),
      });
      expect(dead.status).to.equal(400);

      // The fresh reset it offers: the forgot page.
      await page.click("a.button");
      expect(new URL(page.url()).pathname).to.equal("/auth/password/forgot");

      // Used: the same link's button now says it cannot be used.
      await page.goto(report);
      await page.click("button[type=submit]");
      expect(await page.locator("h1").textContent()).to.not.equal(TITLES[lang].done);
      await expectClean(page, csp, lang);
      expect(reports.length).to.equal(before + 1);
    });
  }

  it("works with JavaScript off", async function () {
    const report = await reportLink();
    const before = reports.length;
    const { page } = await open(this, { javaScriptEnabled: false });
    await page.goto(report);
    await page.click("button[type=submit]");
    await page.waitForURL((url) => !url.search.includes("token="));
    expect(await page.textContent("h1")).to.equal(TITLES.en.done);
    expect(reports.length).to.equal(before + 1);
  });
});

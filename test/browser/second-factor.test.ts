/**
 * The second factor on the hosted code form, in headless Chromium: a texted code proves the
 * phone, and only then does the form ask for the account's Authentication code (the link form's
 * field is walked in pages.test.ts). In all five languages: the field appears after the proven code
 * with its own label, the page stays axe and CSP clean, and the password changes only with the
 * right answer.
 */
import { expect } from "chai";
import type { Page } from "playwright-core";
import { expectNoSeriousAxeViolations } from "./axe.js";
import { requireBrowser } from "./chromium.js";
import { startFixture, type Fixture } from "./fixture.js";
import { pageOpener } from "./helpers.js";

const LOCALES = ["en", "es", "fr", "de", "pt"] as const;
const PASSWORD = "correct horse battery staple";
const RIGHT = "246810";
const MOBILE = "+1 415 555 0100";

describe("the second factor on the hosted code form in Chromium", function () {
  let fixture: Fixture;
  const browser = pageOpener();

  before(async function () {
    requireBrowser(this);
    fixture = await startFixture({
      identifiers: ["email", "mobile"],
      secondFactor: { required: () => true, verify: ({ answer }) => answer === RIGHT },
    });
  });
  after(async () => {
    await fixture?.close();
  });
  async function open(ctx: Mocha.Context, locale: string): Promise<{ page: Page; csp: string[] }> {
    return browser.open(ctx, { locale });
  }

  async function expectGoodPage(page: Page, csp: string[], lang: string): Promise<void> {
    expect(await page.getAttribute("html", "lang")).to.equal(lang);
    await expectNoSeriousAxeViolations(page);
    expect(csp, "CSP violations").to.deep.equal([]);
  }

  /** A code texted to Alice's phone, asked through the JSON API. */
  async function textedCode(): Promise<string> {
    const res = await fetch(fixture.url("/forgot"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ mobile: MOBILE }),
    });
    if (res.status !== 200) throw new Error(`forgot answered ${res.status}`);
    return fixture.lastCode();
  }

  async function submit(page: Page, code: string): Promise<void> {
    await page.fill("#field-identifier", MOBILE);
    await page.fill("#field-code", code);
    await page.fill("#field-password", PASSWORD);
    await page.fill("#field-passwordConfirm", PASSWORD);
    await page.click("button[type=submit]");
  }

  it("asks for the Authentication code only after the texted code is proven, in every language", async function () {
    const labels: string[] = [];
    for (const lang of LOCALES) {
      const { page, csp } = await open(this, lang);
      const code = await textedCode();
      await page.goto(fixture.url("/reset"));
      expect(await page.locator("#field-otp").count(), "no factor field before the code is proven").to.equal(
        0,
      );
      await expectGoodPage(page, csp, lang);

      const updates = fixture.users.updates.length;
      await submit(page, code);
      // Proven code, no answer yet: the form again, now with the factor's field; nothing spent.
      expect(await page.locator("#field-otp").count()).to.equal(1);
      expect(await page.getAttribute("#field-otp", "autocomplete")).to.equal("one-time-code");
      labels.push(await page.locator('label[for="field-otp"]').innerText());
      await expectGoodPage(page, csp, lang);
      expect(fixture.users.updates.length, "nothing changed").to.equal(updates);

      await page.fill("#field-otp", "000000");
      await submit(page, code);
      expect(await page.getAttribute("#field-otp", "aria-invalid")).to.equal("true");
      await expectGoodPage(page, csp, lang);
      expect(fixture.users.updates.length, "a wrong answer changes nothing").to.equal(updates);

      await page.fill("#field-otp", RIGHT);
      await submit(page, code);
      // Five rounds on one phone: each new code has its own wrong answers (none carried over).
      expect(await page.locator("#field-otp").count(), await page.locator("main").innerText()).to.equal(0);
      await expectGoodPage(page, csp, lang); // success
      expect(fixture.users.updates.length).to.equal(updates + 1);
      await browser.close();
    }
    expect(labels[0]).to.equal("Authentication code");
    expect(new Set(labels).size, `one label per language: ${labels.join(" | ")}`).to.equal(LOCALES.length);
  });
});

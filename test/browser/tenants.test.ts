/**
 * The hosted pages under tenants, in headless Chromium: one router whose tenant comes from the
 * host the browser asked (127.0.0.1 is tenant a, localhost tenant b: the same server, port and
 * paths, and two sites to the browser, each with its own cookies). A link mailed in tenant a opened
 * on tenant b's host is refused without changing anything; in its own tenant the flow works, and
 * the success page offers only the redirect that tenant allows.
 */
import { expect } from "chai";
import type { Page } from "playwright-core";
import { expectNoSeriousAxeViolations } from "./axe.js";
import { requireBrowser } from "./chromium.js";
import { startFixture, type Fixture } from "./fixture.js";
import { pageOpener } from "./helpers.js";

const PASSWORD = "correct horse battery staple";
const ORIGINS: Record<string, string[]> = { a: ["https://a.example"], b: ["https://b.example"] };

describe("hosted pages under tenants in Chromium", function () {
  let fixture: Fixture;
  const browser = pageOpener();

  before(async function () {
    requireBrowser(this);
    fixture = await startFixture({
      tenant: ({ req }) => (req.hostname === "localhost" ? "b" : "a"),
      allowedRedirectOrigins: ({ tenant }) => (tenant === undefined ? undefined : ORIGINS[tenant]),
    });
  });
  after(async () => {
    await fixture?.close();
  });
  async function open(ctx: Mocha.Context): Promise<{ page: Page; csp: string[] }> {
    return browser.open(ctx);
  }

  /** `link` as tenant b's host serves it: the same port and path on localhost. */
  const onB = (link: string) => link.replace("//127.0.0.1:", "//localhost:");

  async function expectClean(page: Page, csp: string[]): Promise<void> {
    await expectNoSeriousAxeViolations(page);
    expect(csp, "CSP violations").to.deep.equal([]);
  }

  async function setPassword(page: Page): Promise<void> {
    await page.fill("#field-password", PASSWORD);
    await page.fill("#field-passwordConfirm", PASSWORD);
    await page.click("button[type=submit]");
  }

  it("refuses tenant a's link on tenant b's host, changing nothing; on a's host it resets", async function () {
    const { page, csp } = await open(this);
    const link = await fixture.mailedLink(); // asked on 127.0.0.1: tenant a
    const updates = fixture.users.updates.length;

    await page.goto(onB(link));
    expect(page.url()).to.equal(onB(fixture.url("/reset")));
    expect(await page.locator("h1").innerText()).to.equal("This link can’t be used");
    await expectClean(page, csp);
    expect(fixture.users.updates.length, "nothing changed").to.equal(updates);

    await page.goto(link);
    expect(await page.locator("h1").innerText()).to.equal("Choose a new password");
    await setPassword(page);
    expect(await page.locator("h1").innerText()).to.equal("Password changed");
    await expectClean(page, csp);
    expect(fixture.users.updates.length).to.equal(updates + 1);
  });

  it("walks the flow in tenant b on b's host, offering b's redirect and never a's", async function () {
    const { page, csp } = await open(this);
    for (const [target, offered] of [
      ["https://b.example/home", true],
      ["https://a.example/home", false],
    ] as const) {
      await page.goto(onB(fixture.url("/forgot")));
      fixture.mailer.clear();
      await page.fill("#field-identifier", "alice@example.com");
      await page.click("button[type=submit]");
      expect(await page.locator("h1").innerText()).to.equal("Check your inbox");
      // resetUrl names a's host; a deployment giving each tenant its own host would mail b's.
      const link = new URL(onB(await fixture.lastLink()));
      expect(fixture.mailer.last?.tenant).to.equal("b");
      link.searchParams.set("redirect", target);

      await page.goto(link.href);
      expect(await page.locator("h1").innerText()).to.equal("Choose a new password");
      await setPassword(page);
      expect(await page.locator("h1").innerText()).to.equal("Password changed");
      await expectClean(page, csp);
      const hrefs = await page
        .locator("a")
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")));
      expect(hrefs.includes(target), `${target} offered: ${hrefs.join(", ")}`).to.equal(offered);
    }
  });
});

// The hosted pages with `delivery.email: "link+code"`: the mailed link resets in the browser that
// opens it, the code form (the reset page opened without a link) resets with the identifier and
// the mailed code, and whichever is used first leaves the other dead.
import { expect } from "chai";
import request from "supertest";
import { createTestApp, EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { expectPassword, expectUnchanged } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import {
  askForLinkOnPage,
  BROWSER_ACCEPT,
  csrfOf,
  Jar,
  openLinkOnPage,
  postForm,
  resetOnPage,
} from "../helpers/page-forms.js";

const RESET_URL = "https://app.example.com/auth/password/reset";
const PASSWORD = "correct horse battery staple";

for (const version of EXPRESS_VERSIONS) {
  describe(`hosted pages with "link+code" mail (${version.name})`, () => {
    let t: TestApp;
    let sentPage: Awaited<ReturnType<typeof askForLinkOnPage>>;
    beforeEach(async () => {
      t = createTestApp(version, { resetUrl: RESET_URL, pages: true, delivery: { email: "link+code" } });
      sentPage = await askForLinkOnPage(t.app, "/auth/password/forgot", ALICE.email);
      await t.router.drain();
      expect(t.mailer.last?.link).to.be.a("string");
      expect(t.mailer.last?.code).to.match(/^\d{6}$/);
    });
    afterEach(() => t.router.close());

    /** The code form at the reset page, filled in and posted; the page it leads to. */
    async function resetWithCode(code: string) {
      const jar = new Jar();
      const form = await request(t.app).get("/auth/password/reset").set("Accept", BROWSER_ACCEPT).expect(200);
      expect(form.text).to.include('name="code"');
      jar.take(form.headers["set-cookie"]);
      const posted = await postForm(t.app, "/auth/password/reset", jar, {
        csrf: csrfOf(form.text),
        identifier: ALICE.email,
        code,
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      }).set("Sec-Fetch-Site", "same-origin");
      jar.take(posted.headers["set-cookie"]);
      if (posted.status !== 303) return posted;
      const to = new URL(posted.headers["location"] ?? "", "http://page.test/auth/password/reset");
      return request(t.app)
        .get(to.pathname + to.search)
        .set("Accept", BROWSER_ACCEPT)
        .set("Cookie", jar.header);
    }

    it('"check your inbox" offers the code form too (a link-only router\'s does not)', async () => {
      expect(sentPage.text).to.include("Check your inbox").and.include("Enter your code");
      const linkOnly = createTestApp(version, { resetUrl: RESET_URL, pages: true });
      try {
        const page = await askForLinkOnPage(linkOnly.app, "/auth/password/forgot", ALICE.email);
        expect(page.text).to.include("Check your inbox").and.not.include("Enter your code");
      } finally {
        await linkOnly.router.close();
      }
    });

    it("the link resets in the browser; then the code form refuses the code", async () => {
      const { link, code } = t.mailer.last!;
      const done = await resetOnPage(t.app, link!, PASSWORD);
      expect(done.text).to.include("Password changed");
      await expectPassword(t, ALICE.id, PASSWORD);
      const refused = await resetWithCode(code!);
      expect(refused.text).to.not.include("Password changed");
      expect(refused.text).to.include('name="code"');
    });

    it("the code form resets with the identifier and the code; then the link is dead", async () => {
      const { link, code } = t.mailer.last!;
      const done = await resetWithCode(code!);
      expect(done.text).to.include("Password changed");
      await expectPassword(t, ALICE.id, PASSWORD);
      const page = await openLinkOnPage(t.app, link!);
      expect(page.text).to.include("This link can’t be used");
    });

    it("a wrong code changes nothing and leaves the link working", async () => {
      const { link, code } = t.mailer.last!;
      const wrong = code!.slice(0, -1) + String((Number(code!.at(-1)) + 1) % 10);
      const refused = await resetWithCode(wrong);
      expect(refused.text).to.not.include("Password changed");
      await expectUnchanged(t, ALICE.id);
      expect((await resetOnPage(t.app, link!, PASSWORD)).text).to.include("Password changed");
    });
  });
}

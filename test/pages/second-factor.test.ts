// The hosted reset page and `accounts.secondFactor`: the form asks for the "Authentication code"
// only for an account that has a factor, and only once the link is proven (the page's check); a
// post without it, or with a wrong one, shows the form again with the error on that field and
// changes nothing; the right one resets. The field in five languages is walked in Chromium
// (test/browser/pages.test.ts).
import { expect } from "chai";
import request from "supertest";
import type { ResetUser } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { expectPassword, expectUnchanged } from "../helpers/expect.js";
import { ALICE, BOB } from "../helpers/fixtures.js";
import { csrfOf, Jar, openLinkOnPage, postForm } from "../helpers/page-forms.js";

const RESET_URL = "https://app.example.com/auth/password/reset";
const NEW_PASSWORD = "correct horse battery staple";
const RIGHT = "246810";

for (const version of EXPRESS_VERSIONS) {
  describe(`hosted pages: the second factor's field (${version.name})`, () => {
    let t: TestApp;
    beforeEach(() => {
      t = createTestApp(version, {
        resetUrl: RESET_URL,
        pages: true,
        accounts: {
          secondFactor: {
            required: ({ user }: { user: ResetUser }) => user.id === ALICE.id,
            verify: ({ answer }) => answer === RIGHT,
          },
        },
      });
    });
    afterEach(() => t.router.close());

    async function linkFor(email: string): Promise<string> {
      t.mailer.clear();
      await request(t.app).post("/auth/password/forgot").send({ email }).expect(200);
      await t.router.drain();
      return t.mailer.last!.link!;
    }

    function post(jar: Jar, html: string, fields: Record<string, string>) {
      return postForm(t.app, "/auth/password/reset", jar, {
        csrf: csrfOf(html),
        password: NEW_PASSWORD,
        passwordConfirm: NEW_PASSWORD,
        ...fields,
      }).set("Sec-Fetch-Site", "same-origin");
    }

    it("shows the Authentication code field for an account with a factor, and not for one without", async () => {
      const alice = await openLinkOnPage(t.app, await linkFor(ALICE.email));
      expect(alice.status).to.equal(200);
      expect(alice.text).to.include('name="otp"').and.include("Authentication code");
      expect(alice.text).to.include('autocomplete="one-time-code"');
      const bob = await openLinkOnPage(t.app, await linkFor(BOB.email));
      expect(bob.status).to.equal(200);
      expect(bob.text).not.to.include('name="otp"');
    });

    it("an empty or wrong code shows the form again with the error on the field and changes nothing; the right one resets", async () => {
      const jar = new Jar();
      const page = await openLinkOnPage(t.app, await linkFor(ALICE.email), jar);
      const empty = await post(jar, page.text, { otp: "" });
      expect(empty.status).to.equal(403);
      expect(empty.text).to.include("Enter the code from your authenticator app");
      expect(empty.text).to.match(
        /id="field-otp"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-otp"/,
      );
      jar.take(empty.headers["set-cookie"]);
      const wrong = await post(jar, empty.text, { otp: "000000" });
      expect(wrong.status).to.equal(400);
      expect(wrong.text).to.include("The authentication code is wrong");
      expect(wrong.text).to.include('name="otp"');
      expectUnchanged(t, ALICE.id);
      jar.take(wrong.headers["set-cookie"]);
      const right = await post(jar, wrong.text, { otp: ` ${RIGHT} ` });
      expect(right.status, right.text).to.equal(303);
      await expectPassword(t, ALICE.id, NEW_PASSWORD);
    });

    it("a form without the field (a page from before) gets the field back with its error, not a success", async () => {
      const jar = new Jar();
      const page = await openLinkOnPage(t.app, await linkFor(ALICE.email), jar);
      const res = await post(jar, page.text, {});
      expect(res.status).to.equal(403);
      expect(res.text).to.include('name="otp"');
      expectUnchanged(t, ALICE.id);
    });
  });
}

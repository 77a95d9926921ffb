// The `locale` every Mailer and SmsSender message carries, so an app's own sender can write in the
// reader's language: the user row's `locale` first, else the Accept-Language of the request that
// caused the message, matched against the languages the sender declares.
import { expect } from "chai";
import request from "supertest";
import { PasswordResetConfigError } from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { createTestApp, EXPRESS_VERSIONS } from "../helpers/app.js";
import { BASE, newPassword } from "../helpers/client.js";
import { ALICE } from "../helpers/fixtures.js";
import { DEFAULT_USERS, FakeUsers } from "../helpers/users.js";

function forgotWith(app: Parameters<typeof request>[0], body: object, acceptLanguage?: string) {
  const post = request(app).post(`${BASE}/forgot`);
  if (acceptLanguage !== undefined) post.set("Accept-Language", acceptLanguage);
  return post.send(body).expect(200);
}

for (const version of EXPRESS_VERSIONS) {
  describe(`messages carry the reader's locale (${version.name})`, () => {
    it("a reset message and the notice carry the language Accept-Language prefers among the shipped five", async () => {
      const t = createTestApp(version, { accounts: { identifiers: ["email", "mobile"] } });
      await forgotWith(t.app, { email: ALICE.email }, "it;q=1, de-AT;q=0.8, en;q=0.5");
      await t.router.drain();
      expect(t.mailer.last?.locale).to.equal("de");

      await request(t.app)
        .post(`${BASE}/reset`)
        .set("Accept-Language", "pt-BR")
        .send({ token: t.mailer.lastToken(), ...newPassword() })
        .expect(200);
      await t.router.drain();
      expect(t.mailer.notices.at(-1)?.locale).to.equal("pt");

      await forgotWith(t.app, { mobile: ALICE.mobile }, "fr-CA");
      await t.router.drain();
      expect(t.sms.last?.locale).to.equal("fr");
    });

    it("the row's locale wins over the header, canonicalised; without either there is no locale", async () => {
      const users = new FakeUsers(DEFAULT_USERS.map((user) => ({ ...user, locale: "pt-br" })));
      const t = createTestApp(version, { users });
      await forgotWith(t.app, { email: ALICE.email }, "de");
      await t.router.drain();
      expect(t.mailer.last?.locale).to.equal("pt-BR");

      const plain = createTestApp(version);
      await forgotWith(plain.app, { email: ALICE.email });
      await plain.router.drain();
      expect(plain.mailer.last).to.not.have.property("locale");
      // The app's own send has no request: only the row could say.
      await plain.router.sendResetLink(ALICE.email);
      expect(plain.mailer.last).to.not.have.property("locale");
    });

    it("a sender that declares `locales` gets the header matched against them", async () => {
      const mailer = Object.assign(new CapturingMailer(), { locales: ["it", "en"] as const });
      const t = createTestApp(version, { mailer });
      await forgotWith(t.app, { email: ALICE.email }, "it-CH, de;q=0.9");
      await t.router.drain();
      expect(t.mailer.last?.locale).to.equal("it");
      await forgotWith(t.app, { email: ALICE.email }, "de");
      await t.router.drain();
      expect(t.mailer.last).to.not.have.property("locale");
    });

    it("`mailer.locales` that are not language tags fail at construction, naming the option", () => {
      for (const locales of [[], ["not a tag!"], "de"]) {
        const mailer = Object.assign(new CapturingMailer(), { locales });
        expect(() => createTestApp(version, { mailer: mailer as unknown as CapturingMailer }))
          .to.throw(PasswordResetConfigError)
          .with.property("message")
          .that.includes("mailer.locales");
      }
    });
  });
}

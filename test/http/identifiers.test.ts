// Identifier fields: each one, the identifierType/identifierValue pair, what the user table is asked
// for (the normalised value), what is refused (line separators and bidi controls among it), and
// where a username's reset goes.
import { expect } from "chai";
import { createTestApp, EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { type Body, forgot, newPassword, post, reset, smsCode } from "../helpers/client.js";
import { expectOk, expectPassword, fieldsOf } from "../helpers/expect.js";
import { ALICE, CAROL } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";
import { type RouteName } from "../../lib/index.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`identifiers (${version.name})`, () => {
    let t: TestApp;
    beforeEach(() => {
      t = createCodeApp(version);
    });
    afterEach(() => t.router.close());

    describe("each field reaches findUser normalised", () => {
      const cases: Array<[string, Body, { type: string; value: string }]> = [
        [
          "email: trimmed, lower-cased",
          { email: "  Alice@EXAMPLE.com " },
          { type: "email", value: ALICE.email },
        ],
        [
          "email: NFKC (full-width letters)",
          { email: "ａｌｉｃｅ@example.com" },
          { type: "email", value: ALICE.email },
        ],
        [
          "mobile: spaces, brackets, dashes",
          { mobile: "+1 (415) 555-0100" },
          { type: "mobile", value: ALICE.mobile },
        ],
        [
          "mobile: 00 international prefix",
          { mobile: "00 1 415.555.0100" },
          { type: "mobile", value: ALICE.mobile },
        ],
        ["phone (alias of mobile)", { phone: " +1 415 555 0100 " }, { type: "mobile", value: ALICE.mobile }],
        ["username: NFKC + lower-case", { username: " ＡＬＩＣＥ " }, { type: "username", value: "alice" }],
        [
          "pair, identifierType mobile",
          { identifierType: "mobile", identifierValue: "+1 (415) 555-0100" },
          { type: "mobile", value: ALICE.mobile },
        ],
        [
          "pair, identifierType MOBILE",
          { identifierType: "MOBILE", identifierValue: "+14155550100" },
          { type: "mobile", value: ALICE.mobile },
        ],
        [
          "pair, identifierType Email",
          { identifierType: "Email", identifierValue: " Alice@Example.COM" },
          { type: "email", value: ALICE.email },
        ],
        [
          "pair, identifierType USERNAME",
          { identifierType: "USERNAME", identifierValue: "Alice" },
          { type: "username", value: "alice" },
        ],
      ];
      for (const [name, body, expected] of cases) {
        it(name, async () => {
          await forgot(t, body);
          expect(t.users.lookups).to.deep.equal([expected]);
          // Found, so a message went out to the address or number on the record.
          expect(t.mailer.resets.length + t.sms.messages.length).to.equal(1);
        });
      }
    });

    it("a code asked for with one spelling of the number is accepted with another, and with the phone alias", async () => {
      const code = await smsCode(t, { mobile: "+1 (415) 555-0100" });
      expectOk(await reset(t, { phone: "0014155550100", code }, "new-password-1"));
      await expectPassword(t, ALICE.id, "new-password-1");
    });

    it("the pair form works for the reset too", async () => {
      const code = await smsCode(t, { identifierType: "MOBILE", identifierValue: "+1 415 555 0100" });
      expectOk(
        await reset(t, { identifierType: "mobile", identifierValue: ALICE.mobile, code }, "new-password-2"),
      );
      await expectPassword(t, ALICE.id, "new-password-2");
    });

    describe("refused with 400 VALIDATION_ERROR, before any lookup", () => {
      async function refused(body: Body, route: RouteName = "forgot"): Promise<string[]> {
        const res = await post(t.app, route, {
          ...body,
          ...(route === "reset" ? { password: "new-password-1", passwordConfirm: "new-password-1" } : {}),
        });
        const fields = fieldsOf(res);
        await t.router.drain();
        expect(t.users.lookups, "no lookup").to.deep.equal([]);
        expect(t.mailer.resets.length + t.sms.messages.length, "nothing sent").to.equal(0);
        return fields;
      }

      it("two identifiers: the error names both fields", async () => {
        expect(await refused({ email: ALICE.email, mobile: ALICE.mobile })).to.have.members([
          "email",
          "mobile",
        ]);
        expect(await refused({ mobile: ALICE.mobile, phone: ALICE.mobile })).to.have.members([
          "mobile",
          "phone",
        ]);
        expect(
          await refused({ username: "alice", identifierType: "EMAIL", identifierValue: ALICE.email }),
        ).to.have.members(["username", "identifierValue"]);
      });

      it("two identifiers on verify and reset as well", async () => {
        expect(
          await refused({ email: ALICE.email, username: "alice", code: "123456" }, "verify"),
        ).to.have.members(["email", "username"]);
        expect(
          await refused({ email: ALICE.email, mobile: ALICE.mobile, code: "123456" }, "reset"),
        ).to.have.members(["email", "mobile"]);
      });

      it("an identifierType that is not a type, or a pair with no value", async () => {
        expect(await refused({ identifierType: "fax", identifierValue: "+14155550100" })).to.deep.equal([
          "identifierType",
        ]);
        expect(await refused({ identifierValue: "alice" })).to.deep.equal(["identifierType"]);
        expect(await refused({ identifierType: "EMAIL" })).to.deep.equal(["identifierValue"]);
      });

      it("an invalid phone number", async () => {
        for (const mobile of [
          "+1 415 CALL-NOW",
          "12",
          "+0123456789",
          "+1234567890123456789",
          "07700 900123",
        ]) {
          expect(await refused({ mobile }), mobile).to.deep.equal(["mobile"]);
        }
        expect(await refused({ identifierType: "MOBILE", identifierValue: "not a number" })).to.deep.equal([
          "identifierValue",
        ]);
      });

      it("an identifier of a wrong JSON type", async () => {
        expect(await refused({ mobile: 14155550100 })).to.deep.equal(["mobile"]);
        expect(await refused({ email: [ALICE.email] })).to.deep.equal(["email"]);
      });
    });

    it("a type not listed in `identifiers` is refused with 400 naming the field", async () => {
      const emailOnly = createTestApp(version); // identifiers default to ["email"]
      try {
        for (const body of [
          { mobile: ALICE.mobile },
          { phone: ALICE.mobile },
          { username: "alice" },
          { identifierType: "USERNAME", identifierValue: "alice" },
        ]) {
          const res = await post(emailOnly.app, "forgot", body);
          expect(fieldsOf(res), JSON.stringify(body)).to.have.length(1);
        }
        await emailOnly.router.drain();
        expect(emailOnly.users.lookups).to.deep.equal([]);
        // The accepted type still works on the same app.
        await forgot(emailOnly, { email: ALICE.email });
        expect(emailOnly.mailer.resets).to.have.length(1);
      } finally {
        await emailOnly.router.close();
      }
    });

    it("a username whose record has an email gets a link by email, not an SMS", async () => {
      await forgot(t, { username: "Alice" });
      expect(t.sms.messages).to.deep.equal([]);
      expect(t.mailer.resets).to.have.length(1);
      const mail = t.mailer.last!;
      expect(mail.to).to.equal(ALICE.email);
      expect(mail.code).to.equal(undefined);
      expect(mail.link).to.match(/^https:\/\/app\.example\.com\/reset-password\?token=/);
      const token = t.mailer.lastToken();
      expectOk(await reset(t, { token }, "new-password-3"));
      await expectPassword(t, ALICE.id, "new-password-3");
    });

    it("a username whose record has no email gets a code by SMS to the number on the record", async () => {
      const code = await smsCode(t, { username: "CAROL" }, CAROL.mobile);
      expect(t.mailer.resets).to.deep.equal([]);
      expect(code).to.match(/^\d{6}$/);
      expectOk(await reset(t, { username: "carol", code }, "new-password-4"));
      await expectPassword(t, CAROL.id, "new-password-4");
    });

    describe("line separators and bidi controls", () => {
      const characters: Array<[string, string]> = [
        ["U+2028 LINE SEPARATOR", "\u2028"],
        ["U+2029 PARAGRAPH SEPARATOR", "\u2029"],
        ["U+202E RIGHT-TO-LEFT OVERRIDE", "\u202E"],
        ["U+2066 LEFT-TO-RIGHT ISOLATE", "\u2066"],
      ];
      for (const [name, ch] of characters) {
        it(`${name} is 400 VALIDATION_ERROR on forgot, verify and reset, and findUser is never called`, async () => {
          const code = { code: "123456" };
          const attempts: Array<["forgot" | "verify" | "reset", Record<string, unknown>, string]> = [
            ["forgot", { username: `ali${ch}ce` }, "username"],
            ["forgot", { email: `alice${ch}@example.com` }, "email"],
            ["forgot", { identifierType: "USERNAME", identifierValue: `${ch}alice` }, "identifierValue"],
            ["verify", { username: `alice${ch}`, ...code }, "username"],
            ["reset", { username: `al${ch}ice`, ...code, ...newPassword() }, "username"],
          ];
          for (const [route, body, field] of attempts) {
            const res = await post(t.app, route, body);
            expect(fieldsOf(res), `${route} ${JSON.stringify(body)}`).to.include(field);
          }
          await t.router.drain();
          expect(t.users.lookups).to.deep.equal([]);
          expect(t.mailer.resets).to.deep.equal([]);
        });
      }

      it("right-to-left text without controls is an ordinary username", async () => {
        expect((await post(t.app, "forgot", { username: "שלום" })).status).to.equal(200);
        await t.router.drain();
        expect(t.users.lookups).to.deep.equal([{ type: "username", value: "שלום" }]);
      });
    });
  });
}

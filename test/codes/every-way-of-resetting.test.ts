// Every way of resetting, on one app accepting email, mobile and username with an SmsSender: a
// link, a code by SMS or by email, each with or without the verify step, each one changing the
// stored password hash.
import { expect } from "chai";
import type { Response } from "supertest";
import { EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { forgot, requestLink, reset, session, smsCode } from "../helpers/client.js";
import { expectOk, expectPassword } from "../helpers/expect.js";
import { ALICE, CAROL } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`every way of resetting changes the password (${version.name})`, () => {
    let t: TestApp;
    let emailed: TestApp;
    const secrets: string[] = [];
    const keep = (secret: string): string => (secrets.push(secret), secret);

    before(() => {
      t = createCodeApp(version, { identifiers: ["email", "mobile", "username"] });
      // `delivery` is per app: emailed codes need a sibling app configured for them.
      emailed = createCodeApp(version, {
        identifiers: ["email", "mobile", "username"],
        delivery: { email: "code" },
      });
    });
    after(async () => {
      await t.router.close();
      await emailed.router.close();
    });

    /** Runs one reset and checks it replaced the user's stored hash with the hash of `password`. */
    async function changes(app: TestApp, userId: string, password: string, act: () => Promise<Response>) {
      const before = app.users.hashOf(userId);
      expectOk(await act());
      expect(app.users.hashOf(userId)).to.not.equal(before);
      await expectPassword(app, userId, keep(password));
    }

    it("mobile code → reset", async () => {
      const code = keep(await smsCode(t, { mobile: "+1 (415) 555-0100" }));
      await changes(t, ALICE.id, "scenario-password-1", () =>
        reset(t, { mobile: ALICE.mobile, code }, "scenario-password-1"),
      );
    });

    it("mobile code → verify → reset with Authorization: Bearer", async () => {
      const code = keep(await smsCode(t, { mobile: ALICE.mobile }));
      const resetToken = keep(await session(t, { mobile: ALICE.mobile, code }));
      await changes(t, ALICE.id, "scenario-password-2", () =>
        reset(t, {}, "scenario-password-2", `Bearer ${resetToken}`),
      );
    });

    it("link → verify → reset with body resetToken", async () => {
      const token = keep(await requestLink(t, { email: ALICE.email }));
      const resetToken = keep(await session(t, { token }));
      await changes(t, ALICE.id, "scenario-password-3", () =>
        reset(t, { resetToken }, "scenario-password-3"),
      );
    });

    it("the identifierType/identifierValue pair: code → reset", async () => {
      const pair = { identifierType: "MOBILE", identifierValue: "+1 415 555 0100" };
      const code = keep(await smsCode(t, pair));
      await changes(t, ALICE.id, "scenario-password-4", () =>
        reset(t, { ...pair, code }, "scenario-password-4"),
      );
    });

    it("username without an email on record: SMS code → reset", async () => {
      const code = keep(await smsCode(t, { username: "carol" }, CAROL.mobile));
      await changes(t, CAROL.id, "scenario-password-5", () =>
        reset(t, { username: "carol", code }, "scenario-password-5"),
      );
    });

    it("emailed code (delivery: { email: 'code' }) → reset", async () => {
      await forgot(emailed, { email: "Alice@Example.com" });
      const mail = emailed.mailer.last!;
      expect(mail.to).to.equal(ALICE.email);
      expect(mail.link).to.equal(undefined);
      const code = keep(mail.code as string);
      await changes(emailed, ALICE.id, "scenario-password-6", () =>
        reset(emailed, { email: ALICE.email, code }, "scenario-password-6"),
      );
    });

    it("every reset was its own, and no code, token or password reached an event or a log line", () => {
      expect(t.users.updates.map((u) => u.userId)).to.deep.equal([
        ALICE.id,
        ALICE.id,
        ALICE.id,
        ALICE.id,
        CAROL.id,
      ]);
      expect(emailed.users.updates.map((u) => u.userId)).to.deep.equal([ALICE.id]);
      const said = JSON.stringify([t.events, t.logs, emailed.events, emailed.logs]);
      expect(secrets, "5 codes, 1 link token, 2 sessions, 6 passwords").to.have.length(14);
      for (const secret of secrets) {
        // Digits-only codes are matched as whole numbers: timestamps in events are digits too.
        const pattern = /^\d+$/.test(secret) ? new RegExp(`(?<!\\d)${secret}(?!\\d)`) : undefined;
        if (pattern) expect(said).to.not.match(pattern);
        else expect(said).to.not.include(secret);
      }
    });
  });
}

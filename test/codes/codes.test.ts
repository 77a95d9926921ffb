// Reset codes: their shape, what the store keeps of them, the identifier they are bound to, their
// lifetime, and the wrong-guess budget that lives per identifier across resends.
import { expect } from "chai";
import { MemoryTokenStore } from "../../lib/index.js";
import { deriveRealm, realmUserKey, tagged } from "../../lib/realm.js";
import { EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { forgot, reset, smsCode, verify, wrong } from "../helpers/client.js";
import { expectError, expectOk, expectPassword, expectUnchanged } from "../helpers/expect.js";
import { ALICE, CAROL, SECRET } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

const BY_MOBILE = { mobile: ALICE.mobile };

for (const version of EXPRESS_VERSIONS) {
  describe(`codes (${version.name})`, () => {
    let t: TestApp;
    afterEach(() => t.router.close());

    describe("shape", () => {
      it("is 6 digits by default", async () => {
        t = createCodeApp(version);
        expect(await smsCode(t, BY_MOBILE)).to.match(/^\d{6}$/);
      });

      it("has codeLength digits, all ten digits in use, leading zeros kept, over 200 draws", async () => {
        t = createCodeApp(version, { codeLength: 8 });
        const codes: string[] = [];
        for (let i = 0; i < 200; i++) {
          // A new day every 20 codes: past its day's tally (20) an account gets 12-digit codes.
          if (i % 20 === 0) t.clock.now += 24 * 3600 * 1000;
          codes.push(await smsCode(t, BY_MOBILE));
        }
        for (const code of codes) expect(code).to.match(/^\d{8}$/);
        expect(new Set(codes).size, "not one code over and over").to.be.greaterThan(1);
        // 1,600 digits: a digit missing by chance has probability below 1e-70.
        expect(new Set(codes.join(""))).to.have.property("size", 10);
        // A code made as a number without zero padding would never start with 0.
        // All 200 avoiding a leading 0 by chance: 0.9^200, about 7e-10.
        expect(
          codes.some((code) => code.startsWith("0")),
          "some code starts with 0",
        ).to.equal(true);
      });

      it("codeLength applies to codes sent by email too, and an emailed code resets", async () => {
        t = createCodeApp(version, { codeLength: 8, delivery: { email: "code" } });
        await forgot(t, { email: ALICE.email });
        const mail = t.mailer.last!;
        expect(mail.to).to.equal(ALICE.email);
        expect(mail.link).to.equal(undefined);
        expect(mail.code).to.match(/^\d{8}$/);
        expectOk(await reset(t, { email: ALICE.email, code: mail.code }, "new-password-1"));
        await expectPassword(t, ALICE.id, "new-password-1");
      });
    });

    it("the store never holds the code, only a hash that does not contain it", async () => {
      const store = new MemoryTokenStore({ now: () => t.clock.now });
      t = createCodeApp(version, { tokenStore: store });
      try {
        const code = await smsCode(t, { mobile: "+1 (415) 555-0100" });
        // Filed under the router's realm (its secret and namespace), then the identifier.
        const realm = deriveRealm({ secrets: [SECRET], namespace: "default" });
        const grant = await store.find("code", tagged(realm.keys[0], `mobile:${ALICE.mobile}`));
        expect(grant, "the code is filed under its normalised identifier").to.not.equal(null);
        expect(grant!.userId).to.equal(realmUserKey(realm, ALICE.id));
        expect(grant!.hash).to.not.equal(code);
        expect(grant!.hash).to.not.include(code);
        // Nor an encoding of it.
        for (const encoded of [
          code,
          Buffer.from(code).toString("hex"),
          Buffer.from(code).toString("base64"),
        ]) {
          expect(JSON.stringify(grant)).to.not.include(encoded);
        }
        // ... and that hash is what makes the code work.
        expectOk(await reset(t, { mobile: ALICE.mobile, code }, "new-password-1"));
      } finally {
        await store.close();
      }
    });

    it("works once", async () => {
      t = createCodeApp(version);
      const code = await smsCode(t, BY_MOBILE);
      expectOk(await reset(t, { ...BY_MOBILE, code }, "new-password-1"));
      expectError(await reset(t, { ...BY_MOBILE, code }, "new-password-2"), "INVALID_TOKEN");
      await expectPassword(t, ALICE.id, "new-password-1");
    });

    it("a new request supersedes the older code", async () => {
      t = createCodeApp(version);
      const first = await smsCode(t, BY_MOBILE);
      let second = await smsCode(t, BY_MOBILE);
      while (second === first) second = await smsCode(t, BY_MOBILE);
      expectError(await reset(t, { ...BY_MOBILE, code: first }, "new-password-1"), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
      expectOk(await reset(t, { ...BY_MOBILE, code: second }, "new-password-2"));
    });

    it("is bound to its identifier: A's code with B's identifier is INVALID_TOKEN, and still works for A", async () => {
      t = createCodeApp(version);
      const aliceCode = await smsCode(t, BY_MOBILE);
      let carolCode = await smsCode(t, { mobile: CAROL.mobile }, CAROL.mobile);
      while (carolCode === aliceCode) carolCode = await smsCode(t, { mobile: CAROL.mobile }, CAROL.mobile);

      expectError(
        await reset(t, { mobile: CAROL.mobile, code: aliceCode }, "new-password-1"),
        "INVALID_TOKEN",
      );
      expectError(await verify(t, { username: "carol", code: aliceCode }), "INVALID_TOKEN");
      expectUnchanged(t, CAROL.id);

      expectOk(await reset(t, { ...BY_MOBILE, code: aliceCode }, "new-password-2"));
      await expectPassword(t, ALICE.id, "new-password-2");
      expectOk(await reset(t, { mobile: CAROL.mobile, code: carolCode }, "new-password-3"));
      await expectPassword(t, CAROL.id, "new-password-3");
    });

    it("expires after codeTtlSeconds: TOKEN_EXPIRED on the fake clock", async () => {
      t = createCodeApp(version, { codeTtlSeconds: 120 });
      const early = await smsCode(t, BY_MOBILE);
      expect(t.sms.last!.expiresAt.getTime()).to.equal(t.clock.now + 120_000);
      t.clock.now += 119_000;
      expectOk(await verify(t, { ...BY_MOBILE, code: early }));

      const late = await smsCode(t, BY_MOBILE);
      t.clock.now += 121_000;
      expectError(await verify(t, { ...BY_MOBILE, code: late }), "TOKEN_EXPIRED");
      expectError(await reset(t, { ...BY_MOBILE, code: late }, "new-password-1"), "TOKEN_EXPIRED");
      expectUnchanged(t, ALICE.id);
    });

    describe("wrong guesses (maxCodeAttempts)", () => {
      /** Guesses wrong `n` times, alternating /verify and /reset, each answered INVALID_TOKEN. */
      async function guessWrong(code: string, n: number): Promise<void> {
        for (let i = 1; i <= n; i++) {
          const body = { ...BY_MOBILE, code: wrong(code, i) };
          const res = i % 2 ? await verify(t, body) : await reset(t, body, "attacker-password");
          expectError(res, "INVALID_TOKEN");
        }
      }

      it("maxCodeAttempts wrong guesses kill the code: the right code is then INVALID_TOKEN", async () => {
        t = createCodeApp(version, { maxCodeAttempts: 3 });
        const code = await smsCode(t, BY_MOBILE);
        await guessWrong(code, 3);
        expectError(await reset(t, { ...BY_MOBILE, code }, "new-password-1"), "INVALID_TOKEN");
        expectUnchanged(t, ALICE.id);
      });

      it("one guess fewer leaves the code alive", async () => {
        t = createCodeApp(version, { maxCodeAttempts: 3 });
        const code = await smsCode(t, BY_MOBILE);
        await guessWrong(code, 2);
        expectOk(await reset(t, { ...BY_MOBILE, code }, "new-password-1"));
        await expectPassword(t, ALICE.id, "new-password-1");
      });

      it("a new code asked for from the same network starts it afresh: 3 wrong, new code, 4 wrong, and the new code resets (max 5)", async () => {
        // 0.2 carried the 3 over (the new code was dead after 2 more). The network that asks for a
        // code is the code's own; what bounds resends now is the account's day tally (SECURITY.md).
        t = createCodeApp(version, { maxCodeAttempts: 5 });
        const first = await smsCode(t, BY_MOBILE);
        await guessWrong(first, 3);
        const second = await smsCode(t, { mobile: "+1 415 555 0100" }); // same identifier, other spelling
        await guessWrong(second, 4);
        expectOk(await reset(t, { ...BY_MOBILE, code: second }, "new-password-1"));
        await expectPassword(t, ALICE.id, "new-password-1");
      });

      it("an exhausted budget refuses that code, even its right digits; a new code then works", async () => {
        t = createCodeApp(version, { maxCodeAttempts: 5 });
        const first = await smsCode(t, BY_MOBILE);
        await guessWrong(first, 5);
        const refused = await verify(t, { ...BY_MOBILE, code: first });
        expectError(refused, "INVALID_TOKEN");
        expect(refused.body.error.message).to.equal("Too many wrong codes. Request a new code later.");

        const second = await smsCode(t, BY_MOBILE);
        expectOk(await reset(t, { ...BY_MOBILE, code: second }, "new-password-1"));
        await expectPassword(t, ALICE.id, "new-password-1");
      });

      it("a success clears the budget, by verify and by reset", async () => {
        t = createCodeApp(version, { maxCodeAttempts: 5 });
        const first = await smsCode(t, BY_MOBILE);
        await guessWrong(first, 4);
        expectOk(await verify(t, { ...BY_MOBILE, code: first }));

        const second = await smsCode(t, BY_MOBILE);
        await guessWrong(second, 4);
        expectOk(await reset(t, { ...BY_MOBILE, code: second }, "new-password-1"));

        const third = await smsCode(t, BY_MOBILE);
        await guessWrong(third, 4);
        expectOk(await reset(t, { ...BY_MOBILE, code: third }, "new-password-2"));
        await expectPassword(t, ALICE.id, "new-password-2");
      });

      it("a code never survives more than maxCodeAttempts wrong guesses, even when the budget window ends in its lifetime", async () => {
        // Guarantee 7. The budget window starts at the first wrong guess; a code sent later
        // outlives that window, and its guesses must not start from zero when it ends.
        t = createCodeApp(version, { maxCodeAttempts: 5, codeTtlSeconds: 900 });
        const first = await smsCode(t, BY_MOBILE);
        await guessWrong(first, 1); // window: now .. now + 900 s
        t.clock.now += 500_000;
        const second = await smsCode(t, BY_MOBILE); // lives until now + 900 s, past the window
        await guessWrong(second, 3);
        t.clock.now += 401_000; // the window has ended; `second` has 499 s to live
        await guessWrong(second, 4); // 7 wrong guesses at `second` so far
        expectError(await reset(t, { ...BY_MOBILE, code: second }, "new-password-1"), "INVALID_TOKEN");
        expectUnchanged(t, ALICE.id);
      });
    });
  });
}

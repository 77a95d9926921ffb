// `accounts.secondFactor`: an account with a second factor cannot have its password reset by whoever
// reads its mailbox (Keycloak 12759, authentik 18639, amplify-js 3390). `reset` then needs the
// answer in `otp`: none is 403 SECOND_FACTOR_REQUIRED with nothing spent (guarantee 6), a wrong one
// 400 INVALID_SECOND_FACTOR; the grant dies after `codes.maxAttempts` wrong answers (a bend of
// guarantee 6, like guarantee 7's), and wrong answers count per account across grants, so a new
// link buys no new guesses. Nobody learns whether an account has a factor before proving a link or
// code. ASVS 5.0 V6.4.3.
import { expect } from "chai";
import type { Request } from "express";
import type { ResetUser } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS, type TestApp, type TestAppOptions } from "../helpers/app.js";
import { post, requestLink, reset, session, smsCode, verify } from "../helpers/client.js";
import { expectError, expectOk, expectPassword, expectUnchanged } from "../helpers/expect.js";
import { ALICE, BOB, GOOD_PASSWORD } from "../helpers/fixtures.js";

/** Alice has an authenticator whose right answer is RIGHT; Bob has none. */
const RIGHT = "246810";
const WRONG = "135790";

interface FactorCall {
  userId: string;
  answer: string;
  req: Request;
}

function factorApp(version: (typeof EXPRESS_VERSIONS)[number], options: TestAppOptions = {}) {
  const calls: FactorCall[] = [];
  const afterReset: string[] = [];
  const t = createTestApp(version, {
    accounts: {
      secondFactor: {
        required: ({ user }: { user: ResetUser }) => user.id === ALICE.id,
        verify: async ({ user, answer, req }: { user: ResetUser; answer: string; req: Request }) => {
          calls.push({ userId: String(user.id), answer, req });
          return answer === RIGHT;
        },
      },
    },
    hooks: {
      afterReset: async ({ user }) => {
        afterReset.push(String(user.id));
        return { signedIn: true };
      },
    },
    ...options,
  });
  return { t, calls, afterReset };
}

function resetWith(t: TestApp, body: Record<string, unknown>, password = GOOD_PASSWORD) {
  return reset(t, body, password);
}

for (const version of EXPRESS_VERSIONS) {
  describe(`security: a second factor stands between a mailbox and the password (${version.name})`, () => {
    let t: TestApp;
    let calls: FactorCall[];
    let afterReset: string[];
    beforeEach(() => {
      ({ t, calls, afterReset } = factorApp(version));
    });
    afterEach(() => t.router.close());

    it("a reset without otp is 403 SECOND_FACTOR_REQUIRED, changes nothing and spends nothing", async () => {
      const token = await requestLink(t);
      expectError(await resetWith(t, { token }), "SECOND_FACTOR_REQUIRED");
      expectUnchanged(t, ALICE.id);
      expect(afterReset).to.deep.equal([]);
      expect(calls, "no answer, nothing to verify").to.deep.equal([]);
      // The link is still good: the same link with the answer resets.
      const res = await resetWith(t, { token, otp: RIGHT });
      expectOk(res);
      expect(res.body.data).to.deep.equal({ signedIn: true });
      await expectPassword(t, ALICE.id, GOOD_PASSWORD);
    });

    it("a wrong otp is 400 INVALID_SECOND_FACTOR, changes nothing, and afterReset runs only once the factor passed", async () => {
      const token = await requestLink(t);
      expectError(await resetWith(t, { token, otp: WRONG }), "INVALID_SECOND_FACTOR");
      expectUnchanged(t, ALICE.id);
      expect(afterReset).to.deep.equal([]);
      expectOk(await resetWith(t, { token, otp: RIGHT }));
      expect(afterReset).to.deep.equal([ALICE.id]);
      expect(calls.map((c) => [c.userId, c.answer])).to.deep.equal([
        [ALICE.id, WRONG],
        [ALICE.id, RIGHT],
      ]);
      expect(calls[0]!.req.path, "verify receives the Express request").to.be.a("string");
    });

    it("the grant dies after codes.maxAttempts wrong answers: the right one then gets INVALID_TOKEN", async () => {
      const token = await requestLink(t);
      for (let i = 0; i < 5; i++) {
        expectError(await resetWith(t, { token, otp: WRONG }), "INVALID_SECOND_FACTOR");
      }
      expectError(await resetWith(t, { token, otp: RIGHT }), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
      expect(calls, "the sixth answer never reaches verify").to.have.length(5);
    });

    it("a new link buys no new guesses: wrong answers count per account across grants, 2 × maxAttempts a day", async () => {
      for (let link = 0; link < 2; link++) {
        const token = await requestLink(t);
        for (let i = 0; i < 5; i++) {
          expectError(await resetWith(t, { token, otp: WRONG }), "INVALID_SECOND_FACTOR");
        }
      }
      const token = await requestLink(t);
      const refused = await resetWith(t, { token, otp: RIGHT });
      expectError(refused, "RATE_LIMITED");
      expect(Number(refused.headers["retry-after"])).to.be.greaterThan(0);
      expect(calls, "the eleventh answer of the day never reaches verify").to.have.length(10);
      expectUnchanged(t, ALICE.id);
      // A day later the account may answer again, with the same link (nothing was spent).
      t.clock.now += 24 * 3600 * 1000 + 1000;
      const fresh = await requestLink(t);
      expectOk(await resetWith(t, { token: fresh, otp: RIGHT }));
    });

    it("each new code has its own wrong answers: the last code's do not carry over to the next", async () => {
      const coded = factorApp(version, {
        accounts: {
          identifiers: ["email", "mobile"],
          secondFactor: {
            required: ({ user }: { user: ResetUser }) => user.id === ALICE.id,
            verify: ({ answer }: { answer: string }) => answer === RIGHT,
          },
        },
      }).t;
      try {
        const first = await smsCode(coded);
        const body = (code: string, otp: string) => ({ mobile: ALICE.mobile, code, otp });
        for (let i = 0; i < 4; i++) {
          expectError(await resetWith(coded, body(first, WRONG)), "INVALID_SECOND_FACTOR");
        }
        expectOk(await resetWith(coded, body(first, RIGHT)));
        // A new code for the same phone: a fresh grant, whose right answer is its first.
        expectOk(await resetWith(coded, body(await smsCode(coded), RIGHT), "violet harbour lantern 1"));
      } finally {
        await coded.router.close();
      }
    });

    it("before a link or code is proven nothing tells whether an account has a factor", async () => {
      expectError(await resetWith(t, { token: "not-a-real-token" }), "INVALID_TOKEN");
      expectError(await resetWith(t, { email: ALICE.email, code: "123456" }), "INVALID_TOKEN");
      for (const email of [ALICE.email, BOB.email, "nobody@example.com"]) {
        const res = await post(t.app, "forgot", { email });
        expect(res.body).to.deep.equal({ success: true, data: {} });
      }
      await t.router.drain();
    });

    it("verify answers secondFactor: true beside the reset session for an account with a factor, nothing for one without", async () => {
      const alice = await verify(t, { token: await requestLink(t) });
      expectOk(alice);
      expect(alice.body.data).to.include({ secondFactor: true, expiresIn: 600 });
      const bob = await verify(t, { token: await requestLink(t, BOB.email) });
      expectOk(bob);
      expect(bob.body.data).not.to.have.property("secondFactor");
    });

    it("check answers secondFactor: true beside valid for an account with a factor, and spends nothing", async () => {
      const checking = factorApp(version, { http: { paths: { check: "/check" } } }).t;
      try {
        const token = await requestLink(checking);
        const res = await post(checking.app, "check", { token });
        expect(res.body).to.deep.equal({ success: true, data: { valid: true, secondFactor: true } });
        const bob = await post(checking.app, "check", { token: await requestLink(checking, BOB.email) });
        expect(bob.body).to.deep.equal({ success: true, data: { valid: true } });
        expectOk(await resetWith(checking, { token, otp: RIGHT }));
      } finally {
        await checking.router.close();
      }
    });

    it("a reset session from verify still needs the factor, and carries it through", async () => {
      const resetToken = await session(t, { token: await requestLink(t) });
      expectError(await resetWith(t, { resetToken }), "SECOND_FACTOR_REQUIRED");
      expectError(await resetWith(t, { resetToken, otp: WRONG }), "INVALID_SECOND_FACTOR");
      expectOk(await resetWith(t, { resetToken, otp: RIGHT }));
      await expectPassword(t, ALICE.id, GOOD_PASSWORD);
    });

    it("an account without a factor resets as before, and an otp it sends is ignored", async () => {
      expectOk(await resetWith(t, { token: await requestLink(t, BOB.email) }));
      await expectPassword(t, BOB.id, GOOD_PASSWORD);
      expect(calls).to.deep.equal([]);
    });

    it("a password the policy refuses is refused before the factor is asked, so no answer is used up", async () => {
      const token = await requestLink(t);
      const res = await resetWith(t, { token, otp: RIGHT }, "password");
      expectError(res, "VALIDATION_ERROR");
      expect(calls).to.deep.equal([]);
    });

    it("a verify hook that throws is INTERNAL_ERROR and spends nothing", async () => {
      const failing = createTestApp(version, {
        accounts: {
          secondFactor: {
            required: () => true,
            verify: async () => {
              throw new Error("authenticator service down");
            },
          },
        },
      });
      try {
        const token = await requestLink(failing);
        expectError(await resetWith(failing, { token, otp: RIGHT }), "INTERNAL_ERROR");
        expectUnchanged(failing, ALICE.id);
        // Not a wrong answer: the link still works once the service is back.
        expectError(await resetWith(failing, { token }), "SECOND_FACTOR_REQUIRED");
      } finally {
        await failing.router.close();
      }
    });
  });
}

// Someone who does not hold a code must not be able to stop its owner from using it. Wrong
// guesses are budgeted per (identifier, client network) and per (code, network); nothing kills a
// code for everyone (test/security/code-guess-budget.test.ts has the account's day tally and the
// code's own network). Client networks are simulated with `trust proxy` and X-Forwarded-For, as a
// load balancer in front of the app would report them. (From a single client:
// test/codes/codes.test.ts.)
import { expect } from "chai";
import type { Response } from "supertest";
import type { ExpressVersion, TestAppOptions } from "../helpers/app.js";
import { EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { postFrom, smsCode, wrong } from "../helpers/client.js";
import { expectError, expectOk, expectPassword, expectUnchanged } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

const BY_MOBILE = { mobile: ALICE.mobile };
const MAX = 5;
const GUESSER = "203.0.113.7"; // network A
const OWNER = "198.51.100.9"; // network B
const TOO_MANY = "Too many wrong codes. Request a new code later.";

/** A code app behind a trusted proxy, so each request's X-Forwarded-For is its client address. */
function lockoutApp(version: ExpressVersion, options: TestAppOptions = {}): TestApp {
  const t = createCodeApp(version, { maxCodeAttempts: MAX, ...options });
  t.app.set("trust proxy", true);
  return t;
}

/** One guess of `code` from `ip`, on /verify (odd) or /reset (even): both spend the same budget. */
function guessFrom(t: TestApp, ip: string, code: string, i: number): Promise<Response> {
  const body = { ...BY_MOBILE, code };
  return i % 2
    ? postFrom(t.app, ip, "verify", body)
    : postFrom(t.app, ip, "reset", {
        ...body,
        password: "attacker-password",
        passwordConfirm: "attacker-password",
      });
}

/** `n` wrong guesses at `code` from `ip`: the first MAX are plain INVALID_TOKEN, the rest "too many". */
async function guessWrongFrom(t: TestApp, ip: string, code: string, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const res = await guessFrom(t, ip, wrong(code, (i % 9) + 1), i);
    expectError(res, "INVALID_TOKEN");
    if (i > MAX) expect(res.body.error.message, `guess ${i} from ${ip}`).to.equal(TOO_MANY);
  }
}

/** The owner asks for a code from network B (theirs); resolves the digits their phone received. */
async function ownerAsks(t: TestApp): Promise<string> {
  expectOk(await postFrom(t.app, OWNER, "forgot", BY_MOBILE));
  await t.router.drain();
  return t.sms.last!.code;
}

/** The owner, on `ip`, resets with the code they were sent. */
function ownerResets(t: TestApp, code: string, ip = OWNER): Promise<Response> {
  return postFrom(t.app, ip, "reset", {
    ...BY_MOBILE,
    code,
    password: "owner-new-password",
    passwordConfirm: "owner-new-password",
  });
}

for (const version of EXPRESS_VERSIONS) {
  describe(`security: code lockout by strangers (${version.name})`, () => {
    let t: TestApp;
    afterEach(() => t.router.close());

    it("after a guesser on network A spends its budget, the owner on network B resets with their code", async () => {
      t = lockoutApp(version);
      const code = await smsCode(t, BY_MOBILE);
      await guessWrongFrom(t, GUESSER, code, MAX + 3);
      expectOk(await ownerResets(t, code));
      await expectPassword(t, ALICE.id, "owner-new-password");
    });

    it("the guesser's own network is refused 'Too many wrong codes' even with the right code, and the code lives on for the owner", async () => {
      t = lockoutApp(version);
      const code = await smsCode(t, BY_MOBILE);
      await guessWrongFrom(t, GUESSER, code, MAX);
      const right = await ownerResets(t, code, GUESSER);
      expectError(right, "INVALID_TOKEN");
      expect(right.body.error.message).to.equal(TOO_MANY);
      expectUnchanged(t, ALICE.id);
      expectOk(await ownerResets(t, code, OWNER));
      await expectPassword(t, ALICE.id, "owner-new-password");
    });

    it("guesses sent before any code was requested do not stop the owner requesting and using one", async () => {
      t = lockoutApp(version);
      await guessWrongFrom(t, GUESSER, "123456", MAX + 1);
      const code = await smsCode(t, BY_MOBILE);
      expectOk(await ownerResets(t, code));
      await expectPassword(t, ALICE.id, "owner-new-password");
    });
    it("one network alone cannot reach the ceiling: its refused guesses do not count toward it", async () => {
      // Every guess past the network's budget is already refused; were it still counted account-wide,
      // one network would reach 4 × maxCodeAttempts by itself and kill the code for its owner.
      t = lockoutApp(version);
      const code = await smsCode(t, BY_MOBILE);
      await guessWrongFrom(t, GUESSER, code, MAX * 5);
      expectOk(await ownerResets(t, code));
      await expectPassword(t, ALICE.id, "owner-new-password");
    });

    it("with the default rate limits and maxCodeAttempts: 3, the guesser's 20 requests allowed per IP do not lock the owner out", async () => {
      t = lockoutApp(version, { maxCodeAttempts: 3, rateLimit: undefined });
      const code = await smsCode(t, BY_MOBILE);
      for (let i = 1; i <= 20; i++)
        expectError(await guessFrom(t, GUESSER, wrong(code, (i % 9) + 1), i), "INVALID_TOKEN");
      expectOk(await ownerResets(t, code));
      await expectPassword(t, ALICE.id, "owner-new-password");
    });

    it("guesses from three networks, each spending its budget, leave the owner on a fourth able to reset", async () => {
      t = lockoutApp(version);
      const code = await smsCode(t, BY_MOBILE);
      for (const ip of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) await guessWrongFrom(t, ip, code, MAX);
      expectOk(await ownerResets(t, code));
    });

    it("four networks spending their budgets (0.2's account-wide ceiling) leave the code alive for its owner", async () => {
      // 0.2 deleted the code past 4 × maxCodeAttempts from 4+ networks, the owner's too: a lever
      // anyone could pull. The code now belongs to the network that asked for it.
      t = lockoutApp(version);
      const code = await ownerAsks(t);
      for (const ip of ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"])
        await guessWrongFrom(t, ip, code, MAX);
      expectError(await guessFrom(t, "203.0.113.5", wrong(code), 1), "INVALID_TOKEN");
      expectOk(await ownerResets(t, code));
      await expectPassword(t, ALICE.id, "owner-new-password");
    });

    it("after five networks spend their budgets, a code the owner asks for at once works (longer, not refused)", async () => {
      // 0.2 refused every new code until the ceiling's window (codeTtlSeconds) ended.
      t = lockoutApp(version);
      const code = await ownerAsks(t);
      for (const ip of ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"])
        await guessWrongFrom(t, ip, code, MAX);
      const again = await ownerAsks(t);
      expect(again).to.match(/^\d{12}$/);
      expectOk(await ownerResets(t, again));
      await expectPassword(t, ALICE.id, "owner-new-password");
    });
  });
}

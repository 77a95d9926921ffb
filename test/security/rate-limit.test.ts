// Rate limits (guarantee 8): the defaults, what they are keyed on (a keyed hash, never an address
// or number), and that each can be turned off.
// Without them an attacker floods a victim's inbox, or guesses codes and tokens at line speed.
import { expect } from "chai";
import sinon from "sinon";
import type { Response } from "supertest";
import { EXPRESS_VERSIONS, createTestApp, type TestApp } from "../helpers/app.js";
import { post, postFrom, stableHeaders } from "../helpers/client.js";
import { testClock } from "../helpers/clock.js";
import { expectError } from "../helpers/expect.js";
import { createSmsApp, createStoreApp } from "../helpers/sms-apps.js";
import { SwitchableStore } from "../helpers/switchable-store.js";

// `createTestApp` turns limits off; `rateLimit: undefined` means "the defaults", as for a user.
const DEFAULT_LIMITS = { rateLimit: undefined } as const;

function expectRateLimited(res: Response): void {
  expectError(res, "RATE_LIMITED");
  const retryAfter = Number(res.headers["retry-after"]);
  expect(Number.isInteger(retryAfter), `Retry-After: ${res.headers["retry-after"]}`).to.equal(true);
  expect(retryAfter).to.be.within(1, 900);
}

/** POST /forgot from `ip` (in X-Forwarded-For), or with no such header when `ip` is undefined. */
function forgotFrom(t: TestApp, ip: string | undefined, body: object) {
  return ip === undefined ? post(t.app, "forgot", body) : postFrom(t.app, ip, "forgot", body);
}

for (const version of EXPRESS_VERSIONS) {
  describe(`security: rate limits (${version.name})`, () => {
    describe("forgot, per identifier (3 per 15 minutes by default)", () => {
      it("answers the 4th request for one identifier 429 RATE_LIMITED with Retry-After, before any lookup", async () => {
        const t = createTestApp(version, DEFAULT_LIMITS);
        for (let i = 0; i < 3; i++)
          expect((await post(t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
        const fourth = await post(t.app, "forgot", { email: "alice@example.com" });
        expectRateLimited(fourth);
        await t.router.drain();
        // The refused request never reached the user table, so it cannot have sent a 4th mail.
        expect(t.users.lookups).to.have.length(3);
        expect(t.mailer.resets).to.have.length(3);
        expect(t.events.filter((e) => e.type === "rate_limited")).to.have.length(1);
        await t.router.close();
      });

      it("gives known and unknown accounts byte-identical 429s (status, body, headers except Date)", async () => {
        const t = createTestApp(version, DEFAULT_LIMITS);
        const fourth = async (email: string) => {
          for (let i = 0; i < 3; i++) await post(t.app, "forgot", { email });
          return post(t.app, "forgot", { email });
        };
        const known = await fourth("alice@example.com");
        const unknown = await fourth("nobody@example.com");
        expectRateLimited(known);
        expect(unknown.status).to.equal(known.status);
        expect(unknown.text).to.equal(known.text);
        expect(stableHeaders(unknown)).to.deep.equal(stableHeaders(known));
        await t.router.close();
      });

      it("counts spellings of one email together: case, surrounding spaces, NFKC width forms", async () => {
        const t = createTestApp(version, DEFAULT_LIMITS);
        expect((await post(t.app, "forgot", { email: "Alice@Example.com" })).status).to.equal(200);
        expect((await post(t.app, "forgot", { email: " alice@example.com" })).status).to.equal(200);
        // Full-width "ａｌｉｃｅ" is NFKC-equal to "alice": the contract's normalisation.
        expect((await post(t.app, "forgot", { email: "ａｌｉｃｅ@EXAMPLE.com " })).status).to.equal(200);
        expectRateLimited(
          await post(t.app, "forgot", { identifierType: "email", identifierValue: "ALICE@example.COM" }),
        );
        await t.router.close();
      });

      it("counts spellings of one mobile number together, across the `mobile` and `phone` fields", async () => {
        const m = createSmsApp(version, DEFAULT_LIMITS);
        expect((await post(m.app, "forgot", { mobile: "+1 (415) 555-0100" })).status).to.equal(200);
        expect((await post(m.app, "forgot", { phone: "+14155550100" })).status).to.equal(200);
        expect((await post(m.app, "forgot", { mobile: "+1 415.555.0100" })).status).to.equal(200);
        expectRateLimited(await post(m.app, "forgot", { mobile: "+14155550100" }));
        await m.router.close();
      });

      it("keeps separate budgets for separate identifiers", async () => {
        const t = createTestApp(version, DEFAULT_LIMITS);
        for (let i = 0; i < 3; i++) await post(t.app, "forgot", { email: "alice@example.com" });
        expect((await post(t.app, "forgot", { email: "bob@example.com" })).status).to.equal(200);
        await t.router.close();
      });
    });

    describe("forgot, per IP (20 per 15 minutes by default), keyed on req.ip", () => {
      it("answers the 21st request from one address 429, whatever identifiers it names", async () => {
        const t = createTestApp(version, DEFAULT_LIMITS);
        for (let i = 0; i < 20; i++) {
          expect((await post(t.app, "forgot", { email: `user${i}@example.com` })).status).to.equal(200);
        }
        expectRateLimited(await post(t.app, "forgot", { email: "someone-else@example.com" }));
        await t.router.close();
      });

      it("behind a trusted proxy, counts each client address (X-Forwarded-For) separately", async () => {
        const t = createTestApp(version, DEFAULT_LIMITS);
        t.app.set("trust proxy", true);
        for (let i = 0; i < 20; i++) {
          expect((await forgotFrom(t, "203.0.113.7", { email: `user${i}@example.com` })).status).to.equal(
            200,
          );
        }
        const limited = await forgotFrom(t, "203.0.113.7", { email: "late@example.com" });
        expectRateLimited(limited);
        // A different client behind the same proxy has its own budget.
        expect((await forgotFrom(t, "198.51.100.9", { email: "late@example.com" })).status).to.equal(200);
        expect(t.events.find((e) => e.type === "rate_limited")?.ip).to.equal("203.0.113.7");
        await t.router.close();
      });

      it("without trust proxy, a forged X-Forwarded-For cannot dodge the limit", async () => {
        const t = createTestApp(version, DEFAULT_LIMITS);
        for (let i = 0; i < 20; i++) {
          expect((await forgotFrom(t, `10.0.${i}.1`, { email: `user${i}@example.com` })).status).to.equal(
            200,
          );
        }
        expectRateLimited(await forgotFrom(t, "10.99.99.99", { email: "fresh@example.com" }));
        await t.router.close();
      });
    });

    describe("verify + reset share one per-IP budget (20 per 15 minutes by default)", () => {
      it("answers the 21st verify-or-reset from one address 429, and leaves forgot's budget alone", async () => {
        const t = createTestApp(version, DEFAULT_LIMITS);
        for (let i = 0; i < 10; i++)
          expectError(await post(t.app, "verify", { token: `bogus-${i}` }), "INVALID_TOKEN");
        for (let i = 0; i < 10; i++) {
          const res = await post(t.app, "reset", {
            token: `bogus-${i}`,
            password: "long-enough-1",
            passwordConfirm: "long-enough-1",
          });
          expectError(res, "INVALID_TOKEN");
        }
        expectRateLimited(await post(t.app, "verify", { token: "bogus-21" }));
        expectRateLimited(
          await post(t.app, "reset", {
            token: "bogus-22",
            password: "long-enough-1",
            passwordConfirm: "long-enough-1",
          }),
        );
        expect((await post(t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
        await t.router.close();
      });

      it("stops code guessing: the 21st guess from one address is refused before the store looks up any code", async () => {
        const clock = testClock();
        const store = new SwitchableStore(clock.fn);
        const t = createTestApp(version, {
          ...DEFAULT_LIMITS,
          maxCodeAttempts: 100,
          delivery: { email: "code" },
          tokenStore: store,
          now: clock.fn,
        });
        for (let i = 0; i < 20; i++) {
          const guess = String(i).padStart(6, "0");
          expectError(
            await post(t.app, "verify", { email: "alice@example.com", code: guess }),
            "INVALID_TOKEN",
          );
        }
        expectRateLimited(await post(t.app, "verify", { email: "alice@example.com", code: "999999" }));
        expect(store.calls.filter((call) => call === "find")).to.have.length(20);
        await t.router.close();
        await store.close();
      });
    });

    describe("turning limits off", () => {
      it("`rateLimit: false` turns every limit off", async () => {
        const t = createTestApp(version, { rateLimit: false });
        for (let i = 0; i < 25; i++)
          expect((await post(t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
        for (let i = 0; i < 25; i++)
          expectError(await post(t.app, "verify", { token: "bogus" }), "INVALID_TOKEN");
        await t.router.close();
      });

      it("`forgotPerIdentifier: false` turns off only that rule", async () => {
        const t = createTestApp(version, { rateLimit: { forgotPerIdentifier: false } });
        for (let i = 0; i < 20; i++)
          expect((await post(t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
        expectRateLimited(await post(t.app, "forgot", { email: "alice@example.com" })); // the IP rule is still on
        await t.router.close();
      });

      it("`forgotPerIp: false` turns off only that rule", async () => {
        const t = createTestApp(version, { rateLimit: { forgotPerIp: false } });
        for (let i = 0; i < 25; i++)
          expect((await post(t.app, "forgot", { email: `user${i}@example.com` })).status).to.equal(200);
        for (let i = 0; i < 3; i++) await post(t.app, "forgot", { email: "alice@example.com" });
        expectRateLimited(await post(t.app, "forgot", { email: "alice@example.com" })); // the identifier rule is still on
        await t.router.close();
      });

      it("`verifyResetPerIp: false` turns off only that rule", async () => {
        const t = createTestApp(version, { rateLimit: { verifyResetPerIp: false } });
        for (let i = 0; i < 25; i++)
          expectError(await post(t.app, "verify", { token: "bogus" }), "INVALID_TOKEN");
        for (let i = 0; i < 3; i++) await post(t.app, "forgot", { email: "alice@example.com" });
        expectRateLimited(await post(t.app, "forgot", { email: "alice@example.com" }));
        await t.router.close();
      });

      it("custom rules replace the defaults", async () => {
        const t = createTestApp(version, {
          rateLimit: { forgotPerIdentifier: { points: 1, durationSeconds: 60 } },
        });
        expect((await post(t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
        const second = await post(t.app, "forgot", { email: "alice@example.com" });
        expectRateLimited(second);
        expect(Number(second.headers["retry-after"])).to.be.within(1, 60);
        await t.router.close();
      });
    });

    describe("counter keys hold no personal data", () => {
      it("limit and guess counters are keyed by a hash: no email, number or address appears in a key", async () => {
        const { t, store, close } = createStoreApp(version, { rateLimit: undefined });
        const keys: string[] = [];
        const count = store.inner.countAttempt.bind(store.inner);
        sinon.replace(store.inner, "countAttempt", async (key: string, windowMs: number) => {
          keys.push(key);
          return count(key, windowMs);
        });
        const typed = ["alice@example.com", "nobody@example.com", "+14155550100", "+14155550199"];
        for (const email of typed.slice(0, 2)) await post(t.app, "forgot", { email });
        for (const mobile of typed.slice(2)) {
          await post(t.app, "forgot", { mobile });
          await post(t.app, "verify", { mobile, code: "123456" });
        }
        await t.router.drain();
        expect(keys.length, "the limits and budgets were counted").to.be.greaterThan(2);
        for (const key of keys) {
          for (const plain of [...typed, "14155550100", "example.com", "127.0.0.1"])
            expect(key, `key ${key}`).not.to.include(plain);
        }
        sinon.restore();
        await close();
      });
    });
  });
}

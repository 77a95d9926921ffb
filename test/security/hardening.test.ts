// Issue 12, the low and hardening findings, each as a user of the router would notice it:
// 7 bcrypt's 72 bytes, 8 a failing afterReset, 9 the SMS notice, 10 scrubbing of encoded secrets,
// 11 a failing or async resetUrl, 12 separators and bidi controls in identifiers, 13 OPTIONS
// headers, 14 an http: resetUrl in production, 20 personal data in counter keys. (6 is in postgres-identifier.test.ts, 15 in
// hash-load.test.ts; 2 and 3 in lockout.test.ts and ipv6.test.ts.)
import { expect } from "chai";
import sinon from "sinon";
import request from "supertest";
import { PasswordResetConfigError, createPasswordResetRouter } from "../../lib/index.js";
import type { PasswordResetEvent, PasswordResetOptions } from "../../lib/index.js";
import { CapturingMailer, CapturingSmsSender } from "../../lib/testing/index.js";
import { EXPRESS_VERSIONS, FAST_HASH, createTestApp, type TestApp } from "../helpers/app.js";
import { FakeUsers } from "../helpers/users.js";
import { BASE, post, requestLink, smsCode } from "../helpers/client.js";
import { expectFieldError, expectGenericInternalError, fieldsOf } from "../helpers/expect.js";
import { ALICE, CAROL, GOOD_PASSWORD } from "../helpers/fixtures.js";
import { createCodeApp, createSmsApp, createStoreApp } from "../helpers/sms-apps.js";

/** POST /reset with a link token and a new password. */
function resetWithLink(t: TestApp, token: string, password = GOOD_PASSWORD) {
  return post(t.app, "reset", { token, password, passwordConfirm: password });
}

/** The `adapter.failed` events of `operation`. */
function failuresOf(t: TestApp, operation: string): PasswordResetEvent[] {
  return t.events.filter((e) => e.type === "adapter.failed" && e.operation === operation);
}

/** The shipped capturing SMS sender records password-changed notices too. */
const NoticeSms = CapturingSmsSender;

for (const version of EXPRESS_VERSIONS) {
  describe(`security: hardening from the red-team review (${version.name})`, () => {
    describe("7: password.maxBytes and the default bcrypt hasher", () => {
      it("maxBytes above 72 with the default hasher throws a PasswordResetConfigError naming `password.maxBytes`", () => {
        expect(() => createTestApp(version, { hashPassword: undefined, password: { maxBytes: 100 } }))
          .to.throw(PasswordResetConfigError)
          .with.property("message")
          .that.matches(/password\.maxBytes/);
      });

      it("with a custom hashPassword, maxBytes 100 is accepted and a 100-byte password resets", async () => {
        const t = createTestApp(version, { password: { maxBytes: 100 } });
        const password = "ü".repeat(50); // 50 characters, 100 bytes of UTF-8
        expect(Buffer.byteLength(password)).to.equal(100);
        const token = await requestLink(t);
        expectFieldError(await resetWithLink(t, token, `${password}x`), "password");
        const res = await resetWithLink(t, token, password);
        expect(res.status, res.text).to.equal(200);
        expect(t.users.hashOf(ALICE.id)).to.equal(await FAST_HASH(password));
        await t.router.close();
      });
    });

    describe("8: afterReset throws after the password changed", () => {
      it("answers 200 without the hook's fields, keeps the new password, sends the notice, reports an event", async () => {
        const t = createTestApp(version, {
          afterReset: async () => {
            throw new Error("session service is down");
          },
        });
        const token = await requestLink(t);
        const res = await resetWithLink(t, token);
        expect(res.status, res.text).to.equal(200);
        expect(res.body).to.deep.equal({ success: true, data: {} });
        await t.router.drain();
        expect(t.users.hashOf(ALICE.id)).to.equal(await FAST_HASH(GOOD_PASSWORD));
        expect(t.mailer.notices.map((n) => n.to)).to.deep.equal([ALICE.email]);
        const failures = failuresOf(t, "afterReset");
        expect(failures).to.have.length(1);
        expect(failures[0]?.error?.message).to.equal("session service is down");
        await t.router.close();
      });
    });

    describe("9: the password-changed notice by SMS", () => {
      it("an account with no email is told by SMS: sendPasswordChanged gets { to, user, changedAt }", async () => {
        const sms = new NoticeSms();
        const t = createSmsApp(version, { sms });
        const code = await smsCode(t, CAROL.mobile);
        const res = await post(t.app, "reset", {
          mobile: CAROL.mobile,
          code,
          password: GOOD_PASSWORD,
          passwordConfirm: GOOD_PASSWORD,
        });
        expect(res.status, res.text).to.equal(200);
        await t.router.drain();
        expect(sms.notices).to.deep.equal([
          {
            to: CAROL.mobile,
            user: { id: CAROL.id, mobile: CAROL.mobile, username: CAROL.username, name: "Carol" },
            changedAt: new Date(t.clock.now),
          },
        ]);
        expect(t.mailer.notices).to.deep.equal([]);
        await t.router.close();
      });

      it("an account with an email address still gets the email notice, and no SMS", async () => {
        const sms = new NoticeSms();
        const t = createSmsApp(version, { sms });
        const token = await requestLink(t); // Alice has an email address and a mobile number
        expect((await resetWithLink(t, token)).status).to.equal(200);
        await t.router.drain();
        expect(t.mailer.notices.map((n) => n.to)).to.deep.equal([ALICE.email]);
        expect(sms.notices).to.deep.equal([]);
        await t.router.close();
      });
    });

    describe("10: secrets scrubbed in the encodings adapters echo them in", () => {
      // Spaces (form-encoding's `+`), quotes and a backslash (JSON escapes), `&` (URL-encoding).
      const password = 'new "pass" word\\ & more';
      const echoes: Array<
        [what: string, message: (hash: string) => string, forms: (hash: string) => string[]]
      > = [
        [
          "URL-encoded",
          () => `PATCH /users/u1?password=${encodeURIComponent(password)} failed`,
          () => [encodeURIComponent(password)],
        ],
        [
          "form-encoded",
          () => `body was ${new URLSearchParams({ password }).toString()}`,
          () => [new URLSearchParams({ password }).toString().slice("password=".length)],
        ],
        [
          "JSON-escaped",
          () => `bad row ${JSON.stringify({ password })}`,
          () => [JSON.stringify(password).slice(1, -1)],
        ],
        [
          "the bcrypt hash updatePassword received, raw and URL-encoded",
          (hash) => `duplicate key (password_hash)=(${hash}) in /users?h=${encodeURIComponent(hash)}`,
          (hash) => [hash, encodeURIComponent(hash)],
        ],
      ];
      for (const [what, message, forms] of echoes) {
        it(`${what}, in updatePassword's error: neither onEvent nor the logger sees it`, async () => {
          const t = createTestApp(version, { hashPassword: undefined, bcryptRounds: 4 });
          let hash = "";
          sinon.replace(t.users, "updatePassword", async (_id: string | number, received: string) => {
            hash = received;
            throw new Error(message(received));
          });
          const token = await requestLink(t);
          expectGenericInternalError(await resetWithLink(t, token, password));
          await t.router.drain();
          expect(hash).to.match(/^\$2[aby]\$04\$/);
          expectScrubbed(t, "users.updatePassword", [password, ...forms(hash)]);
          sinon.restore();
          await t.router.close();
        });
      }

      it("the new hash, echoed after the password changed (afterReset reads the user row): neither onEvent nor the logger sees it", async () => {
        const users = new FakeUsers();
        const row = (id: string | number) => JSON.stringify({ id, password_hash: users.hashOf(String(id)) });
        const t = createTestApp(version, {
          users,
          hashPassword: undefined,
          bcryptRounds: 4,
          afterReset: async (user) => {
            throw new Error(`session insert failed for row ${row(user.id)}`);
          },
        });
        const token = await requestLink(t);
        await resetWithLink(t, token, password); // answers 200 (finding 8)
        await t.router.drain();
        const hash = users.hashOf(ALICE.id) ?? "";
        expect(hash).to.match(/^\$2[aby]\$04\$/);
        expectScrubbed(t, "afterReset", [password, hash, JSON.stringify(hash).slice(1, -1)]);
        await t.router.close();
      });

      /** The failure of `operation` was reported, with `[redacted]` where each of `forms` was. */
      function expectScrubbed(t: TestApp, operation: string, forms: string[]): void {
        const failure = failuresOf(t, operation);
        expect(failure, "the failure is reported").to.have.length(1);
        expect(failure[0]?.error?.message).to.include("[redacted]");
        const seen = [JSON.stringify(t.events), ...t.logs];
        for (const form of forms) {
          for (const text of seen) expect(text.includes(form), `${form} in ${text}`).to.equal(false);
        }
      }
    });

    describe("11: a resetUrl function that fails", () => {
      it("a throwing resetUrl leaves the live link working, sends nothing and reports adapter.failed `resetUrl`", async () => {
        let broken = false;
        const t = createTestApp(version, {
          resetUrl: ({ token }) => {
            if (broken) throw new Error("link service unavailable");
            return `https://app.example.com/reset?token=${encodeURIComponent(token)}`;
          },
        });
        const live = await requestLink(t);
        broken = true;
        expect((await post(t.app, "forgot", { email: ALICE.email })).status).to.equal(200);
        await t.router.drain();
        expect(t.mailer.resets, "nothing more was sent").to.have.length(1);
        expect(failuresOf(t, "resetUrl")).to.have.length(1);
        const res = await resetWithLink(t, live);
        expect(res.status, res.text).to.equal(200);
        await t.router.close();
      });

      it("an async resetUrl mails no '[object Promise]': nothing is sent and the failure is an event", async () => {
        const t = createTestApp(version, {
          resetUrl: (async ({ token }: { token: string }) =>
            `https://app.example.com/reset?token=${token}`) as unknown as PasswordResetOptions["resetUrl"],
        });
        expect((await post(t.app, "forgot", { email: ALICE.email })).status).to.equal(200);
        await t.router.drain();
        expect(JSON.stringify(t.mailer.resets)).not.to.include("[object Promise]");
        expect(t.mailer.resets).to.deep.equal([]);
        expect(failuresOf(t, "resetUrl")).to.have.length(1);
        await t.router.close();
      });
    });

    describe("11 (bug): an async resetUrl that rejects", () => {
      it("is reported as adapter.failed `resetUrl`, and nothing rejects unhandled", async () => {
        const unhandled: unknown[] = [];
        const record = (reason: unknown) => unhandled.push(reason);
        process.prependListener("unhandledRejection", record);
        try {
          const t = createTestApp(version, {
            resetUrl: (async () => {
              throw new Error("tenant lookup failed");
            }) as unknown as PasswordResetOptions["resetUrl"],
          });
          expect((await post(t.app, "forgot", { email: ALICE.email })).status).to.equal(200);
          await t.router.drain();
          await new Promise((resolve) => setImmediate(resolve));
          expect(unhandled).to.deep.equal([]);
          expect(t.mailer.resets).to.deep.equal([]);
          expect(failuresOf(t, "resetUrl")).to.have.length(1);
          await t.router.close();
        } finally {
          process.removeListener("unhandledRejection", record);
        }
      });
    });

    describe("12: line separators and bidi controls in identifiers", () => {
      const characters: Array<[string, string]> = [
        ["U+2028 LINE SEPARATOR", "\u2028"],
        ["U+2029 PARAGRAPH SEPARATOR", "\u2029"],
        ["U+202E RIGHT-TO-LEFT OVERRIDE", "\u202E"],
        ["U+2066 LEFT-TO-RIGHT ISOLATE", "\u2066"],
      ];
      for (const [name, ch] of characters) {
        it(`${name} is 400 VALIDATION_ERROR on forgot, verify and reset, and findUser is never called`, async () => {
          const t = createCodeApp(version);
          const code = { code: "123456" };
          const pw = { password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD };
          const attempts: Array<["forgot" | "verify" | "reset", Record<string, unknown>, string]> = [
            ["forgot", { username: `ali${ch}ce` }, "username"],
            ["forgot", { email: `alice${ch}@example.com` }, "email"],
            ["forgot", { identifierType: "USERNAME", identifierValue: `${ch}alice` }, "identifierValue"],
            ["verify", { username: `alice${ch}`, ...code }, "username"],
            ["reset", { username: `al${ch}ice`, ...code, ...pw }, "username"],
          ];
          for (const [route, body, field] of attempts) {
            const res = await post(t.app, route, body);
            expect(fieldsOf(res), `${route} ${JSON.stringify(body)}`).to.include(field);
          }
          await t.router.drain();
          expect(t.users.lookups).to.deep.equal([]);
          expect(t.mailer.resets).to.deep.equal([]);
          await t.router.close();
        });
      }

      it("right-to-left text without controls is an ordinary username", async () => {
        const t = createCodeApp(version);
        expect((await post(t.app, "forgot", { username: "שלום" })).status).to.equal(200);
        await t.router.drain();
        expect(t.users.lookups).to.deep.equal([{ type: "username", value: "שלום" }]);
        await t.router.close();
      });
    });

    describe("20: personal data in counter keys", () => {
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

    describe("13: OPTIONS", () => {
      for (const route of ["forgot", "verify", "reset"]) {
        it(`OPTIONS ${route} answers 204 with Allow and the security headers`, async () => {
          const t = createTestApp(version);
          const res = await request(t.app).options(`${BASE}/${route}`);
          expect(res.status).to.equal(204);
          expect(res.headers.allow).to.equal("OPTIONS, POST");
          expect(res.headers["cache-control"]).to.equal("no-store");
          expect(res.headers["referrer-policy"]).to.equal("no-referrer");
          expect(res.headers["x-content-type-options"]).to.equal("nosniff");
          await t.router.close();
        });
      }
    });
  });
}

describe("security: an http: resetUrl with NODE_ENV=production (finding 14)", () => {
  const saved = process.env.NODE_ENV;
  beforeEach(() => {
    process.env.NODE_ENV = "production";
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  });
  const routerWith = (resetUrl: string) =>
    createPasswordResetRouter({
      users: new FakeUsers(),
      mailer: new CapturingMailer(),
      resetUrl,
      secret: "hardening-suite-secret-0123456789abcdef",
      logger: { warn: () => {}, error: () => {} },
    });

  for (const url of [
    "http://app.example.com/reset",
    "http://localhost.example.com/reset",
    "http://10.0.0.1/reset",
  ]) {
    it(`throws for ${url}, naming \`resetUrl\``, () => {
      expect(() => routerWith(url))
        .to.throw(PasswordResetConfigError)
        .with.property("message")
        .that.matches(/resetUrl/);
    });
  }

  for (const url of [
    "http://localhost:3000/reset",
    "http://127.0.0.1/reset",
    "http://[::1]:8080/reset",
    "https://app.example.com/reset",
  ]) {
    it(`accepts ${url}`, async () => {
      const router = routerWith(url);
      await router.close();
    });
  }

  it("accepts http://app.example.com outside production", async () => {
    process.env.NODE_ENV = "development";
    const router = routerWith("http://app.example.com/reset");
    await router.close();
  });
});

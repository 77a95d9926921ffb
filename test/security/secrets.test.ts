// Guarantee 10: no token, code, password or password hash in an event, a log line or an error
// response, across every flow, including failures whose adapter errors echo what they were sent
// (SMTP servers quote the message, SMS gateways quote the body, databases quote the row). Audit
// events and logs end up in SIEMs, log shippers and support tickets; a secret there is a secret
// handed to everyone who can read them. Echoed secrets are cut in the encodings adapters echo them
// in too (URL- and form-encoded, JSON-escaped), and so is the new hash.
import { expect } from "chai";
import sinon from "sinon";
import type { Response } from "supertest";
import type { Mailer, PasswordResetEvent } from "../../lib/index.js";
import {
  createTestApp,
  EXPRESS_VERSIONS,
  type ExpressVersion,
  FAST_HASH,
  type TestApp,
  type TestAppOptions,
} from "../helpers/app.js";
import { post, requestLink, reset } from "../helpers/client.js";
import { testClock } from "../helpers/clock.js";
import { failuresOf } from "../helpers/events.js";
import { expectGenericInternalError } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import { createSmsApp } from "../helpers/sms-apps.js";
import { SwitchableStore } from "../helpers/switchable-store.js";
import { FakeUsers } from "../helpers/users.js";

/** The fields an event may have (types.ts); a new field holding a secret would slip past a value scan. */
const EVENT_FIELDS = [
  "type",
  "at",
  "route",
  "ip",
  "userId",
  "identifierType",
  "channel",
  "grant",
  "reason",
  "operation",
  "error",
];

/** Everything secret the run produced, and everything that must not hold it. */
class Ledger {
  readonly secrets = new Set<string>();
  readonly codes = new Set<string>();
  readonly responses: Array<{ what: string; text: string }> = [];

  secret(value: string | undefined): void {
    if (value) this.secrets.add(value);
  }

  code(value: string | undefined): void {
    if (value) this.codes.add(value);
  }

  /** Records a response that must hold no secret; only verify's success carries one, by design. */
  answer(what: string, res: Response): Response {
    const session = res.body?.data?.resetToken;
    if (typeof session === "string") this.secret(session);
    else this.responses.push({ what: `${what} → ${res.status}`, text: res.text });
    return res;
  }

  /** Asserts that `text` holds none of the secrets. Codes are digits, so they must stand alone. */
  expectClean(where: string, text: string): void {
    for (const secret of this.secrets)
      expect(text.includes(secret), `${where} holds a secret: ${secret}\n${text}`).to.equal(false);
    for (const code of this.codes) {
      expect(
        new RegExp(`(?<!\\d)${code}(?!\\d)`).test(text),
        `${where} holds code ${code}\n${text}`,
      ).to.equal(false);
    }
  }
}

interface Failing {
  mailer: boolean;
  sms: boolean;
  hash: boolean;
  afterReset: boolean;
}

interface Run {
  t: TestApp;
  store: SwitchableStore;
  clock: { now: number };
  /** Switches that make an adapter fail with an error quoting what it was given. */
  failing: Failing;
  /** Token of the newest mailed link; code of the newest mailed code. */
  mailedToken: () => string;
  mailedCode: () => string;
  send: (route: "forgot" | "verify" | "reset", body: object, bearer?: string) => Promise<Response>;
}

/**
 * An app whose every adapter can be made to fail with an error quoting exactly what it was given:
 * the mailer its link or code, the SMS sender its code, the user table the hash, the hasher the
 * password, afterReset the Authorization header.
 */
function secretApp(version: ExpressVersion, ledger: Ledger, options: TestAppOptions = {}): Run {
  const clock = testClock();
  const store = new SwitchableStore(clock.fn);
  const failing: Failing = { mailer: false, sms: false, hash: false, afterReset: false };
  const sent: Array<{ link?: string; code?: string }> = [];
  const mailer: Mailer = {
    async sendPasswordReset(message) {
      const token = message.link ? new URL(message.link).searchParams.get("token") : null;
      ledger.secret(message.link);
      ledger.secret(token ?? undefined);
      ledger.code(message.code);
      if (failing.mailer)
        throw new Error(`550 5.7.1 message rejected: "Reset here: ${message.link ?? message.code}"`);
      sent.push(message);
    },
    async sendPasswordChanged() {},
  };
  const t = createSmsApp(version, {
    identifiers: ["email", "mobile", "username"],
    mailer,
    tokenStore: store,
    now: clock.fn,
    adapterTimeoutMs: 200,
    hashPassword: async (plain) => {
      const hash = await FAST_HASH(plain);
      ledger.secret(hash);
      if (failing.hash) throw new Error(`argon2 failed for input "${plain}"`);
      return hash;
    },
    afterReset: async (_user, req) => {
      if (failing.afterReset) throw new Error(`session service refused ${String(req.headers.authorization)}`);
      return {};
    },
    ...options,
  });
  const deliver = t.sms.sendPasswordResetCode.bind(t.sms);
  t.sms.sendPasswordResetCode = async (message) => {
    ledger.code(message.code);
    if (failing.sms) throw new Error(`21610 unsubscribed recipient; body was "Your code is ${message.code}"`);
    return deliver(message);
  };
  return {
    t,
    store,
    clock,
    failing,
    mailedToken: () => new URL(sent.at(-1)?.link ?? "https://none.invalid/").searchParams.get("token") ?? "",
    mailedCode: () => sent.at(-1)?.code ?? "",
    send: async (route, body, bearer) => {
      const req = post(t.app, route, body);
      if (bearer !== undefined) req.set("Authorization", `Bearer ${bearer}`);
      const res = ledger.answer(`${route} ${JSON.stringify(body).slice(0, 80)}`, await req);
      await t.router.drain();
      return res;
    },
  };
}

function expectNothingLeaked(runs: Run[], ledger: Ledger): void {
  expect(ledger.secrets.size, "the run produced secrets to look for").to.be.greaterThan(10);
  expect(ledger.codes.size).to.be.greaterThan(3);
  for (const { t } of runs) {
    expect(t.events.length).to.be.greaterThan(5);
    ledger.expectClean("JSON.stringify(events)", JSON.stringify(t.events));
    for (const event of t.events) {
      for (const field of Object.keys(event)) expect(EVENT_FIELDS, `event field ${field}`).to.include(field);
    }
    for (const line of t.logs) ledger.expectClean("log line", line);
  }
  for (const { what, text } of ledger.responses) ledger.expectClean(`response to ${what}`, text);
}

for (const version of EXPRESS_VERSIONS) {
  describe(`security: secrets never leak (${version.name})`, () => {
    it("a full run of every flow, failures included, leaves no token, code, password or hash in events, logs or error responses", async () => {
      const ledger = new Ledger();
      const a = secretApp(version, ledger);
      const codeMail = secretApp(version, ledger, { delivery: { email: "code" } });
      const reveal = secretApp(version, ledger, { revealUnknownUser: true });
      /** New-password fields; every password sent is a secret, accepted or not. */
      const pw = (password: string, confirm = password) => {
        ledger.secret(password);
        ledger.secret(confirm);
        return { password, passwordConfirm: confirm };
      };

      // 1. Link → verify → reset with the session as a Bearer header.
      await a.send("forgot", { email: "alice@example.com" });
      const session1 = (await a.send("verify", { token: a.mailedToken() })).body.data.resetToken as string;
      expect((await a.send("reset", pw("first new password 1"), session1)).status).to.equal(200);

      // 2. SMS code → verify → reset with the session in the body.
      await a.send("forgot", { mobile: "+14155550100" });
      const session2 = (await a.send("verify", { mobile: "+14155550100", code: a.t.sms.last?.code })).body
        .data.resetToken as string;
      expect(
        (await a.send("reset", { resetToken: session2, ...pw("second new password 2") })).status,
      ).to.equal(200);

      // 3. SMS code straight to reset; 4. an emailed code straight to reset.
      await a.send("forgot", { mobile: "+14155550100" });
      expect(
        (
          await a.send("reset", {
            phone: "+14155550100",
            code: a.t.sms.last?.code,
            ...pw("third new password 3"),
          })
        ).status,
      ).to.equal(200);
      await codeMail.send("forgot", { email: "bob@example.com" });
      const mailed = codeMail.mailedCode();
      expect(
        (
          await codeMail.send("reset", {
            email: "bob@example.com",
            code: mailed,
            ...pw("fourth new password 4"),
          })
        ).status,
      ).to.equal(200);

      // 5. Refusals: mismatched and too-long passwords, a tampered token, a used session, an expired link.
      await a.send("forgot", { username: "alice" });
      const token5 = a.mailedToken();
      await a.send("reset", { token: token5, ...pw("mismatch password A", "mismatch password B") });
      await a.send("reset", { token: token5, ...pw(`too long ${"x".repeat(80)}`) });
      await a.send("reset", { token: `${token5.slice(0, -2)}xx`, ...pw("tampered token pw 5") });
      await a.send("reset", pw("replayed session pw"), session1);
      a.clock.now += 2 * 3600 * 1000;
      await a.send("reset", { token: token5, ...pw("expired link password") });

      // 6. Failures whose errors quote the secret: mailer (link, code), SMS (code), hasher
      // (password), user table (hash, token, password), afterReset (the Bearer header).
      a.failing.mailer = true;
      await a.send("forgot", { email: "alice@example.com" });
      a.failing.mailer = false;
      codeMail.failing.mailer = true;
      await codeMail.send("forgot", { email: "alice@example.com" });
      a.failing.sms = true;
      await a.send("forgot", { mobile: "+14155550100" });
      a.failing.sms = false;

      await a.send("forgot", { email: "alice@example.com" });
      const token6 = a.mailedToken();
      a.failing.hash = true;
      await a.send("reset", { token: token6, ...pw("hash fails on this one") });
      a.failing.hash = false;
      a.t.users.failUpdates = 1; // FakeUsers' error quotes the hash it was given
      await a.send("reset", { token: token6, ...pw("database fails on this") });
      const lookup = sinon
        .stub(a.t.users, "findUser")
        .rejects(new Error(`lookup failed for ${token6} / "findUser echoes pw"`));
      await a.send("reset", { token: token6, ...pw("findUser echoes pw") });
      lookup.restore();
      const session6 = (await a.send("verify", { token: token6 })).body.data.resetToken as string;
      a.failing.afterReset = true;
      await a.send("reset", pw("after reset fails here"), session6);
      a.failing.afterReset = false;

      // 7. Codes: a wrong guess, then a store whose errors quote the code or the grant.
      await a.send("forgot", { mobile: "+14155550100" });
      const code7 = a.t.sms.last?.code ?? "";
      await a.send("verify", { mobile: "+14155550100", code: code7 === "000000" ? "000001" : "000000" });
      a.store.fail("claim", "throw", { times: 1, message: () => `claim failed for code ${code7}` });
      await a.send("verify", { mobile: "+14155550100", code: code7 });
      a.store.fail("issue", "throw", {
        times: 1,
        message: (args) => `insert failed: ${JSON.stringify(args)}`,
      });
      await a.send("verify", { mobile: "+14155550100", code: code7 });

      // 8. The revealing mode answers delivery failures synchronously.
      reveal.failing.mailer = true;
      await reveal.send("forgot", { email: "alice@example.com" });
      await reveal.send("forgot", { email: "nobody@example.com" });

      expectNothingLeaked([a, codeMail, reveal], ledger);
      for (const run of [a, codeMail, reveal]) {
        await run.t.router.close();
        await run.store.close();
      }
    });

    it("adapter errors keep their useful text, with each secret replaced by [redacted]", async () => {
      const ledger = new Ledger();
      const run = secretApp(version, ledger);
      run.failing.mailer = true;
      await run.send("forgot", { email: "alice@example.com" });
      const failure = run.t.events.find((e: PasswordResetEvent) => e.type === "delivery.failed");
      // The token inside the quoted link is cut out; the rest of the diagnosis stays readable.
      expect(failure?.error?.message).to.equal(
        '550 5.7.1 message rejected: "Reset here: https://app.example.com/reset-password?token=[redacted]"',
      );
      expect(run.t.logs.some((line) => line.includes("550 5.7.1") && line.includes("[redacted]"))).to.equal(
        true,
      );
      await run.t.router.close();
      await run.store.close();
    });

    describe("hooks that read the raw request (parseRequest, authorize, bindTo) and quote it in their errors", () => {
      const TOKEN = "zQ9-raw-token-from-the-body-4f1c";
      const PASSWORD = "a raw body password 7731";
      const OTP = "918273";

      /** Neither onEvent nor the logger saw any of `secrets`, and the hook's failure was reported. */
      function expectHidden(t: TestApp, operation: string, secrets: string[]): void {
        expect(failuresOf(t, operation), "the failure is reported").to.have.length(1);
        const seen = [JSON.stringify(t.events), ...t.logs];
        for (const secret of secrets) {
          for (const text of seen) expect(text.includes(secret), `${secret} in ${text}`).to.equal(false);
        }
      }

      it("parseRequest quoting a nested body: no token, code, password or otp reaches onEvent or the logger", async () => {
        const t = createTestApp(version, {
          http: {
            parseRequest: ({ body }) => {
              throw new Error(`cannot map ${JSON.stringify(body)}`);
            },
          },
        });
        const res = await post(t.app, "reset", {
          data: { attributes: { token: TOKEN, password: PASSWORD, otp: OTP } },
          fields: [{ id: "code", value: "55443322" }],
        });
        expectGenericInternalError(res, TOKEN, PASSWORD);
        expectHidden(t, "parseRequest", [TOKEN, PASSWORD, OTP, "55443322"]);
        expect(failuresOf(t, "parseRequest")[0]?.error?.message).to.include("[redacted]");
        await t.router.close();
      });

      it("authorize quoting req.body (host parsers installed) and the Authorization header: nothing secret reaches onEvent or the logger", async () => {
        const session = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlLW9mLWEtc2Vzc2lvbg";
        const t = createTestApp(version, {
          hostParsers: true,
          http: {
            authorize: ({ req }) => {
              throw new Error(`denied ${JSON.stringify(req.body)} with ${String(req.headers.authorization)}`);
            },
          },
        });
        const res = await post(t.app, "reset", { password: PASSWORD, passwordConfirm: PASSWORD }).set(
          "Authorization",
          `Bearer ${session}`,
        );
        expectGenericInternalError(res, PASSWORD);
        expectHidden(t, "authorize", [PASSWORD, session]);
        await t.router.close();
      });

      it("bindTo quoting the body under an app's alias: the token sent as `t` reaches neither onEvent nor the logger", async () => {
        const t = createTestApp(version, {
          http: {
            aliases: { token: ["t"] },
            bindTo: ({ req }) => {
              throw new Error(`no device for ${req.url} ${JSON.stringify(req.query)}`);
            },
          },
        });
        const res = await post(t.app, "verify", { t: TOKEN }).query({ t: TOKEN });
        expectGenericInternalError(res, TOKEN);
        expectHidden(t, "bindTo", [TOKEN]);
        await t.router.close();
      });
    });

    describe("secrets scrubbed in the encodings adapters echo them in", () => {
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
          expectGenericInternalError(await reset(t, { token }, password));
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
        await reset(t, { token }, password); // answers 200 (finding 8)
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
  });
}

// The 0.2 spellings keep working through 1.x: every 0.2 key, in the fewest sets valid together
// (`hashPassword` cannot meet `bcryptRounds`, which sets the same hasher), takes effect as in 0.2
// with its 0.2 signature, and each one logs one warning per router naming its 1.0 spelling.
// Giving both spellings of one option throws, naming both.
import { expect } from "chai";
import Joi from "joi";
import sinon from "sinon";
import request from "supertest";
import express from "express";
import {
  bcryptHasher,
  createPasswordResetRouter,
  PasswordResetConfigError,
  type PasswordResetOptions,
} from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { FakeUsers } from "../helpers/users.js";
import {
  ADAPTER_TIMEOUT_MS,
  describeOptionEffects,
  FORGOT_PATH,
  newEnv,
  noUsername,
  RESET_URL,
  SECRET,
  withFormatHeader,
  withoutPlusTag,
  type OptionsBuilder,
} from "./option-effects.js";

/** Every 0.2 key but `hashPassword`, each set off its default, with its 0.2 signature. */
const legacy: OptionsBuilder = (env, extra = {}) => ({
  users: env.users,
  mailer: env.mailer,
  sms: env.sms,
  resetUrl: RESET_URL,
  secret: SECRET,
  rateLimit: false,
  identifiers: ["email", "mobile", "username"],
  normalizeIdentifier: (type, raw) => withoutPlusTag(type, raw),
  revealUnknownUser: true,
  linkTtlSeconds: 120,
  allowedRedirectOrigins: ["https://app.example.com"],
  smsCountries: ["+1"],
  codeTtlSeconds: 300,
  codeLength: 8,
  maxCodeAttempts: 2,
  requestTokens: true,
  codesWithoutIdentifier: true,
  bcryptRounds: 4,
  password: { validate: (password, user) => noUsername(password, user) },
  ipv6Subnet: 64,
  paths: { forgot: FORGOT_PATH },
  aliases: { email: ["mail"] },
  fields: { forgot: { brand: Joi.string().valid("acme") } },
  parseRequest: (req, route, body) =>
    req.headers["x-wrapped"] === route ? { fields: body.data as Record<string, unknown> } : undefined,
  formatResponse: (outcome, req) => withFormatHeader(outcome, req),
  authorize: (req, route) => req.headers["x-deny"] !== route,
  bindTo: (req, _route, body) =>
    (req.headers["x-device"] as string | undefined) ?? (body.device as string | undefined),
  maxBodyBytes: 1024,
  bodyTimeoutMs: 300,
  sessionTtlSeconds: 120,
  afterReset: async (user, req) => ({ saw: `${user.id} ${req.method}` }),
  onEvent: (event) => env.events.push(event),
  logger: env.logger,
  now: () => env.clock.now,
  adapterTimeoutMs: ADAPTER_TIMEOUT_MS,
  ...extra,
});

/** Each 0.2 spelling and the 1.0 spelling its warning must name, in the order they are logged. */
const WARNED: ReadonlyArray<[old: string, use: string]> = [
  ["identifiers", "accounts.identifiers"],
  ["normalizeIdentifier", "accounts.normalizeIdentifier({ type, value })"],
  ["revealUnknownUser", "accounts.revealUnknown"],
  ["linkTtlSeconds", "delivery.linkTtlSeconds"],
  ["allowedRedirectOrigins", "delivery.allowedRedirectOrigins"],
  ["smsCountries", "delivery.smsCountries"],
  ["codeTtlSeconds", "codes.ttlSeconds"],
  ["codeLength", "codes.length"],
  ["maxCodeAttempts", "codes.maxAttempts"],
  ["requestTokens", "codes.requestTokens"],
  ["codesWithoutIdentifier", "codes.withoutIdentifier"],
  ["bcryptRounds", "password.hasher: bcryptHasher({ rounds })"],
  ["password.validate", "password.rule({ password, user })"],
  ["ipv6Subnet", "rateLimit.ipv6Subnet"],
  ["paths", "http.paths"],
  ["aliases", "http.aliases"],
  ["fields", "http.fields"],
  ["parseRequest", "http.parseRequest({ req, route, body })"],
  ["formatResponse", "http.formatResponse({ outcome, req })"],
  ["authorize", "http.authorize({ req, route })"],
  ["bindTo", "http.bindTo({ req, route, body })"],
  ["maxBodyBytes", "http.maxBodyBytes"],
  ["bodyTimeoutMs", "http.bodyTimeoutSeconds"],
  ["sessionTtlSeconds", "http.sessionTtlSeconds"],
  ["afterReset", "hooks.afterReset({ user, req })"],
  ["onEvent", "hooks.onEvent"],
  ["logger", "advanced.logger"],
  ["now", "advanced.now"],
  ["adapterTimeoutMs", "advanced.adapterTimeoutSeconds"],
];

const warning = (old: string, use: string) =>
  `warn: express-password-reset: \`${old}\` is deprecated; use \`${use}\``;

describeOptionEffects("0.2 spellings take effect", legacy, 4);

describe("0.2 spellings: warnings", () => {
  it("every 0.2 key logs exactly one warning per router, naming the key and its 1.0 spelling", async () => {
    const env = newEnv();
    const first = createPasswordResetRouter(legacy(env));
    const second = createPasswordResetRouter(legacy(env));
    await Promise.all([first.close(), second.close()]);
    const warnings = env.logs.filter((line) => line.startsWith("warn:"));
    expect(warnings).to.have.length(2 * WARNED.length);
    for (const [old, use] of WARNED) {
      const lines = warnings.filter((line) => line.startsWith(warning(old, use)));
      expect(lines, old).to.have.length(2);
      expect(lines[0], old).to.match(/\(0\.2 spellings keep working through 1\.x\)\.$/);
    }
    // The two 0.2 durations in milliseconds say the unit changed.
    expect(warnings.find((line) => line.includes("`bodyTimeoutMs`"))).to.include(
      "http.bodyTimeoutSeconds`, in seconds",
    );
  });

  it("hashPassword (which cannot meet bcryptRounds) warns, and hashes every new password", async () => {
    const env = newEnv();
    const { bcryptRounds: _rounds, ...rest } = legacy(env);
    const seen: string[] = [];
    const router = createPasswordResetRouter({
      ...rest,
      hashPassword: async (plain) => {
        seen.push(plain);
        return `app-hash:${plain.length}`;
      },
    });
    const app = express().use("/auth", router);
    const warnings = env.logs.filter((line) => line.startsWith(warning("hashPassword", "password.hasher")));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include("a PasswordHasher such as bcryptHasher() or scryptHasher()");
    await request(app).post(`/auth${FORGOT_PATH}`).send({ email: "alice@example.com" });
    const token = env.mailer.lastToken();
    const password = "a fresh long passphrase";
    const res = await request(app).post("/auth/reset").send({ token, password, passwordConfirm: password });
    expect(res.status).to.equal(200);
    expect(seen).to.deep.equal([password]);
    expect(env.users.hashOf("u1")).to.equal(`app-hash:${password.length}`);
    await router.close();
  });

  it("the contract's mount example { users, mailer, resetUrl } logs nothing", async () => {
    const lines = [sinon.spy(console, "warn"), sinon.spy(console, "error"), sinon.spy(console, "log")];
    try {
      const router = createPasswordResetRouter({
        users: new FakeUsers(),
        mailer: new CapturingMailer(),
        resetUrl: "https://app.example.com/reset-password",
      });
      await router.close();
      expect(lines.map((spy) => spy.callCount)).to.deep.equal([0, 0, 0]);
    } finally {
      sinon.restore();
    }
  });
});

describe("0.2 spellings: both spellings of one option", () => {
  const base = (): PasswordResetOptions => ({
    users: new FakeUsers(),
    mailer: new CapturingMailer(),
    resetUrl: RESET_URL,
    advanced: { logger: { warn: () => {}, error: () => {} } },
  });
  const fn = () => () => undefined;
  /** Each 0.2 key with a valid value, and the same option in its 1.0 spelling. */
  const PAIRS: ReadonlyArray<
    [old: Partial<PasswordResetOptions>, current: Partial<PasswordResetOptions>, path: string]
  > = [
    [{ identifiers: ["email"] }, { accounts: { identifiers: ["email"] } }, "accounts.identifiers"],
    [
      { normalizeIdentifier: () => "" },
      { accounts: { normalizeIdentifier: () => "" } },
      "accounts.normalizeIdentifier",
    ],
    [{ revealUnknownUser: true }, { accounts: { revealUnknown: true } }, "accounts.revealUnknown"],
    [{ linkTtlSeconds: 60 }, { delivery: { linkTtlSeconds: 60 } }, "delivery.linkTtlSeconds"],
    [
      { allowedRedirectOrigins: [] },
      { delivery: { allowedRedirectOrigins: [] } },
      "delivery.allowedRedirectOrigins",
    ],
    [{ smsCountries: ["+1"] }, { delivery: { smsCountries: ["+1"] } }, "delivery.smsCountries"],
    [{ codeTtlSeconds: 60 }, { codes: { ttlSeconds: 60 } }, "codes.ttlSeconds"],
    [{ codeLength: 8 }, { codes: { length: 8 } }, "codes.length"],
    [{ maxCodeAttempts: 3 }, { codes: { maxAttempts: 3 } }, "codes.maxAttempts"],
    [{ requestTokens: true }, { codes: { requestTokens: true } }, "codes.requestTokens"],
    [{ codesWithoutIdentifier: true }, { codes: { withoutIdentifier: true } }, "codes.withoutIdentifier"],
    [{ hashPassword: async () => "h" }, { password: { hasher: bcryptHasher() } }, "password.hasher"],
    [{ bcryptRounds: 4 }, { password: { hasher: bcryptHasher() } }, "password.hasher"],
    [{ password: { validate: fn(), rule: fn() } }, {}, "password.rule"],
    [{ ipv6Subnet: 64 }, { rateLimit: { ipv6Subnet: 64 } }, "rateLimit.ipv6Subnet"],
    [{ paths: {} }, { http: { paths: {} } }, "http.paths"],
    [{ aliases: {} }, { http: { aliases: {} } }, "http.aliases"],
    [{ fields: {} }, { http: { fields: {} } }, "http.fields"],
    [{ parseRequest: fn() }, { http: { parseRequest: fn() } }, "http.parseRequest"],
    [{ formatResponse: fn() as never }, { http: { formatResponse: fn() as never } }, "http.formatResponse"],
    [{ authorize: () => true }, { http: { authorize: () => true } }, "http.authorize"],
    [{ bindTo: fn() }, { http: { bindTo: fn() } }, "http.bindTo"],
    [{ maxBodyBytes: 1024 }, { http: { maxBodyBytes: 1024 } }, "http.maxBodyBytes"],
    [{ bodyTimeoutMs: 1000 }, { http: { bodyTimeoutSeconds: 1 } }, "http.bodyTimeoutSeconds"],
    [{ sessionTtlSeconds: 60 }, { http: { sessionTtlSeconds: 60 } }, "http.sessionTtlSeconds"],
    [{ afterReset: async () => {} }, { hooks: { afterReset: async () => {} } }, "hooks.afterReset"],
    [{ onEvent: fn() }, { hooks: { onEvent: fn() } }, "hooks.onEvent"],
    [{ logger: console }, {}, "advanced.logger"],
    [{ now: Date.now }, { advanced: { now: Date.now } }, "advanced.now"],
    [
      { adapterTimeoutMs: 1000 },
      { advanced: { adapterTimeoutSeconds: 1 } },
      "advanced.adapterTimeoutSeconds",
    ],
  ];

  for (const [old, current, path] of PAIRS) {
    const oldKey = Object.keys(old)[0] === "password" ? "password.validate" : Object.keys(old)[0]!;
    it(`\`${oldKey}\` beside \`${path}\` throws, naming both`, () => {
      let thrown: unknown;
      try {
        // `base()` already sets `advanced.logger`, so the 0.2 `logger` meets it there.
        createPasswordResetRouter({ ...base(), ...old, ...current } as PasswordResetOptions);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(PasswordResetConfigError);
      const message = (thrown as Error).message;
      expect(message).to.include(`\`${path}\``).and.to.include(`\`${oldKey}\``);
    });
  }

  it("`hashPassword` and `bcryptRounds`, two 0.2 spellings of the hasher, throw naming both", () => {
    expect(() => createPasswordResetRouter({ ...base(), hashPassword: async () => "h", bcryptRounds: 4 }))
      .to.throw(PasswordResetConfigError)
      .with.property("message")
      .that.matches(/`hashPassword`.*`bcryptRounds`/);
  });

  it("a 0.2 spelling given as undefined is the default: no warning, no clash", async () => {
    const logs: string[] = [];
    const router = createPasswordResetRouter({
      ...base(),
      maxCodeAttempts: undefined,
      codes: { maxAttempts: 3 },
      advanced: { logger: { warn: (m) => logs.push(m), error: (m) => logs.push(m) } },
    });
    await router.close();
    expect(logs).to.deep.equal([]);
  });

  it("a bad 0.2 value is named as the app spelled it", () => {
    expect(() => createPasswordResetRouter({ ...base(), bodyTimeoutMs: 5 })).to.throw(
      /`bodyTimeoutMs` must be an integer from 100 to 600000/,
    );
    expect(() => createPasswordResetRouter({ ...base(), afterReset: "yes" as never })).to.throw(
      /`afterReset` must be a function/,
    );
    expect(() => createPasswordResetRouter({ ...base(), bcryptRounds: 40 })).to.throw(
      /`bcryptRounds` must be an integer from 4 to 31/,
    );
  });
});

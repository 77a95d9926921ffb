// The 1.0 spellings: every option in its group, every hook taking one context object. The same
// stories as the 0.2 spellings (option-effects.ts), with no deprecation warning; and the one hasher option
// runs any `bcryptHasher()` in the router's worker pool, at the rounds it was given.
import { expect } from "chai";
import express from "express";
import Joi from "joi";
import sinon from "sinon";
import request from "supertest";
import { bcryptHasher, createPasswordResetRouter } from "../../lib/index.js";
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

/** Every 1.0 option off its default (the same values as the 0.2 builder's). */
const current: OptionsBuilder = (env, { rateLimit = ALL_OFF, ...extra } = {}) => ({
  users: env.users,
  mailer: env.mailer,
  sms: env.sms,
  resetUrl: RESET_URL,
  secret: SECRET,
  accounts: {
    identifiers: ["email", "mobile", "username"],
    normalizeIdentifier: ({ type, value }) => withoutPlusTag(type, value),
    revealUnknown: true,
  },
  delivery: {
    linkTtlSeconds: 120,
    allowedRedirectOrigins: ["https://app.example.com"],
    smsCountries: ["+1"],
  },
  codes: { ttlSeconds: 300, length: 8, maxAttempts: 2, requestTokens: true, withoutIdentifier: true },
  password: {
    hasher: bcryptHasher({ rounds: 5 }),
    rule: ({ password, user }) => noUsername(password, user),
  },
  // A test's own limits, with the 1.0 home of `ipv6Subnet`.
  rateLimit: { ...(rateLimit === false ? ALL_OFF : rateLimit), ipv6Subnet: 64 },
  http: {
    paths: { forgot: FORGOT_PATH },
    aliases: { email: ["mail"] },
    fields: { forgot: { brand: Joi.string().valid("acme") } },
    parseRequest: ({ req, route, body }) =>
      req.headers["x-wrapped"] === route ? { fields: body.data as Record<string, unknown> } : undefined,
    formatResponse: ({ outcome, req }) => withFormatHeader(outcome, req),
    authorize: ({ req, route }) => req.headers["x-deny"] !== route,
    bindTo: ({ req, body }) =>
      (req.headers["x-device"] as string | undefined) ?? (body.device as string | undefined),
    maxBodyBytes: 1024,
    bodyTimeoutSeconds: 0.3,
    sessionTtlSeconds: 120,
  },
  hooks: {
    afterReset: async ({ user, req }) => ({ saw: `${user.id} ${req.method}` }),
    onEvent: (event) => env.events.push(event),
  },
  advanced: {
    logger: env.logger,
    now: () => env.clock.now,
    adapterTimeoutSeconds: ADAPTER_TIMEOUT_MS / 1000,
  },
  ...extra,
});

/** `rateLimit: false`, spelled out so that `ipv6Subnet` has a group to live in. */
const ALL_OFF = {
  forgotPerIdentifier: false,
  forgotPerIp: false,
  verifyResetPerIp: false,
  smsPerWindow: false,
} as const;

describeOptionEffects("1.0 spellings take effect", current, 5);

describe("1.0 spellings", () => {
  it("log no deprecation warning", async () => {
    const env = newEnv();
    const router = createPasswordResetRouter(current(env));
    await router.close();
    expect(env.logs).to.deep.equal([]);
  });

  it("password.hasher: a bcryptHasher runs in the router's worker pool, at its own rounds", async () => {
    const env = newEnv();
    const hasher = bcryptHasher({ rounds: 5 });
    // Called on the main thread, the hasher's own `hash` would stall the host app for the whole hash.
    const onMainThread = sinon.spy(hasher, "hash");
    const router = createPasswordResetRouter({ ...current(env), password: { hasher } });
    const app = express().use("/auth", router);
    await request(app).post(`/auth${FORGOT_PATH}`).send({ email: "alice@example.com" });
    const token = env.mailer.lastToken();
    const password = "a fresh long passphrase";
    const res = await request(app).post("/auth/reset").send({ token, password, passwordConfirm: password });
    expect(res.status).to.equal(200);
    const hash = env.users.hashOf("u1") ?? "";
    expect(hash).to.match(/^\$2[aby]\$05\$/);
    expect(await hasher.verify(password, hash)).to.equal(true);
    expect(onMainThread.callCount).to.equal(0);
    await router.close();
  });

  it("password.hasher: a bcryptHasher with a `hash` of its own is called as it is", async () => {
    const env = newEnv();
    const hashed: string[] = [];
    const hasher = bcryptHasher({
      rounds: 4,
      hash: async (plain) => {
        hashed.push(plain);
        return "$2b$04$" + "a".repeat(53);
      },
    });
    const router = createPasswordResetRouter({ ...current(env), password: { hasher } });
    const app = express().use("/auth", router);
    await request(app).post(`/auth${FORGOT_PATH}`).send({ email: "alice@example.com" });
    const password = "a fresh long passphrase";
    const token = env.mailer.lastToken();
    expect(
      (await request(app).post("/auth/reset").send({ token, password, passwordConfirm: password })).status,
    ).to.equal(200);
    expect(hashed).to.deep.equal([password]);
    await router.close();
  });
});

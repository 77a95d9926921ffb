// Each option, proven through HTTP: the same stories run against a router built from the 0.2
// spellings (deprecated-spellings.test.ts) and one built from the 1.0 spellings (grouped-options.test.ts), so both
// spellings are held to the same behaviour. A builder gives every option a value that differs from
// its default, and hooks that record which arguments they got.
import { expect } from "chai";
import express5 from "express";
import express4 from "express4";
import type { Express, Request } from "express";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import request from "supertest";
import { createPasswordResetRouter, normalizeIdentifier } from "../../lib/index.js";
import type {
  FormattedResponse,
  Identifier,
  IdentifierType,
  Outcome,
  PasswordResetEvent,
  PasswordResetOptions,
  PasswordResetRouter,
  ResetUser,
} from "../../lib/index.js";
import { CapturingMailer, CapturingSmsSender } from "../../lib/testing/index.js";
import { listen } from "../helpers/server.js";
import { FakeUsers } from "../helpers/users.js";

/** An email whose lookup never settles, for the adapter time limit. */
export const HANGING_EMAIL = "hang@example.com";
export const SECRET = "options-suite-secret-0123456789abcdef-0123";
export const RESET_URL = "https://app.example.com/reset-password";
/**
 * The adapter time limit the builders set: short enough to wait for, long enough for the bcrypt
 * pool's first worker to start on a busy machine (hashing is bounded by it too).
 */
export const ADAPTER_TIMEOUT_MS = 1000;
/** The forgot path the builders configure (in place of `/forgot`). */
export const FORGOT_PATH = "/lost";

/** A user table whose lookup of {@link HANGING_EMAIL} never answers. */
export class SlowUsers extends FakeUsers {
  override findUser(identifier: Identifier): Promise<ResetUser | null> {
    if (identifier.value === HANGING_EMAIL) return new Promise(() => {});
    return super.findUser(identifier);
  }
}

/** What a builder wires the router to, fresh for each router. */
export interface OptionEnv {
  users: SlowUsers;
  mailer: CapturingMailer;
  sms: CapturingSmsSender;
  clock: { now: number };
  events: PasswordResetEvent[];
  logs: string[];
  logger: { warn(message: string): void; error(message: string): void };
}

/** Makes the options under test; `extra` top-level options go on top. */
export type OptionsBuilder = (env: OptionEnv, extra?: Partial<PasswordResetOptions>) => PasswordResetOptions;

/** A fresh environment. */
export function newEnv(): OptionEnv {
  const logs: string[] = [];
  return {
    users: new SlowUsers(),
    mailer: new CapturingMailer(),
    sms: new CapturingSmsSender(),
    clock: { now: Date.UTC(2026, 0, 1) },
    events: [],
    logs,
    logger: { warn: (m) => logs.push(`warn: ${m}`), error: (m) => logs.push(`error: ${m}`) },
  };
}

const VERSIONS = [
  { name: "Express 4", create: () => express4() as unknown as Express },
  { name: "Express 5", create: () => express5() },
] as const;

interface Mounted extends OptionEnv {
  app: Express;
  router: PasswordResetRouter;
  post(path: string, body: object, headers?: Record<string, string>): request.Test;
}

/**
 * The stories every spelling must pass. `hasherRounds` is the bcrypt cost the builder's hasher
 * option sets (0.2 `bcryptRounds`, 1.0 `password.hasher`).
 */
export function describeOptionEffects(title: string, build: OptionsBuilder, hasherRounds: number): void {
  for (const version of VERSIONS) {
    describe(`${title} (${version.name})`, () => {
      let t: Mounted;
      function mount(extra?: Partial<PasswordResetOptions>): Mounted {
        const env = newEnv();
        const router = createPasswordResetRouter(build(env, extra));
        const app = version.create();
        app.set("trust proxy", true);
        app.use("/auth", router);
        const post = (path: string, body: object, headers: Record<string, string> = {}) =>
          request(app).post(`/auth${path}`).set(headers).send(body);
        t = { ...env, app, router, post };
        return t;
      }
      afterEach(() => t?.router.close());

      /** Asks for alice's link (on the configured forgot path) and returns its token. */
      async function linkToken(headers: Record<string, string> = {}): Promise<string> {
        const res = await t.post(FORGOT_PATH, { email: "alice@example.com" }, headers);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        await t.router.drain();
        return t.mailer.lastToken() as string;
      }
      async function smsCode(): Promise<{ code: string; requestToken: unknown }> {
        const res = await t.post(FORGOT_PATH, { mobile: "+14155550100" });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return { code: t.sms.last!.code, requestToken: res.body.data.requestToken };
      }
      const password = "a fresh long passphrase";
      const reset = (body: object) => t.post("/reset", { ...body, password, passwordConfirm: password });

      it("identifiers: a username is accepted, and the link goes to the stored address", async () => {
        mount();
        expect((await t.post(FORGOT_PATH, { username: "alice" })).status).to.equal(200);
        expect(t.mailer.last?.to).to.equal("alice@example.com");
      });

      it("normalizeIdentifier: the app's normalisation gets the type and the raw value", async () => {
        mount();
        expect((await t.post(FORGOT_PATH, { email: " Alice+news@Example.com " })).status).to.equal(200);
        expect(t.mailer.last?.to).to.equal("alice@example.com");
      });

      it("revealUnknown: an unknown account answers 404 NOT_FOUND", async () => {
        mount();
        const res = await t.post(FORGOT_PATH, { email: "nobody@example.com" });
        expect([res.status, res.body.error?.type]).to.deep.equal([404, "NOT_FOUND"]);
      });

      it("linkTtlSeconds and now: the link lives 120 s of the app's clock", async () => {
        mount();
        const token = await linkToken();
        expect(t.mailer.last?.expiresAt.getTime()).to.equal(t.clock.now + 120_000);
        t.clock.now += 121_000;
        const res = await t.post("/verify", { token });
        expect([res.status, res.body.error?.type]).to.deep.equal([400, "TOKEN_EXPIRED"]);
      });

      it("allowedRedirectOrigins: a redirect there is carried to the mail, any other refused", async () => {
        mount();
        const allowed = { email: "alice@example.com", redirectUrl: "https://app.example.com/done" };
        expect((await t.post(FORGOT_PATH, allowed)).status).to.equal(200);
        expect(t.mailer.last?.redirectUrl).to.equal("https://app.example.com/done");
        const refused = await t.post(FORGOT_PATH, { ...allowed, redirectUrl: "https://evil.example.com/" });
        expect([refused.status, refused.body.error?.details?.[0]?.field]).to.deep.equal([400, "redirectUrl"]);
      });

      it("smsCountries: a code for a number outside the list is not sent", async () => {
        mount();
        const res = await t.post(FORGOT_PATH, { mobile: "+447700900123" });
        expect([res.status, res.body.error?.type]).to.deep.equal([502, "OPERATION_FAILED"]);
        expect(t.sms.messages).to.have.length(0);
        expect(t.events.some((e) => e.type === "delivery.failed" && e.reason === "sms_country")).to.equal(
          true,
        );
      });

      it("codes: 8 digits, living 300 s", async () => {
        mount();
        const { code } = await smsCode();
        expect(code).to.match(/^\d{8}$/);
        expect(t.sms.last?.expiresAt.getTime()).to.equal(t.clock.now + 300_000);
      });

      it("maxAttempts: 2: the third wrong code is refused as too many", async () => {
        mount();
        const { code } = await smsCode();
        const wrong = code.replace(/^./, (digit) => String((Number(digit) + 1) % 10));
        const guess = () => t.post("/verify", { mobile: "+14155550100", code: wrong });
        for (const _ of [1, 2]) expect((await guess()).body.error.message).to.not.match(/Too many/);
        const third = await guess();
        expect([third.status, third.body.error.type]).to.deep.equal([400, "INVALID_TOKEN"]);
        expect(third.body.error.message).to.match(/Too many wrong codes/);
      });

      it("requestTokens: forgot answers a request token, which a code may come with", async () => {
        mount();
        const { code, requestToken } = await smsCode();
        expect(requestToken).to.be.a("string");
        expect((await t.post("/verify", { code, requestToken })).status).to.equal(200);
      });

      it("withoutIdentifier: a code alone is looked up by itself", async () => {
        mount();
        const { code } = await smsCode();
        expect((await t.post("/verify", { code })).status).to.equal(200);
      });

      it("sessionTtlSeconds: verify's reset session lives 120 s", async () => {
        mount();
        const res = await t.post("/verify", { token: await linkToken() });
        expect(res.body.data.expiresIn).to.equal(120);
      });

      it(`the hasher: bcrypt at cost ${hasherRounds} hashes the new password`, async () => {
        mount();
        expect((await reset({ token: await linkToken() })).status).to.equal(200);
        expect(t.users.hashOf("u1")).to.match(new RegExp(`^\\$2[aby]\\$0${hasherRounds}\\$`));
      });

      it("the password rule gets the password and the user, and its message wins", async () => {
        mount();
        const token = await linkToken();
        const res = await t.post("/reset", {
          token,
          password: "alice-2026-spring",
          passwordConfirm: "alice-2026-spring",
        });
        expect([res.status, res.body.error?.message]).to.deep.equal([
          400,
          "must not contain your username (alice)",
        ]);
      });

      it("ipv6Subnet: 64: two /64s of one /56 are counted apart by the per-IP limit", async () => {
        mount({ rateLimit: { forgotPerIp: { points: 1, durationSeconds: 900 } } });
        const from = (ip: string) =>
          t.post(FORGOT_PATH, { email: "alice@example.com" }, { "X-Forwarded-For": ip });
        expect((await from("2001:db8:1:200::1")).status).to.equal(200);
        expect((await from("2001:db8:1:201::1")).status, "another /64 of the same /56").to.equal(200);
        expect((await from("2001:db8:1:200::2")).status, "the first /64 again").to.equal(429);
      });

      it("paths: forgot answers on its own path, not on /forgot", async () => {
        mount();
        expect((await t.post("/forgot", { email: "alice@example.com" })).status).to.equal(404);
        expect((await t.post(FORGOT_PATH, { email: "alice@example.com" })).status).to.equal(200);
      });

      it("aliases: `mail` is read as `email`", async () => {
        mount();
        expect((await t.post(FORGOT_PATH, { mail: "alice@example.com" })).status).to.equal(200);
        expect(t.mailer.last?.to).to.equal("alice@example.com");
      });

      it("fields: the extra `brand` field is checked", async () => {
        mount();
        const res = await t.post(FORGOT_PATH, { email: "alice@example.com", brand: "other" });
        expect([res.status, res.body.error?.details?.[0]?.field]).to.deep.equal([400, "brand"]);
      });

      it("parseRequest gets the request, the route and the body, and maps the fields", async () => {
        mount();
        const wrapped = { data: { email: "alice@example.com" } };
        expect((await t.post(FORGOT_PATH, wrapped, { "X-Wrapped": "forgot" })).status).to.equal(200);
        expect(t.mailer.last?.to).to.equal("alice@example.com");
      });

      it("formatResponse gets the outcome and the request, and reshapes the answer", async () => {
        mount();
        const res = await t.post(FORGOT_PATH, { email: "alice@example.com" });
        expect(res.headers["x-format"]).to.equal("forgot POST");
      });

      it("authorize gets the request and the route; false answers 401", async () => {
        mount();
        const res = await t.post(FORGOT_PATH, { email: "alice@example.com" }, { "X-Deny": "forgot" });
        expect([res.status, res.body.error?.type]).to.deep.equal([401, "UNAUTHORIZED"]);
        expect(
          (await t.post(FORGOT_PATH, { email: "alice@example.com" }, { "X-Deny": "reset" })).status,
        ).to.equal(200);
      });

      it("bindTo gets the request and the body: a link used under another binding is INVALID_TOKEN", async () => {
        mount();
        const token = await linkToken({ "X-Device": "phone-1" });
        const elsewhere = await t.post("/verify", { token, device: "phone-2" });
        expect([elsewhere.status, elsewhere.body.error?.type]).to.deep.equal([400, "INVALID_TOKEN"]);
        expect((await t.post("/verify", { token, device: "phone-1" })).status).to.equal(200);
      });

      it("maxBodyBytes: a body over 1024 bytes answers 413", async () => {
        mount();
        const res = await t.post(FORGOT_PATH, { email: "alice@example.com", pad: "x".repeat(1100) });
        expect([res.status, res.body.error?.type]).to.deep.equal([413, "PAYLOAD_TOO_LARGE"]);
      });

      it("the body time limit: a body still trickling in answers 408 and the connection closes", async () => {
        mount();
        const { server, close } = await listen(t.app);
        const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
        let received = "";
        socket.on("data", (chunk) => (received += chunk.toString()));
        const closed = new Promise((resolve) => socket.on("close", resolve));
        socket.write(
          `POST /auth${FORGOT_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{`,
        );
        const trickle = setInterval(() => socket.writable && socket.write(" "), 50);
        await closed;
        clearInterval(trickle);
        await close();
        expect(received).to.match(/^HTTP\/1\.1 408 /);
      });

      it("afterReset gets the user and the request; what it returns joins the answer", async () => {
        mount();
        const res = await reset({ token: await linkToken() });
        expect([res.status, res.body.data]).to.deep.equal([200, { saw: "u1 POST" }]);
      });

      it("the adapter time limit, onEvent and the logger: a lookup that outlives it fails, reported to both", async () => {
        mount();
        const res = await t.post(FORGOT_PATH, { email: HANGING_EMAIL });
        expect([res.status, res.body.error?.type]).to.deep.equal([500, "INTERNAL_ERROR"]);
        const failed = t.events.find((e) => e.type === "adapter.failed");
        const message = `users.findUser did not settle within ${ADAPTER_TIMEOUT_MS} ms`;
        expect(failed?.error?.message).to.equal(message);
        expect(t.logs).to.include(
          `error: express-password-reset: users.findUser failed: AdapterTimeoutError: ${message}`,
        );
      });
    });
  }
}

/** What the builders' `formatResponse` answers: the contract's envelope, plus a header naming what it saw. */
export function withFormatHeader(outcome: Outcome, req: Request): FormattedResponse {
  const body = outcome.success
    ? { success: true, data: outcome.data ?? {} }
    : { success: false, error: outcome.error };
  return { status: outcome.status, headers: { "X-Format": `${outcome.route} ${req.method}` }, body };
}

/** The builders' password rule: no password containing the account's username. */
export function noUsername(password: string, user: ResetUser): string | undefined {
  return user.username && password.includes(user.username)
    ? `must not contain your username (${user.username})`
    : undefined;
}

/** The builders' normalisation: plus-addressing dropped from emails, the rest as the contract says. */
export function withoutPlusTag(type: IdentifierType, value: string): string {
  const normal = normalizeIdentifier({ type, value });
  return type === "email" ? normal.replace(/\+[^@]*@/, "@") : normal;
}

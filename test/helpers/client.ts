/**
 * The client: what a user's browser or app sends the router, one verb per step of the story, each
 * checked the way the client would see it. A test reads as the story it tells:
 *
 *     const token = await requestLink(t);                   // POST /forgot, the mailed link's token
 *     const resetToken = await session(t, { token });      // POST /verify
 *     expectOk(await reset(t, { resetToken }, "new pw"));  // POST /reset (expect.ts)
 *
 * `post`, `postFrom` and `postRaw` send anything at all, for tests of what a client must not send.
 */
import type { RequestListener, Server } from "node:http";
import { expect } from "chai";
import request from "supertest";
import type { Response } from "supertest";
import type { PasswordResetRouter, RouteName } from "../../lib/index.js";
import type { CapturingMailer, CapturingSmsSender } from "../../lib/testing/index.js";
import { ALICE, GOOD_PASSWORD } from "./fixtures.js";

/** Where `createTestApp` mounts the router. */
export const BASE = "/auth/password";

/** A JSON request body. */
export type Body = Record<string, unknown>;

/** What the client needs of a test app (a `TestApp` is one): what to call, whose deliveries to await. */
export interface Client {
  /** The app, or a server it listens on. */
  app: RequestListener | Server;
  /** The router that delivers in the background. */
  router: Pick<PasswordResetRouter, "drain">;
}

/** A client that reads the mail the user receives. */
export type MailClient = Client & { mailer: CapturingMailer };

/** A compact JWS (`header.payload.signature`), the shape of a reset session. */
export const JWT_PATTERN = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** POSTs a JSON body to one of the router's routes, on an app or on a real loopback server. */
export function post(app: RequestListener | Server, route: RouteName, body: object): request.Test {
  return request(app).post(`${BASE}/${route}`).send(body);
}

/**
 * POSTs a JSON body as if from client address `ip`: the app must `set("trust proxy", true)`, so
 * Express takes `req.ip` from `X-Forwarded-For` the way it would behind a load balancer.
 */
export function postFrom(
  app: RequestListener | Server,
  ip: string,
  route: RouteName,
  body: object,
): request.Test {
  return request(app).post(`${BASE}/${route}`).set("X-Forwarded-For", ip).send(body);
}

/**
 * POSTs exactly these bytes. superagent would otherwise JSON-serialise a Buffer when the content
 * type says JSON, and the test would not send what it claims to.
 */
export function postRaw(
  app: RequestListener | Server,
  path: string,
  body: string | Buffer,
  contentType?: string,
): request.Test {
  const req = request(app).post(path);
  if (contentType !== undefined) req.set("Content-Type", contentType);
  return req.serialize((data: unknown) => data as string).send(body as string);
}

/** The two password fields of the reset form, the same password typed twice. */
export function newPassword(password = GOOD_PASSWORD): { password: string; passwordConfirm: string } {
  return { password, passwordConfirm: password };
}

/**
 * POST /forgot: expects the uniform `200 { success: true, data: {} }` and waits for the background
 * delivery. Resolves the token of the link this request mailed, or `undefined` when it mailed none.
 */
export async function forgot(t: MailClient, body: Body): Promise<string | undefined> {
  const mailed = t.mailer.resets.length;
  const res = await post(t.app, "forgot", body);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(res.body).to.deep.equal({ success: true, data: {} });
  await t.router.drain();
  return t.mailer.resets.length > mailed ? t.mailer.lastToken() : undefined;
}

/** Asks for a link by email (Alice's address, another one, or any forgot body); resolves its token. */
export async function requestLink(t: MailClient, to: string | Body = ALICE.email): Promise<string> {
  const before = t.mailer.resets.length;
  const token = await forgot(t, typeof to === "string" ? { email: to } : to);
  expect(t.mailer.resets, "exactly one reset mail was sent").to.have.length(before + 1);
  expect(token, "the mail holds a link with a token").to.be.a("string");
  return token as string;
}

/**
 * Asks for a code by SMS (for a mobile number, or any forgot body) and resolves the code that
 * reached `expectTo`: the number asked for, or else Alice's.
 */
export async function smsCode(
  t: MailClient & { sms: CapturingSmsSender },
  to: string | Body = ALICE.mobile,
  expectTo = typeof to === "string" ? to : ALICE.mobile,
): Promise<string> {
  const before = t.sms.messages.length;
  await forgot(t, typeof to === "string" ? { mobile: to } : to);
  expect(t.sms.messages, "exactly one SMS was sent").to.have.length(before + 1);
  const message = t.sms.last!;
  expect(message.to).to.equal(expectTo);
  return message.code;
}

/** POST /verify with a link token, or an identifier and a code. */
export function verify(t: Client, body: Body): request.Test {
  return post(t.app, "verify", body);
}

/** Verifies and resolves the reset session, checking the answer's shape and `expiresIn`. */
export async function session(t: Client, body: Body, ttlSeconds = 600): Promise<string> {
  const res = await verify(t, body);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(res.body.success).to.equal(true);
  expect(res.body.data.expiresIn).to.equal(ttlSeconds);
  expect(res.body.data.resetToken).to.match(JWT_PATTERN);
  return res.body.data.resetToken as string;
}

/**
 * POST /reset with the credential in `body`, the new password typed twice, and, when given, an
 * `Authorization` header (a reset session as `Bearer …`, or the app's own).
 */
export function reset(t: Client, body: Body, password = GOOD_PASSWORD, authorization?: string): request.Test {
  const req = request(t.app).post(`${BASE}/reset`);
  if (authorization !== undefined) req.set("Authorization", authorization);
  return req.send({ ...body, ...newPassword(password) });
}

/** A code of the same length that is certainly wrong. */
export function wrong(code: string, shift = 1): string {
  const last = Number(code.at(-1));
  return code.slice(0, -1) + String((last + shift) % 10);
}

/** Headers of a response minus the one that changes every second, to compare two answers. */
export function stableHeaders(res: Response): Record<string, string> {
  const { date: _date, ...rest } = res.headers as Record<string, string>;
  return rest;
}

// Shared steps of the code / identifier / verify tests: an app that accepts every identifier type
// and sends SMS, and the requests a client makes, each checked the way the client would see them.
import { expect } from "chai";
import request from "supertest";
import type { Response } from "supertest";
import { FAST_HASH, createTestApp } from "../helpers/app.js";
import type { ExpressVersion, TestApp, TestAppOptions } from "../helpers/app.js";

export const BASE = "/auth/password";
/** 32+ bytes, so tests can sign their own JWTs with the router's key. */
export const SECRET = "codes-suite-secret-0123456789abcdef-0123456789";

/** Records from test/helpers/users.ts. */
export const ALICE = { id: "u1", email: "alice@example.com", mobile: "+14155550100", username: "alice" };
export const BOB = { id: "u2", email: "bob@example.com", username: "bob" };
export const CAROL = { id: "u3", mobile: "+447700900123", username: "carol" };

export type CodeApp = TestApp;

/** `createTestApp` with `identifiers: ["email", "mobile", "username"]` and a fixed `secret`. */
export function createCodeApp(version: ExpressVersion, options: TestAppOptions = {}): CodeApp {
  return createTestApp(version, { identifiers: ["email", "mobile", "username"], secret: SECRET, ...options });
}

export type Body = Record<string, unknown>;

/** POST /forgot, expects the uniform 200, and waits for the background delivery. */
export async function forgot(t: TestApp, body: Body): Promise<void> {
  const res = await request(t.app).post(`${BASE}/forgot`).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(res.body).to.deep.equal({ success: true, data: {} });
  await t.router.drain();
}

/** Asks for a code by SMS and returns the code the user received on `expectTo`. */
export async function smsCode(t: CodeApp, body: Body, expectTo = ALICE.mobile): Promise<string> {
  const before = t.sms.messages.length;
  await forgot(t, body);
  expect(t.sms.messages, "exactly one SMS was sent").to.have.length(before + 1);
  const message = t.sms.last!;
  expect(message.to).to.equal(expectTo);
  return message.code;
}

/** Asks for a link by email and returns the link's token. */
export async function linkToken(t: TestApp, body: Body = { email: ALICE.email }): Promise<string> {
  const before = t.mailer.resets.length;
  await forgot(t, body);
  expect(t.mailer.resets, "exactly one reset mail was sent").to.have.length(before + 1);
  const token = t.mailer.lastToken();
  expect(token, "the mail holds a link with a token").to.be.a("string");
  return token as string;
}

export function verify(t: TestApp, body: Body): Promise<Response> {
  return request(t.app).post(`${BASE}/verify`).send(body);
}

/** POST /reset with `password` + `passwordConfirm` added, and an optional `Authorization` header. */
export function reset(t: TestApp, body: Body, password: string, authorization?: string): Promise<Response> {
  const req = request(t.app).post(`${BASE}/reset`);
  if (authorization !== undefined) req.set("Authorization", authorization);
  return req.send({ ...body, password, passwordConfirm: password });
}

/** Verifies and returns the reset session, checking the response shape. */
export async function session(t: TestApp, body: Body, ttlSeconds = 600): Promise<string> {
  const res = await verify(t, body);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(res.body.success).to.equal(true);
  expect(res.body.data.expiresIn).to.equal(ttlSeconds);
  expect(res.body.data.resetToken).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  return res.body.data.resetToken as string;
}

export function expectOk(res: Response): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(res.body.success).to.equal(true);
}

export function expectError(res: Response, type: string, status = 400): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.body.success).to.equal(false);
  expect(res.body.error.type).to.equal(type);
}

/** The `field`s a VALIDATION_ERROR names. */
export function fieldsOf(res: Response): string[] {
  expectError(res, "VALIDATION_ERROR");
  return (res.body.error.details as Array<{ field: string }>).map((d) => d.field);
}

/** A code of the same length that is certainly wrong. */
export function wrong(code: string, shift = 1): string {
  const last = Number(code.at(-1));
  return code.slice(0, -1) + String((last + shift) % 10);
}

/** Asserts the user's stored hash is the hash of `password`: the reset really happened. */
export async function expectPassword(t: TestApp, userId: string, password: string): Promise<void> {
  expect(t.users.hashOf(userId)).to.equal(await FAST_HASH(password));
}

/** Asserts nothing changed the user's password. */
export function expectUnchanged(t: TestApp, userId: string): void {
  expect(t.users.hashOf(userId)).to.equal("old");
  expect(t.users.updates.filter((u) => u.userId === userId)).to.deep.equal([]);
}

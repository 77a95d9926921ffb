// Assertions on what a client or the app would notice: the answer's envelope (one expectError for
// every error type, its status from the contract's table) and the stored password.
import { expect } from "chai";
import type { Response } from "supertest";
import { ERROR_TABLE } from "../../lib/index.js";
import type { ErrorType } from "../../lib/index.js";
import { FAST_HASH } from "./app.js";
import type { FakeUsers } from "./users.js";

/** A 200 with `success: true`. */
export function expectOk(res: Response): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(res.body.success).to.equal(true);
}

/** The contract's JSON error envelope with `type`, its status from the error table and a message. */
export function expectError(res: Response, type: ErrorType): void {
  expect(res.status, res.text).to.equal(ERROR_TABLE[type].status);
  expect(res.headers["content-type"]).to.match(/^application\/json/);
  expect(res.body.success, res.text).to.equal(false);
  expect(res.body.error.type, res.text).to.equal(type);
  expect(res.body.error.message).to.be.a("string").and.not.equal("");
}

/** The `field`s a 400 VALIDATION_ERROR names, in order. */
export function fieldsOf(res: Response): string[] {
  expectError(res, "VALIDATION_ERROR");
  return (res.body.error.details as Array<{ field: string }>).map((d) => d.field);
}

/** A 400 VALIDATION_ERROR whose `details` name `field` (or a path inside it). */
export function expectFieldError(res: Response, field: string): void {
  expectError(res, "VALIDATION_ERROR");
  const details = res.body.error.details as Array<{ field: string; message: string }>;
  expect(details, res.text).to.be.an("array").that.is.not.empty;
  for (const detail of details) {
    expect(detail.field).to.be.a("string");
    expect(detail.message).to.be.a("string");
  }
  expect(
    details.some((d) => d.field === field || d.field.startsWith(`${field}.`)),
    `details name ${field}: ${res.text}`,
  ).to.equal(true);
}

/** The generic 500 of the contract: nothing of the adapter's error, no stack, none of `mustNotContain`. */
export function expectGenericInternalError(res: Response, ...mustNotContain: string[]): void {
  expectError(res, "INTERNAL_ERROR");
  expect(res.body).to.deep.equal({
    success: false,
    error: { type: "INTERNAL_ERROR", message: ERROR_TABLE.INTERNAL_ERROR.message },
  });
  expect(res.text).not.to.match(/\bat .*:\d+:\d+/); // no stack frame
  for (const text of mustNotContain) expect(res.text).not.to.include(text);
}

/** The user's stored hash is the hash of `password` (FAST_HASH): the reset really happened. */
export async function expectPassword(
  t: { users: FakeUsers },
  userId: string,
  password: string,
): Promise<void> {
  expect(t.users.hashOf(userId), `the password of ${userId}`).to.equal(await FAST_HASH(password));
}

/** Nothing changed the user's password. */
export function expectUnchanged(t: { users: FakeUsers }, userId: string): void {
  expect(t.users.hashOf(userId)).to.equal("old");
  expect(t.users.updates.filter((u) => u.userId === userId)).to.deep.equal([]);
}

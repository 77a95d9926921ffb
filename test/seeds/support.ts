// Shared parts of the seed tests: each example is built from a fake user table, capturing senders
// and test knobs, exactly as a user's own tests would build it.
import { expect } from "chai";
import type { Response } from "supertest";
import { CapturingMailer, CapturingSmsSender } from "../../lib/testing/index.js";
import type { SeedDeps } from "../../examples/seeds/shared.js";
import { FAST_HASH } from "../helpers/app.js";
import { FakeUsers, type StoredUser } from "../helpers/users.js";

/** A fixed router secret (32+ bytes). */
export const SECRET = "seed-tests-secret-0123456789abcdef-0123456789";

/** What a seed test builds its example from, and keeps to look into. */
export interface SeedFixture {
  deps: SeedDeps;
  users: FakeUsers;
  mailer: CapturingMailer;
  sms: CapturingSmsSender;
  /** What the routers logged (adapter failures), instead of the test output. */
  logs: string[];
}

/** Deps over `records`: fast hashing, no rate limits, a fixed secret, senders that capture. */
export function seedFixture(records: StoredUser[]): SeedFixture {
  const users = new FakeUsers(records);
  const mailer = new CapturingMailer();
  const sms = new CapturingSmsSender();
  const logs: string[] = [];
  const logger = { warn: (line: string) => logs.push(line), error: (line: string) => logs.push(line) };
  const deps: SeedDeps = {
    users,
    mailer,
    sms,
    logger,
    hashPassword: FAST_HASH,
    rateLimit: false,
    secret: SECRET,
  };
  return { deps, users, mailer, sms, logs };
}

/** Asserts the user's stored hash is now the hash of `password`. */
export async function expectPassword(users: FakeUsers, userId: string, password: string): Promise<void> {
  expect(users.hashOf(userId), `the password of ${userId}`).to.equal(await FAST_HASH(password));
}

/** Asserts a JSON response with `status`, showing the body when it is not. */
export function expectStatus(res: Response, status: number): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers["content-type"]).to.match(/^application\/json/);
}

/** A compact JWS (`header.payload.signature`), as the seeds' tokens are. */
export const JWT_PATTERN = /^[\w-]+\.[\w-]+\.[\w-]+$/;

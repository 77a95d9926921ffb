// Shared parts of the seed tests: each example is built from a fake user table, capturing senders
// and test knobs, exactly as a user's own tests would build it.
import { expect } from "chai";
import type { Response } from "supertest";
import { CapturingMailer, CapturingSmsSender } from "../../lib/testing/index.js";
import type { SeedDeps } from "../../examples/seeds/shared.js";
import { FAST_HASH } from "../helpers/app.js";
import { SECRET } from "../helpers/fixtures.js";
import { FakeUsers, type StoredUser } from "../helpers/users.js";

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

/**
 * A JSON response with `status`, showing the body when it is not. The seeds answer in their own
 * envelopes, so this checks what they share; the contract's envelope is `expectError`'s.
 */
export function expectStatus(res: Response, status: number): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers["content-type"]).to.match(/^application\/json/);
}

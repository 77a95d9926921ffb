// Shared by the Redis and PostgreSQL store tests: a throwaway grant, and the check that a store on
// a dead backend rejects every call promptly instead of hanging.
import { expect } from "chai";
import type { Grant, TokenStore } from "../../lib/index.js";

/** A link grant with random ids, live for a minute; `overrides` change any field. */
export function makeGrant(overrides: Partial<Grant> = {}): Grant {
  const now = Date.now();
  return {
    kind: "link",
    id: Math.random().toString(36).slice(2),
    userId: Math.random().toString(36).slice(2),
    identifier: { type: "email", value: "user@example.com" },
    hash: "ab".repeat(32),
    createdAt: now,
    expiresAt: now + 60_000,
    retainUntil: now + 120_000,
    ...overrides,
  };
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Each store call (and any `extra` one, such as `migrate`) must reject with an Error within a
 * second: a hang would stall a request.
 */
export async function expectEveryMethodToReject(
  store: TokenStore,
  extra: Record<string, () => Promise<unknown>> = {},
): Promise<void> {
  const grant = makeGrant();
  const calls: Record<string, () => Promise<unknown>> = {
    ...extra,
    issue: () => store.issue(grant),
    find: () => store.find("link", grant.id),
    claim: () => store.claim("link", grant.id, grant.hash, 1000),
    release: () => store.release("link", grant.id, grant.hash),
    remove: () => store.remove("link", grant.id),
    revokeUser: () => store.revokeUser(grant.userId),
    countAttempt: () => store.countAttempt("k", 1000),
    clearAttempts: () => store.clearAttempts("k"),
  };
  for (const [name, call] of Object.entries(calls)) {
    const outcome = await Promise.race([
      call().then(
        () => "resolved",
        (error: unknown) => error,
      ),
      sleep(1000).then(() => "still pending after 1 s"),
    ]);
    expect(outcome, name).to.be.instanceOf(Error);
  }
}

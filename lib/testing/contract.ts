/**
 * The token store contract as a test suite: what every {@link TokenStore} (memory, Redis,
 * PostgreSQL, or a user's own) must do for the router's promises to hold. It registers mocha
 * tests through the global `describe`/`it`/`beforeEach`/`afterEach` and asserts with
 * `node:assert/strict`, so it adds no dependency to the package.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Grant, GrantKind, TokenStore } from "../types.js";
import { describeLinkAndCode } from "./contract-link-and-code.js";

/** What a contract factory hands back: a fresh store, and how to clean up after it. */
export interface TokenStoreContractSubject {
  /** The store under test. Its `close()`, if any, is called after each test. */
  store: TokenStore;
  /** Runs after each test, after `store.close()`: drop keys or tables, quit clients. */
  cleanup?: () => Promise<void> | void;
}

/** Tuning of {@link describeTokenStoreContract}. */
export interface TokenStoreContractOptions {
  /**
   * Lifetime, in real ms, of the grants, leases and attempt windows the expiry tests wait out.
   * Raise it for a backend with slow round trips. [250]
   */
  shortTtlMs?: number;
  /** Parallel calls in the concurrency tests. [50] */
  concurrency?: number;
}

// Only the mocha globals the suite calls, so the package's types need no @types/mocha.
interface MochaGlobals {
  describe(title: string, body: () => void): unknown;
  it(title: string, body: (this: { skip(): void }) => Promise<void>): unknown;
  beforeEach(body: () => Promise<void>): unknown;
  afterEach(body: () => Promise<void>): unknown;
}

/**
 * Registers the token store contract suite. Call it at the top level of a mocha test file (or
 * inside a `describe`). `factory` runs before every test and must return a store that does not
 * see the grants and counters of other tests' stores, or at least one that tolerates them: the
 * suite uses random user ids, grant ids and attempt keys.
 *
 * Timing tests wait out real lifetimes of `shortTtlMs` (250 ms), because a store's backend
 * (Redis key expiry, a database clock) cannot be driven by a fake clock.
 *
 * @example
 * ```ts
 * // test/my-store.test.ts, run with mocha
 * import { describeTokenStoreContract } from "express-password-reset/testing";
 * import { MyTokenStore } from "../src/my-token-store.js";
 *
 * describeTokenStoreContract("MyTokenStore", async () => {
 *   const store = new MyTokenStore({ url: process.env.MY_DB_URL, prefix: `test-${Date.now()}:` });
 *   return { store, cleanup: () => store.dropEverything() };
 * });
 * ```
 */
export function describeTokenStoreContract(
  name: string,
  factory: () => Promise<TokenStoreContractSubject> | TokenStoreContractSubject,
  options: TokenStoreContractOptions = {},
): void {
  const { describe, it, beforeEach, afterEach } = mochaGlobals();
  const ttl = options.shortTtlMs ?? 250;
  const parallel = options.concurrency ?? 50;

  describe(`${name} satisfies the TokenStore contract`, () => {
    let subject: TokenStoreContractSubject | undefined;
    const store = (): TokenStore => {
      if (!subject) throw new Error("the store factory did not run");
      return subject.store;
    };

    beforeEach(async () => {
      subject = await factory();
      assert.ok(subject && typeof subject.store === "object", "the factory must return { store }");
    });

    afterEach(async () => {
      const current = subject;
      subject = undefined;
      await current?.store.close?.();
      await current?.cleanup?.();
    });

    describe("issue and find", () => {
      it("finds an issued grant with every field intact", async () => {
        const grant = makeGrant({ redirectUrl: "https://app.example.com/after", binding: "ab".repeat(32) });
        await store().issue(grant);
        assert.deepEqual(await store().find(grant.kind, grant.id), grant);
      });

      it("finds a grant without a redirectUrl without inventing one", async () => {
        const grant = makeGrant({ kind: "code" });
        await store().issue(grant);
        const found = await store().find("code", grant.id);
        assert.deepEqual(found, grant);
        assert.equal(found && "redirectUrl" in found, false);
        assert.equal(found && "binding" in found, false);
      });

      it("answers null for an unknown id and for the right id under another kind", async () => {
        const grant = makeGrant({ kind: "link" });
        await store().issue(grant);
        assert.equal(await store().find("link", randomUUID()), null);
        assert.equal(await store().find("code", grant.id), null);
      });

      it("keeps its own copy: changing the issued or the found object changes nothing stored", async () => {
        const grant = makeGrant();
        await store().issue(grant);
        const expected = structuredClone(grant);
        grant.hash = "changed";
        grant.identifier.value = "changed@example.com";
        const found = await store().find(grant.kind, grant.id);
        assert.ok(found);
        found.identifier.value = "other@example.com";
        assert.deepEqual(await store().find(expected.kind, expected.id), expected);
      });

      it("still finds a grant past expiresAt but before retainUntil (so it can answer TOKEN_EXPIRED)", async () => {
        const now = Date.now();
        const grant = makeGrant({
          createdAt: now - 10_000,
          expiresAt: now - 1_000,
          retainUntil: now + 60_000,
        });
        await store().issue(grant);
        assert.deepEqual(await store().find(grant.kind, grant.id), grant);
      });

      it("forgets a grant once retainUntil has passed", async () => {
        const now = Date.now();
        const grant = makeGrant({ expiresAt: now + ttl / 2, retainUntil: now + ttl });
        await store().issue(grant);
        assert.deepEqual(await store().find(grant.kind, grant.id), grant);
        await sleep(ttl * 1.5);
        assert.equal(await store().find(grant.kind, grant.id), null);
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, 60_000), false);
      });
    });

    describe("supersede", () => {
      it("issue deletes every other grant of the same user, of every kind", async () => {
        const userId = randomUUID();
        const link = makeGrant({ userId, kind: "link" });
        const code = makeGrant({ userId, kind: "code" });
        const session = makeGrant({ userId, kind: "session" });
        await store().issue(link);
        await store().issue(code);
        assert.equal(await store().find("link", link.id), null, "the code superseded the link");
        await store().issue(session);
        assert.equal(await store().find("code", code.id), null, "the session superseded the code");
        assert.deepEqual(await store().find("session", session.id), session);
        await store().issue(link);
        assert.equal(await store().find("session", session.id), null, "a new link superseded the session");
        assert.equal(await store().claim("session", session.id, session.hash, 60_000), false);
      });

      it("issue leaves other users' grants alone", async () => {
        const mine = makeGrant();
        const theirs = makeGrant({ kind: "code" });
        await store().issue(theirs);
        await store().issue(mine);
        await store().issue(makeGrant({ userId: mine.userId, kind: "session" }));
        assert.deepEqual(await store().find("code", theirs.id), theirs);
      });

      it(`of ${parallel} parallel issues for one user, exactly one grant survives`, async () => {
        const userId = randomUUID();
        const kinds: GrantKind[] = ["link", "code", "session"];
        const grants = Array.from({ length: parallel }, (_, i) => makeGrant({ userId, kind: kinds[i % 3] }));
        await Promise.all(grants.map((grant) => store().issue(grant)));
        const found = await Promise.all(grants.map((grant) => store().find(grant.kind, grant.id)));
        assert.equal(found.filter(Boolean).length, 1);
      });

      it("re-issuing the same kind and id replaces the grant and ends any claim on it", async () => {
        const first = makeGrant({ kind: "code" });
        await store().issue(first);
        assert.equal(await store().claim("code", first.id, first.hash, 60_000), true);
        const second = { ...makeGrant({ kind: "code", userId: first.userId }), id: first.id };
        await store().issue(second);
        assert.deepEqual(await store().find("code", first.id), second);
        assert.equal(await store().claim("code", first.id, first.hash, 60_000), false, "old hash");
        assert.equal(await store().claim("code", first.id, second.hash, 60_000), true, "new hash, unclaimed");
      });
    });

    describe("claim and release", () => {
      it("refuses a wrong hash and accepts the right one", async () => {
        const grant = makeGrant();
        await store().issue(grant);
        assert.equal(await store().claim(grant.kind, grant.id, "0".repeat(64), 60_000), false);
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, 60_000), true);
      });

      it("refuses a second claim while the first holds the grant", async () => {
        const grant = makeGrant();
        await store().issue(grant);
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, 60_000), true);
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, 60_000), false);
      });

      it("still finds a claimed grant", async () => {
        const grant = makeGrant();
        await store().issue(grant);
        await store().claim(grant.kind, grant.id, grant.hash, 60_000);
        assert.deepEqual(await store().find(grant.kind, grant.id), grant);
      });

      it("release makes the grant claimable again; release with a wrong hash does not", async () => {
        const grant = makeGrant();
        await store().issue(grant);
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, 60_000), true);
        await store().release(grant.kind, grant.id, "0".repeat(64));
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, 60_000), false);
        await store().release(grant.kind, grant.id, grant.hash);
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, 60_000), true);
      });

      it("a claim lease runs out after leaseMs", async () => {
        const grant = makeGrant();
        await store().issue(grant);
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, ttl), true);
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, ttl), false);
        await sleep(ttl * 1.5);
        assert.equal(await store().claim(grant.kind, grant.id, grant.hash, 60_000), true);
      });

      it("refuses a removed grant and a revoked grant", async () => {
        const removed = makeGrant();
        const revoked = makeGrant({ kind: "session" });
        await store().issue(removed);
        await store().issue(revoked);
        await store().remove(removed.kind, removed.id);
        await store().revokeUser(revoked.userId);
        assert.equal(await store().claim(removed.kind, removed.id, removed.hash, 60_000), false);
        assert.equal(await store().claim(revoked.kind, revoked.id, revoked.hash, 60_000), false);
      });

      it("release, remove and revokeUser of unknown grants and users resolve quietly", async () => {
        await store().release("link", randomUUID(), "0".repeat(64));
        await store().remove("code", randomUUID());
        await store().revokeUser(randomUUID());
        assert.equal(await store().claim("link", randomUUID(), "0".repeat(64), 60_000), false);
      });

      it(`of ${parallel} parallel claims of one grant, exactly one succeeds`, async () => {
        const grant = makeGrant();
        await store().issue(grant);
        const results = await Promise.all(
          Array.from({ length: parallel }, () => store().claim(grant.kind, grant.id, grant.hash, 60_000)),
        );
        assert.equal(results.filter(Boolean).length, 1);
      });
    });

    describe("remove and revokeUser", () => {
      it("remove deletes that grant only", async () => {
        const gone = makeGrant();
        const kept = makeGrant();
        await store().issue(gone);
        await store().issue(kept);
        await store().remove(gone.kind, gone.id);
        assert.equal(await store().find(gone.kind, gone.id), null);
        assert.deepEqual(await store().find(kept.kind, kept.id), kept);
      });

      it("revokeUser deletes the user's grants, not other users', and the user can start again", async () => {
        const mine = makeGrant({ kind: "session" });
        const theirs = makeGrant();
        await store().issue(theirs);
        await store().issue(mine);
        await store().revokeUser(mine.userId);
        assert.equal(await store().find(mine.kind, mine.id), null);
        assert.deepEqual(await store().find(theirs.kind, theirs.id), theirs);
        const next = makeGrant({ userId: mine.userId });
        await store().issue(next);
        assert.deepEqual(await store().find(next.kind, next.id), next);
      });

      it("a removed grant is not brought back by the user's next issue", async () => {
        const first = makeGrant();
        await store().issue(first);
        await store().remove(first.kind, first.id);
        const second = makeGrant({ userId: first.userId, kind: "code" });
        await store().issue(second);
        assert.equal(await store().find(first.kind, first.id), null);
        assert.deepEqual(await store().find(second.kind, second.id), second);
      });
    });

    describeLinkAndCode({ describe, it, store, makeGrant, parallel, ttl });

    describe("attempt counters", () => {
      const count = async (key: string, windowMs: number) =>
        (await store().countAttempt(key, windowMs)).count;

      it("counts 1, 2, 3 per key, keys apart", async () => {
        const key = `contract:${randomUUID()}`;
        const other = `contract:${randomUUID()}`;
        assert.equal(await count(key, 60_000), 1);
        assert.equal(await count(key, 60_000), 2);
        assert.equal(await count(other, 60_000), 1);
        assert.equal(await count(key, 60_000), 3);
      });

      it("starts again at 1 once the window that began at the first attempt has passed", async () => {
        const key = `contract:${randomUUID()}`;
        assert.equal(await count(key, ttl), 1);
        assert.equal(await count(key, ttl), 2);
        await sleep(ttl * 1.5);
        assert.equal(await count(key, ttl), 1);
      });

      it("clearAttempts starts the count again", async () => {
        const key = `contract:${randomUUID()}`;
        await store().countAttempt(key, 60_000);
        await store().countAttempt(key, 60_000);
        await store().clearAttempts(key);
        assert.equal(await count(key, 60_000), 1);
        await store().clearAttempts(`contract:${randomUUID()}`);
      });

      it(`${parallel} parallel attempts on one key each get their own count, 1 to ${parallel}`, async () => {
        const key = `contract:${randomUUID()}`;
        const counts = await Promise.all(Array.from({ length: parallel }, () => count(key, 60_000)));
        assert.deepEqual(
          [...counts].sort((a, b) => a - b),
          Array.from({ length: parallel }, (_, i) => i + 1),
        );
      });
    });

    describe("attempt windows", () => {
      it("tell when the window ends: the same end for every attempt in it, about windowMs after the first", async () => {
        const key = `contract:${randomUUID()}`;
        const before = Date.now();
        const first = await store().countAttempt(key, 60_000);
        const second = await store().countAttempt(key, 60_000);
        const after = Date.now();
        assert.ok(
          first.resetAt >= before + 60_000 - 1000 && first.resetAt <= after + 60_000 + 1000,
          "the first attempt opens a window of windowMs",
        );
        assert.ok(
          Math.abs(second.resetAt - first.resetAt) <= 50,
          "later attempts in the window report the same end",
        );
      });

      it("keep counting past any limit, and keys longer than 255 characters work", async () => {
        const key = `contract:${"x".repeat(300)}:${randomUUID()}`;
        for (let i = 1; i <= 12; i++) assert.equal((await store().countAttempt(key, 60_000)).count, i);
      });
    });
  });
}

let sequence = 0;

function makeGrant(overrides: Partial<Grant> = {}): Grant {
  const now = Date.now();
  sequence += 1;
  return {
    kind: "link" as GrantKind,
    id: randomUUID(),
    userId: randomUUID(),
    identifier: { type: "email", value: `user${sequence}@example.com` },
    hash: randomUUID().replaceAll("-", "").padEnd(64, "a"),
    createdAt: now,
    expiresAt: now + 3_600_000,
    retainUntil: now + 7_200_000,
    ...overrides,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function mochaGlobals(): MochaGlobals {
  const g = globalThis as unknown as Partial<MochaGlobals>;
  if (
    typeof g.describe !== "function" ||
    typeof g.it !== "function" ||
    typeof g.beforeEach !== "function" ||
    typeof g.afterEach !== "function"
  ) {
    throw new Error(
      "describeTokenStoreContract needs mocha's global describe/it/beforeEach/afterEach: call it from a test file mocha runs.",
    );
  }
  return g as MochaGlobals;
}

/**
 * The part of the token store contract that `delivery.email: "link+code"` rests on: one grant
 * presented two ways (its link, and its code: `Grant.code`). Registered by
 * `describeTokenStoreContract` inside its suite; a store that does not declare `linkAndCode`
 * skips it (the router then refuses `"link+code"` with that store).
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Grant, TokenStore } from "../types.js";

/** What the link-and-code tests borrow from the contract suite around them. */
export interface LinkAndCodeSuite {
  describe(title: string, body: () => void): unknown;
  it(title: string, body: (this: { skip(): void }) => Promise<void>): unknown;
  /** The store of the running test. */
  store(): TokenStore;
  /** A fresh grant, with the given fields. */
  makeGrant(overrides?: Partial<Grant>): Grant;
  /** Parallel calls in the concurrency test. */
  parallel: number;
  /** Lifetime, in real ms, of the grants the expiry test waits out. */
  ttl: number;
}

/** Registers the link-and-code tests. */
export function describeLinkAndCode(suite: LinkAndCodeSuite): void {
  const { describe, store, makeGrant, parallel, ttl } = suite;
  // A test skips itself unless the store says it keeps a grant's code.
  const it = (title: string, body: () => Promise<void>) =>
    suite.it(title, async function () {
      if (store().linkAndCode !== true) return this.skip();
      await body();
    });
  const twoWays = (overrides: Partial<Grant> = {}): Grant =>
    makeGrant({ kind: "link", code: { id: randomUUID(), hash: "c".repeat(64) }, ...overrides });
  const findBoth = async (grant: Grant) => [
    await store().find(grant.kind, grant.id),
    await store().find("code", grant.code!.id),
  ];

  describe('a grant with a code (linkAndCode: delivery.email "link+code")', () => {
    it("finds it by its link and by its code, every field intact, as one grant", async () => {
      const grant = twoWays({ redirectUrl: "https://app.example.com/after", binding: "ab".repeat(32) });
      await store().issue(grant);
      assert.deepEqual(await findBoth(grant), [grant, grant]);
    });

    it("a claim holds it whichever way it was found, and removing it deletes both ways", async () => {
      const grant = twoWays();
      await store().issue(grant);
      const found = await store().find("code", grant.code!.id);
      assert.ok(found);
      assert.equal(await store().claim(found.kind, found.id, found.hash, 60_000), true);
      assert.equal(await store().claim(grant.kind, grant.id, grant.hash, 60_000), false, "one claim");
      assert.deepEqual(await store().find("code", grant.code!.id), grant, "still found while claimed");
      await store().remove(found.kind, found.id);
      assert.deepEqual(await findBoth(grant), [null, null]);
    });

    it(`of ${parallel} parallel claims, whichever way each found it, exactly one succeeds`, async () => {
      const grant = twoWays();
      await store().issue(grant);
      const results = await Promise.all(
        Array.from({ length: parallel }, async (_, i) => {
          const found = await store().find(i % 2 ? "code" : "link", i % 2 ? grant.code!.id : grant.id);
          return found ? store().claim(found.kind, found.id, found.hash, 60_000) : false;
        }),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });

    it("a new grant of the user, and revokeUser, delete both ways", async () => {
      const first = twoWays();
      await store().issue(first);
      const next = makeGrant({ userId: first.userId, kind: "session" });
      await store().issue(next);
      assert.deepEqual(await findBoth(first), [null, null], "superseded");
      const again = twoWays({ userId: first.userId });
      await store().issue(again);
      await store().revokeUser(first.userId);
      assert.deepEqual(await findBoth(again), [null, null], "revoked");
    });

    it("the user's next grant with the same code id (the same identifier) takes the code over", async () => {
      const first = twoWays();
      await store().issue(first);
      const second = twoWays({ userId: first.userId, code: { id: first.code!.id, hash: "d".repeat(64) } });
      await store().issue(second);
      assert.equal(await store().find("link", first.id), null);
      assert.deepEqual(await store().find("code", first.code!.id), second);
      // A plain code grant under that id replaces it too, and the other way round.
      const plain = makeGrant({ userId: first.userId, kind: "code", id: first.code!.id });
      await store().issue(plain);
      assert.equal(await store().find("link", second.id), null);
      assert.deepEqual(await store().find("code", plain.id), plain);
      const third = twoWays({ userId: first.userId, code: { id: plain.id, hash: "e".repeat(64) } });
      await store().issue(third);
      assert.deepEqual(await findBoth(third), [third, third]);
    });

    it(`of ${parallel} parallel issues of such grants for one user, one survives, found both ways`, async () => {
      const userId = randomUUID();
      const grants = Array.from({ length: parallel }, () => twoWays({ userId }));
      await Promise.all(grants.map((grant) => store().issue(grant)));
      const found = await Promise.all(grants.map(findBoth));
      const alive = found.filter(([link, code]) => link !== null || code !== null);
      assert.equal(alive.length, 1);
      assert.deepEqual(alive[0]![0], alive[0]![1]);
    });

    it("forgets both ways once retainUntil has passed", async () => {
      const now = Date.now();
      const grant = twoWays({ expiresAt: now + ttl / 2, retainUntil: now + ttl });
      await store().issue(grant);
      await new Promise((resolve) => setTimeout(resolve, ttl * 1.5));
      assert.deepEqual(await findBoth(grant), [null, null]);
    });
  });
}

// The memory store's bounds: a flood of requests cannot grow it without limit, and expired grants go.
import { expect } from "chai";
import { MemoryTokenStore, type Grant } from "../../lib/index.js";

function grant(userId: string, now: number, ttlMs = 1000): Grant {
  return {
    kind: "link",
    id: `sel-${userId}`,
    userId,
    identifier: { type: "email", value: `${userId}@example.com` },
    hash: "ab".repeat(32),
    createdAt: now,
    expiresAt: now + ttlMs,
    retainUntil: now + 2 * ttlMs,
  };
}

describe("MemoryTokenStore bounds", () => {
  it("holds at most maxEntries grants, dropping the oldest first", async () => {
    const clock = { now: 0 };
    const store = new MemoryTokenStore({ maxEntries: 100, now: () => clock.now });
    for (let i = 0; i < 250; i++) await store.issue(grant(`user${i}`, clock.now));
    expect(store.size).to.equal(100);
    expect(await store.find("link", "sel-user0")).to.equal(null);
    expect(await store.find("link", "sel-user249")).to.not.equal(null);
    await store.close();
  });

  it("sweeps grants past retainUntil and ended attempt windows", async () => {
    const clock = { now: 0 };
    const store = new MemoryTokenStore({ now: () => clock.now });
    await store.issue(grant("a", 0, 1000));
    expect((await store.countAttempt("k", 500)).count).to.equal(1);
    clock.now = 1999;
    store.sweep();
    expect(store.size).to.equal(1);
    clock.now = 2000;
    store.sweep();
    expect(store.size).to.equal(0);
    expect((await store.countAttempt("k", 500)).count).to.equal(1);
    await store.close();
  });
});

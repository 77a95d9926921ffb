// The memory store's bounds: a flood of requests cannot grow it without limit, and expired grants go.
import { expect } from "chai";
import { MemoryTokenStore, type Grant } from "../../lib/index.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { smsCode, verify } from "../helpers/client.js";
import { testClock } from "../helpers/clock.js";
import { ALICE } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

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

describe("MemoryTokenStore bounds: a full counter table", () => {
  it("does not forget a code's guess count when a flood fills it: guesses at one code stay within maxCodeAttempts", async () => {
    // Issue #12, finding 5: with oldest-first eviction, a flood of other identifiers pushed the
    // victim's counters out and 24 guesses went in against one code with maxEntries 200.
    const clock = testClock();
    const store = new MemoryTokenStore({ maxEntries: 200, now: clock.fn });
    const t = createCodeApp(EXPRESS_VERSIONS[1], {
      tokenStore: store,
      now: clock.fn,
      rateLimit: false,
      maxCodeAttempts: 5,
    });
    const code = await smsCode(t, { mobile: ALICE.mobile });
    let accepted = 0;
    for (let round = 0; round < 4; round++) {
      // The flood: guesses for 150 other identifiers, each adding counters to the store.
      for (let i = 0; i < 150; i++)
        await verify(t, { mobile: `+1415555${String(round * 1000 + i).padStart(4, "0")}`, code: "123456" });
      for (let i = 0; i < 3; i++) {
        const res = await verify(t, { mobile: ALICE.mobile, code: code === "000000" ? "000001" : "000000" });
        if (res.body.error?.message !== "Too many wrong codes. Request a new code later.") accepted += 1;
      }
    }
    expect(accepted, "wrong guesses the router weighed against the code").to.be.at.most(5);
    expect(
      (await verify(t, { mobile: ALICE.mobile, code })).status,
      "the code is dead for this client",
    ).to.equal(400);
    await t.router.close();
    await store.close();
  });
});

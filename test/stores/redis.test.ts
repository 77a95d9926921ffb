// What the Redis store promises beyond the contract: Redis itself drops what it stores, nothing
// is left behind, the app's client is never closed, and a dead client makes calls fail fast.
import { expect } from "chai";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { RedisTokenStore, type RedisClientLike } from "../../lib/redis.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { expectEveryMethodToReject, makeGrant, sleep } from "../helpers/store-faults.js";
import { scanKeys } from "../helpers/redis-keys.js";

describe("RedisTokenStore", function () {
  describe("construction", () => {
    it("refuses something that is not a node-redis or ioredis client, naming `client`", () => {
      expect(() => new RedisTokenStore({ client: {} as RedisClientLike })).to.throw(TypeError, /`client`/);
      expect(() => new RedisTokenStore(undefined as never)).to.throw(TypeError, /`client`/);
    });

    it("refuses a prefix that is not a string", () => {
      const client = { sendCommand: async () => null };
      expect(() => new RedisTokenStore({ client, prefix: 5 as never })).to.throw(TypeError, /`prefix`/);
    });
  });

  describe("against Redis", () => {
    let ioredis: Redis;
    let nodeRedis: ReturnType<typeof createClient>;
    const runPrefix = `${uniqueName("pwreset-test")}:`;

    before(async function () {
      await requireService(this, "redis");
      ioredis = new Redis(services.redis.port, services.redis.host);
      nodeRedis = createClient({ url: services.redis.url });
      await nodeRedis.connect();
    });

    after(async () => {
      if (!ioredis) return;
      for (const key of await keysUnder(ioredis, runPrefix)) await ioredis.del(key);
      await ioredis.quit();
      await nodeRedis.close();
    });

    it("gives every key it writes an expiry, so Redis drops them without the app reading them", async () => {
      const prefix = `${runPrefix}ttl:`;
      const store = new RedisTokenStore({ client: ioredis, prefix });
      const grant = makeGrant({ retainUntil: Date.now() + 60_000 });
      await store.issue(grant);
      await store.countAttempt("forgot:someone", 30_000);
      const keys = await keysUnder(ioredis, prefix);
      expect(keys).to.have.length(4); // grant, the user's set, the grant's locator, the counter
      for (const key of keys) {
        const ttl = await ioredis.pttl(key);
        expect(ttl, key).to.be.greaterThan(0).and.at.most(60_000);
      }
      expect(await ioredis.pttl(`${prefix}attempt:forgot:someone`)).to.be.at.most(30_000);

      const shortLived = makeGrant({ retainUntil: Date.now() + 100 });
      await store.issue(shortLived);
      await sleep(150);
      const gone = (await keysUnder(ioredis, prefix)).filter((key) => key.includes(shortLived.id));
      expect(gone, "the grant and its locator").to.deep.equal([]);
      expect(await store.find(shortLived.kind, shortLived.id)).to.equal(null);
    });

    it("leaves one grant key, its locator and one user key per user, however many grants were issued", async () => {
      const prefix = `${runPrefix}tidy:`;
      const store = new RedisTokenStore({ client: nodeRedis, prefix });
      const userId = "user-1";
      for (const kind of ["link", "code", "session", "link"] as const)
        await store.issue(makeGrant({ userId, kind }));
      expect((await keysUnder(ioredis, prefix)).sort()).to.have.length(3);
      await store.revokeUser(userId);
      expect(await keysUnder(ioredis, prefix)).to.deep.equal([]);
    });

    it("answers a miss as null though its scripts answer it with fillers as long as a hit's", async () => {
      // A miss reads and parses a filler as a hit reads a grant (so the two cost the same); only the
      // answer's flag says which it was. Here: an unknown id (no locator: the locator's filler, then
      // the grant's), and a locator left pointing at a grant that is gone (the grant's filler).
      const prefix = `${runPrefix}miss:`;
      const store = new RedisTokenStore({ client: ioredis, prefix });
      const grant = makeGrant({ kind: "code", retainUntil: Date.now() + 60_000 });
      await store.issue(grant);
      expect(await store.find("code", grant.id)).to.deep.equal(grant);
      expect(await store.find("code", `${grant.id}-other`)).to.equal(null);
      expect(await store.find("link", grant.id)).to.equal(null);
      const [grantKey] = (await keysUnder(ioredis, prefix)).filter((key) => key.includes(":g:"));
      await ioredis.del(grantKey!);
      expect(await keysUnder(ioredis, `${prefix}loc:`), "the locator stays").to.have.length(1);
      expect(await store.find("code", grant.id)).to.equal(null);
      expect(await store.claim("code", grant.id, grant.hash, 60_000)).to.equal(false);
    });

    for (const clientName of ["ioredis", "node-redis"] as const) {
      it(`keeps working after Redis forgets its scripts (SCRIPT FLUSH), on ${clientName}`, async () => {
        const client = clientName === "ioredis" ? ioredis : nodeRedis;
        const store = new RedisTokenStore({ client, prefix: `${runPrefix}flush:` });
        const grant = makeGrant();
        await store.issue(grant);
        await ioredis.script("FLUSH");
        expect(await store.claim(grant.kind, grant.id, grant.hash, 10_000)).to.equal(true);
      });
    }

    it("close() leaves the app's client open", async () => {
      for (const client of [ioredis, nodeRedis]) {
        await new RedisTokenStore({ client, prefix: `${runPrefix}close:` }).close();
      }
      expect(await ioredis.ping()).to.equal("PONG");
      expect(await nodeRedis.ping()).to.equal("PONG");
    });

    describe("with a client that lost its connection", () => {
      it("ioredis, disconnected without reconnecting: every method rejects promptly", async () => {
        const client = new Redis(services.redis.port, services.redis.host, { retryStrategy: () => null });
        await client.ping();
        client.disconnect();
        await expectEveryMethodToReject(new RedisTokenStore({ client, prefix: `${runPrefix}dead:` }));
      });

      it("node-redis, closed: every method rejects promptly", async () => {
        const client = createClient({ url: services.redis.url });
        await client.connect();
        await client.close();
        await expectEveryMethodToReject(new RedisTokenStore({ client, prefix: `${runPrefix}dead:` }));
      });
    });
  });
});

function keysUnder(client: Redis, prefix: string): Promise<string[]> {
  return scanKeys(client, `${prefix}*`);
}

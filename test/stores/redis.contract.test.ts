// The Redis store against the contract, once per client it supports: ioredis, node-redis, and
// ioredis with its own `keyPrefix` (which rewrites key names behind the store's back).
import { Redis } from "ioredis";
import { createClient } from "redis";
import { RedisTokenStore, type RedisClientLike } from "../../lib/redis.js";
import { describeTokenStoreContract } from "../../lib/testing/contract.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { deleteKeys } from "../helpers/redis-keys.js";

describe("RedisTokenStore contract", function () {
  let ioredis: Redis | undefined;
  let prefixedIoredis: Redis | undefined;
  let nodeRedis: ReturnType<typeof createClient> | undefined;
  const runPrefix = `${uniqueName("pwreset-test")}:`;
  let storeCount = 0;

  before(async function () {
    await requireService(this, "redis");
    ioredis = new Redis(services.redis.port, services.redis.host);
    prefixedIoredis = new Redis(services.redis.port, services.redis.host, { keyPrefix: `${runPrefix}app:` });
    nodeRedis = createClient({ url: services.redis.url });
    await nodeRedis.connect();
  });

  after(async () => {
    // Everything this run wrote lives under runPrefix (the keyPrefix'ed client's keys too).
    if (ioredis) await deleteKeys(ioredis, `${runPrefix}*`);
    await ioredis?.quit();
    await prefixedIoredis?.quit();
    await nodeRedis?.close();
  });

  // Each test gets its own store prefix, so leftovers of one test cannot satisfy another.
  const subject = (client: () => RedisClientLike | undefined) => () => {
    storeCount += 1;
    return { store: new RedisTokenStore({ client: client()!, prefix: `${runPrefix}${storeCount}:` }) };
  };

  describeTokenStoreContract(
    "RedisTokenStore on ioredis",
    subject(() => ioredis),
  );
  describeTokenStoreContract(
    "RedisTokenStore on node-redis",
    subject(() => nodeRedis),
  );
  describeTokenStoreContract(
    "RedisTokenStore on ioredis with keyPrefix",
    subject(() => prefixedIoredis),
  );
});

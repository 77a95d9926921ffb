// The Redis Clusters CI starts (.ci/services.sh), reached the way a user's app reaches one: an
// ioredis `Cluster` and a node-redis `createCluster` client. A script may touch several keys only
// when they share a hash slot, which a `{hash tag}` guarantees; without one the cluster answers
// CROSSSLOT. That is the rule the Redis store's key layout has to follow on a cluster.
import { expect } from "chai";
import { Cluster } from "ioredis";
import { createCluster } from "redis";
import { requireService, services, uniqueName } from "../helpers/services.js";

// Writes a value and records its key in a set, then reads both back: two keys, one script.
const SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', 60000)
redis.call('SADD', KEYS[2], KEYS[1])
redis.call('PEXPIRE', KEYS[2], 60000)
return { redis.call('GET', KEYS[1]), redis.call('SCARD', KEYS[2]) }`;

// Key names: the run's prefix, then a hash tag per user, so one user's keys share a slot.
const run = uniqueName("cluster");
const keysOf = (user: string) => [`${run}:{user:${user}}:grant`, `${run}:{user:${user}}:grants`];

describe("Redis Cluster, three primaries (CI infrastructure)", () => {
  let ioredis: Cluster;
  let nodeRedis: ReturnType<typeof createCluster>;

  before(async function () {
    await requireService(this, "redis-cluster");
    ioredis = new Cluster(services.redisCluster.nodes);
    nodeRedis = createCluster({
      rootNodes: services.redisCluster.nodes.map(({ host, port }) => ({ url: `redis://${host}:${port}` })),
    });
    await nodeRedis.connect();
  });

  after(async () => {
    await ioredis?.quit();
    await nodeRedis?.close();
  });

  it("spreads the slots over three primaries, seen by both clients", async () => {
    await ioredis.ping();
    expect(ioredis.nodes("master")).to.have.length(3);
    expect(nodeRedis.masters).to.have.length(3);
  });

  it("ioredis Cluster: runs a script over keys with one hash tag, and refuses keys without one", async () => {
    const [grant, grants] = keysOf("io") as [string, string];
    expect(await ioredis.eval(SCRIPT, 2, grant, grants, "value-1")).to.deep.equal(["value-1", 1]);
    expect(await ioredis.get(grant)).to.equal("value-1");
    await ioredis.del(grant, grants);
    const untagged = [`${run}:grant:io`, `${run}:user:io`];
    expect(await slotsOf(untagged)).to.have.length(2); // so the refusal below is CROSSSLOT's
    await expectRejection(ioredis.eval(SCRIPT, 2, ...untagged, "v"), /CROSSSLOT/);
  });

  it("node-redis createCluster: runs the same script and is refused the same way", async () => {
    const keys = keysOf("node");
    expect(await nodeRedis.eval(SCRIPT, { keys, arguments: ["value-2"] })).to.deep.equal(["value-2", 1]);
    expect(await nodeRedis.get(keys[0]!)).to.equal("value-2");
    await nodeRedis.del(keys);
    const untagged = [`${run}:grant:node`, `${run}:user:node`];
    expect(await slotsOf(untagged)).to.have.length(2);
    await expectRejection(nodeRedis.eval(SCRIPT, { keys: untagged, arguments: ["v"] }), /CROSSSLOT/);
  });

  async function slotsOf(keys: string[]): Promise<Set<number>> {
    return new Set(await Promise.all(keys.map(async (key) => Number(await ioredis.cluster("KEYSLOT", key)))));
  }
});

describe("Redis Cluster for failover, three primaries with a replica each (CI infrastructure)", () => {
  let ioredis: Cluster;

  before(async function () {
    await requireService(this, "redis-cluster-failover");
    ioredis = new Cluster(services.redisClusterFailover.nodes);
  });

  after(async () => {
    await ioredis?.quit();
  });

  it("has three primaries and three replicas, each replica following a primary", async () => {
    await ioredis.ping();
    expect(ioredis.nodes("master")).to.have.length(3);
    expect(ioredis.nodes("slave")).to.have.length(3);
    const table = String(await ioredis.cluster("NODES"))
      .trim()
      .split("\n")
      .map((line) => line.split(" "));
    const primaryIds = table.filter((row) => row[2]!.includes("master")).map((row) => row[0]);
    const followed = table.filter((row) => row[2]!.includes("slave")).map((row) => row[3]);
    expect([...new Set(followed)].sort()).to.deep.equal([...primaryIds].sort());
  });
});

async function expectRejection(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, "the command should have been refused").to.be.instanceOf(Error);
  expect((error as Error).message).to.match(pattern);
}

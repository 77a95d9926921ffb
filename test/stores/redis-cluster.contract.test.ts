// The Redis store on a three-primary Redis Cluster (.ci/services.sh), once per cluster client a
// user may hand it: the whole contract, where every script must keep to one hash slot or the
// cluster answers CROSSSLOT.
import { expect } from "chai";
import type { Cluster } from "ioredis";
import { RedisTokenStore, type NodeRedisClusterLike } from "../../lib/redis.js";
import { describeTokenStoreContract } from "../../lib/testing/contract.js";
import { CLUSTER_CLIENTS, deleteClusterKeys, type ClusterClient } from "../helpers/cluster-clients.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { makeGrant } from "../helpers/store-faults.js";

const nodes = services.redisCluster.nodes;

describe("RedisTokenStore contract on Redis Cluster", function () {
  const runPrefix = `${uniqueName("pwreset-cluster")}:`;
  const clients = new Map<string, ClusterClient>();
  let storeCount = 0;

  before(async function () {
    await requireService(this, "redis-cluster");
    for (const [label, connect] of Object.entries(CLUSTER_CLIENTS)) clients.set(label, await connect(nodes));
  });

  after(async () => {
    for (const { close } of clients.values()) await close();
    await deleteClusterKeys(nodes, runPrefix);
  });

  for (const label of Object.keys(CLUSTER_CLIENTS)) {
    describeTokenStoreContract(`RedisTokenStore on ${label}`, () => {
      storeCount += 1;
      const client = clients.get(label)!.client;
      return { store: new RedisTokenStore({ client, prefix: `${runPrefix}${storeCount}:` }) };
    });
  }

  it("looks up a known and an unknown grant with the same round trips (code guesses must not tell)", async () => {
    const real = clients.get("node-redis createCluster")!.client as NodeRedisClusterLike;
    const sent: string[] = [];
    const counting: NodeRedisClusterLike = {
      getSlotMaster: (slot) => real.getSlotMaster(slot),
      sendCommand: (firstKey, isReadonly, args) => {
        sent.push(`${args[0]} ${args[1]}`); // the command and which script
        return real.sendCommand(firstKey, isReadonly, args);
      },
    };
    const store = new RedisTokenStore({ client: counting, prefix: `${runPrefix}rounds:` });
    const grant = makeGrant({ kind: "code" });
    await store.issue(grant);
    // Warm the script cache, so a NOSCRIPT retry does not count.
    await store.find("code", "warm-up");
    const roundTrips = async (id: string) => {
      sent.length = 0;
      await store.find("code", id);
      return [...sent];
    };
    const known = await roundTrips(grant.id);
    const unknown = await roundTrips("nobody-has-this-id");
    expect(known).to.have.length(2);
    expect(unknown).to.deep.equal(known);
  });

  it("refuses a waitForReplicas that is not false or a whole number >= 1", () => {
    const client = clients.get("ioredis Cluster")!.client;
    for (const waitForReplicas of [0, -1, 1.5, true]) {
      expect(() => new RedisTokenStore({ client, waitForReplicas: waitForReplicas as never })).to.throw(
        TypeError,
        /`waitForReplicas`/,
      );
    }
    expect(() => new RedisTokenStore({ client, waitForReplicas: 1 })).to.not.throw();
  });

  it("spreads the users' grants over all three primaries", async () => {
    const store = new RedisTokenStore({
      client: clients.get("ioredis Cluster")!.client,
      prefix: `${runPrefix}spread:`,
    });
    for (let i = 0; i < 30; i++) await store.issue(makeGrant({ userId: `user-${i}` }));
    const cluster = clients.get("ioredis Cluster")!.client as Cluster;
    const holding = await Promise.all(
      cluster
        .nodes("master")
        .map(async (node) => (await node.keys(`${runPrefix}spread:{u:*}:grants`)).length),
    );
    expect(holding).to.have.length(3);
    for (const count of holding) expect(count, holding.join(",")).to.be.greaterThan(0);
    expect(holding.reduce((a, b) => a + b)).to.equal(30);
  });
});

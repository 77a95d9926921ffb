// The failover cluster CI starts (.ci/services.sh: three primaries with a replica each, node
// timeout 1 s) does fail over: a write acknowledged by the replica (WAIT) survives its primary's
// crash and is read through an ioredis `Cluster` once the replica has taken over, and the script
// then puts the cluster back as it was. The failover tests of the stores rest on exactly this.
import { expect } from "chai";
import { Cluster, Redis } from "ioredis";
import {
  clusterNodes,
  primaryOfKey,
  redisCommand,
  restoreServices,
  stopNode,
  waitUntil,
} from "../helpers/redis-cluster.js";
import { requireService, services, uniqueName } from "../helpers/services.js";

describe("Redis Cluster failover (CI infrastructure)", function () {
  this.timeout(90_000);
  const nodes = services.redisClusterFailover.nodes;
  const key = `${uniqueName("failover")}:{failover}:grant`;
  let cluster: Cluster;
  let stopped = false;

  before(async function () {
    await requireService(this, "redis-cluster-failover");
    cluster = new Cluster(nodes, { retryDelayOnFailover: 200, retryDelayOnClusterDown: 200 });
  });

  after(async () => {
    cluster?.disconnect();
    if (stopped) await restoreServices("redis-cluster-failover");
  });

  it("promotes the replica when the primary crashes, keeping a write the replica acknowledged", async () => {
    const primary = await primaryOfKey(nodes[0]!, key);
    const replica = (await clusterNodes(primary)).find((node) => node.primaryId === primary.id);
    expect(replica, "the primary has a replica").to.not.equal(undefined);

    // Written on the primary and acknowledged by its replica before the crash.
    const direct = new Redis(primary.port, primary.host);
    try {
      await direct.set(key, "spent", "PX", 60_000);
      expect(await direct.wait(1, 2_000)).to.equal(1);
    } finally {
      direct.disconnect();
    }

    await stopNode(primary);
    stopped = true;
    await waitUntil(
      "the replica becomes primary",
      async () => (await primaryOfKey(replica!, key)).id === replica!.id,
      20_000,
    );
    await waitUntil(
      "the cluster is ok again",
      async () => /cluster_state:ok/.test(await redisCommand(replica!, "CLUSTER INFO")),
      20_000,
    );
    expect(await cluster.get(key)).to.equal("spent");
    await cluster.del(key);
  });

  it("is put back by .ci/services.sh: the crashed node rejoins and takes its primary role back", async () => {
    expect(stopped, "the previous test crashed a primary").to.equal(true);
    const output = await restoreServices("redis-cluster-failover");
    stopped = false;
    expect(output).to.match(/redis-cluster-failover .*restarted missing nodes, primary role handed back to/);
    const after = await clusterNodes(nodes[0]!);
    const primaries = after.filter((n) => n.flags.includes("master") && n.slots.length).map((n) => n.port);
    expect(primaries.sort()).to.deep.equal(nodes.slice(0, 3).map((n) => n.port));
    expect(after.filter((n) => n.flags.includes("slave") && n.connected)).to.have.length(3);
  });
});

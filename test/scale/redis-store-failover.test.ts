// The Redis store on the failover cluster (.ci/services.sh: three primaries, a replica each, node
// timeout 1 s), as an app sees it when the primary holding a user's grants crashes mid-run and its
// replica takes over: the app does not crash, requests that need the moving slot fail closed (500
// INTERNAL_ERROR, never a reset), and a token spent before the crash is still refused after it,
// because with `waitForReplicas: 1` the claim reached the replica before the password changed.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { expect } from "chai";
import { Cluster } from "ioredis";
import type request from "supertest";
import { RedisTokenStore } from "../../lib/redis.js";
import type { PasswordResetEvent, PasswordResetRouter } from "../../lib/types.js";
import { EXPRESS_VERSIONS, FAST_HASH, createTestApp } from "../helpers/app.js";
import { forgot, newPassword, post, requestLink, type MailClient } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import {
  clusterNodes,
  primaryOfKey,
  redisCommand,
  restoreServices,
  stopNode,
  waitUntil,
  type ClusterNode,
} from "../helpers/redis-cluster.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { deleteClusterKeys } from "../helpers/cluster-clients.js";
import { FakeUsers } from "../helpers/users.js";

describe("RedisTokenStore on Redis Cluster when a primary fails over", function () {
  this.timeout(120_000);
  const nodes = services.redisClusterFailover.nodes;
  const prefix = `${uniqueName("pwreset-failover")}:`;
  let cluster: Cluster;
  let router: PasswordResetRouter;
  let server: Server;
  let mailer: CapturingMailer;
  let users: FakeUsers;
  let events: PasswordResetEvent[];
  let stopped = false;

  before(async function () {
    await requireService(this, "redis-cluster-failover");
    // Short retry delays, as an app that wants answers rather than queues during a failover.
    cluster = new Cluster(nodes, { retryDelayOnFailover: 100, retryDelayOnClusterDown: 100 });
    users = new FakeUsers();
    mailer = new CapturingMailer();
    const test = createTestApp(EXPRESS_VERSIONS[1], {
      users,
      mailer,
      secret: randomBytes(32).toString("hex"),
      // The replicas' answer is awaited for less than the adapter timeout, so a missing replica
      // shows as what it is rather than as a timeout.
      tokenStore: new RedisTokenStore({ client: cluster, prefix, waitForReplicas: 1, replicaTimeoutMs: 200 }),
      hashPassword: FAST_HASH,
      now: Date.now,
      // A store call that cannot finish while the slot moves fails the request after this long.
      adapterTimeoutMs: 500,
    });
    router = test.router;
    events = test.events;
    server = createServer(test.app).listen(0, "127.0.0.1");
  });

  after(async () => {
    await router?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    try {
      if (stopped) await restoreServices("redis-cluster-failover");
    } finally {
      cluster?.disconnect();
      if (nodes.length > 0) await deleteClusterKeys(nodes.slice(0, 3), prefix).catch(() => {});
    }
  });

  /** The app on its server, as a client reaches it. */
  const client = (): MailClient => ({ app: server, router, mailer });

  /** The primary holding alice's grants: the slot of her one grant key. */
  async function primaryOfUserSlot(): Promise<ClusterNode> {
    const found: string[] = [];
    for (const node of cluster.nodes("master")) found.push(...(await node.keys(`${prefix}{u:*}:g:*`)));
    expect(found, "alice has one grant").to.have.length(1);
    return primaryOfKey(nodes[0]!, found[0]!);
  }

  it("fails closed while the slot moves, and still refuses the token spent before", async () => {
    const spent = await requestLink(client(), "alice@example.com");
    const first = await post(server, "reset", { token: spent, ...newPassword() });
    expect(first.status, first.text).to.equal(200);
    expect(users.updates).to.have.length(1);

    // A second, live link: alice's grants sit in the slot about to move.
    const live = await requestLink(client(), "alice@example.com");
    const primary = await primaryOfUserSlot();
    const replica = (await clusterNodes(primary)).find((node) => node.primaryId === primary.id);
    expect(replica, "the primary has a replica").to.not.equal(undefined);

    await stopNode(primary);
    stopped = true;
    // While the replica is not yet primary: both tokens are asked for, over and over.
    const during: string[] = [];
    const promoted = waitUntil(
      "the replica becomes primary",
      async () =>
        (await primaryOfKey(replica!, `${prefix}probe`).catch(() => null)) !== null &&
        (await clusterNodes(replica!)).some((n) => n.id === replica!.id && n.flags.includes("master")),
      30_000,
    );
    let done = false;
    void promoted.finally(() => (done = true));
    while (!done) {
      for (const token of [spent, live]) {
        const res = await post(server, "reset", { token, ...newPassword() });
        during.push(`${res.status} ${res.body?.error?.type ?? "ok"}`);
        // No reset goes through during the move: the live token needs the moving slot.
        expect(res.status, res.text).to.not.equal(200);
      }
    }
    await promoted;
    expect(during, "requests were answered while the slot moved").to.not.be.empty;
    expect(
      during.filter((answer) => answer === "500 INTERNAL_ERROR"),
      during.join(", "),
    ).to.not.be.empty;
    for (const answer of during) expect(answer).to.be.oneOf(["500 INTERNAL_ERROR", "400 INVALID_TOKEN"]);
    await waitUntil(
      "the cluster is ok again",
      async () => /cluster_state:ok/.test(await redisCommand(replica!, "CLUSTER INFO")),
      30_000,
    );

    // After the failover: the token spent before it stays spent, on the promoted replica. The
    // client may still answer 500 until it has learnt the new topology; never 200.
    let replay = await post(server, "reset", { token: spent, ...newPassword() });
    for (let tries = 0; replay.status === 500 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      replay = await post(server, "reset", { token: spent, ...newPassword() });
    }
    expectError(replay, "INVALID_TOKEN");
    expect(users.updates, "only the reset before the failover changed a password").to.have.length(1);

    // The promoted replica has no replica of its own: with `waitForReplicas: 1` a claim cannot be
    // made safe, so resets fail closed (the password stays) until the cluster is whole again.
    const replicaMissing = () => events.some((e) => /0 of 1 replicas acknowledged/.test(JSON.stringify(e)));
    for (let tries = 0; !replicaMissing() && tries < 50; tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      const unsafe = await forgot(client(), { email: "alice@example.com" });
      if (unsafe === undefined) continue;
      const refused = await post(server, "reset", { token: unsafe, ...newPassword() });
      expect(refused.status, refused.text).to.equal(500);
    }
    expect(replicaMissing(), "a claim was refused for want of a replica").to.equal(true);
    expect(users.updates).to.have.length(1);

    // Once the crashed node is back (as a replica, then primary again): resets work again.
    await restoreServices("redis-cluster-failover");
    stopped = false;
    let reset: request.Response | undefined;
    // (The client may take a few requests to learn the topology: a link not mailed or a 500 is retried.)
    for (let tries = 0; reset?.status !== 200 && tries < 50; tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      const fresh = await forgot(client(), { email: "alice@example.com" });
      if (fresh === undefined) continue;
      reset = await post(server, "reset", { token: fresh, ...newPassword() });
      expect(reset.status, reset.text).to.be.oneOf([200, 500]);
    }
    expect(reset!.status, reset!.text).to.equal(200);
    expect(users.updates).to.have.length(2);
  });
});

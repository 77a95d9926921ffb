// Two app instances — two Express apps, two routers, two HTTP servers, each with its own
// connection — sharing one Redis, one Redis Cluster, one PostgreSQL (directly or behind PgBouncer)
// or one MariaDB store, as two processes behind a load balancer would. What one instance issues,
// spends or counts, the other sees.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { expect } from "chai";
import { Redis } from "ioredis";
import mysql from "mysql2/promise";
import pg from "pg";
import { createClient } from "redis";
import { MySqlTokenStore } from "../../lib/mysql.js";
import { PostgresTokenStore } from "../../lib/postgres.js";
import { RedisTokenStore } from "../../lib/redis.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import type { PasswordResetOptions, PasswordResetRouter, TokenStore } from "../../lib/types.js";
import { EXPRESS_VERSIONS, FAST_HASH, createTestApp } from "../helpers/app.js";
import {
  forgot,
  newPassword,
  post,
  requestLink,
  session,
  wrong,
  type MailClient,
} from "../helpers/client.js";
import { CLUSTER_CLIENTS, deleteClusterKeys, type ClusterClient } from "../helpers/cluster-clients.js";
import { expectError } from "../helpers/expect.js";
import { listen } from "../helpers/server.js";
import { requireService, services, uniqueName, type ServiceName } from "../helpers/services.js";
import { FakeUsers } from "../helpers/users.js";
import { deleteKeys } from "../helpers/redis-keys.js";

/** A shared backend: how to reach it, and a pair of stores on separate connections to it. */
interface Backend {
  name: string;
  service: ServiceName;
  open(): Promise<void>;
  /** Two stores over one fresh namespace, as two instances would build them at boot. */
  storePair(): Promise<[TokenStore, TokenStore]>;
  close(): Promise<void>;
}

function redisBackend(): Backend {
  let a: Redis | undefined;
  let b: ReturnType<typeof createClient> | undefined;
  const runPrefix = `${uniqueName("pwreset-multi")}:`;
  let namespaces = 0;
  return {
    name: "Redis (instance A on ioredis, instance B on node-redis)",
    service: "redis",
    async open() {
      a = new Redis(services.redis.port, services.redis.host);
      b = createClient({ url: services.redis.url });
      await b.connect();
    },
    async storePair() {
      namespaces += 1;
      const prefix = `${runPrefix}${namespaces}:`;
      return [new RedisTokenStore({ client: a!, prefix }), new RedisTokenStore({ client: b!, prefix })];
    },
    async close() {
      if (a) await deleteKeys(a, `${runPrefix}*`);
      await a?.quit();
      await b?.close();
    },
  };
}

function redisClusterBackend(): Backend {
  const nodes = services.redisCluster.nodes;
  let a: ClusterClient | undefined;
  let b: ClusterClient | undefined;
  const runPrefix = `${uniqueName("pwreset-multi-cluster")}:`;
  let namespaces = 0;
  return {
    name: "Redis Cluster (instance A on ioredis Cluster, instance B on node-redis createCluster)",
    service: "redis-cluster",
    async open() {
      a = await CLUSTER_CLIENTS["ioredis Cluster"]!(nodes);
      b = await CLUSTER_CLIENTS["node-redis createCluster"]!(nodes);
    },
    async storePair() {
      namespaces += 1;
      const prefix = `${runPrefix}${namespaces}:`;
      return [
        new RedisTokenStore({ client: a!.client, prefix }),
        new RedisTokenStore({ client: b!.client, prefix }),
      ];
    },
    async close() {
      await a?.close();
      await b?.close();
      if (a) await deleteClusterKeys(nodes, runPrefix);
    },
  };
}

/**
 * PostgreSQL reached directly, or through PgBouncer in transaction pooling mode, where one
 * client's statements may run on any server connection: the store must keep no session state.
 */
function postgresBackend(via: "direct" | "pgbouncer", round = ""): Backend {
  let a: pg.Pool | undefined;
  let b: pg.Pool | undefined;
  const table = uniqueName("pwreset_multi");
  const address = via === "direct" ? services.postgres : services.pgbouncer;
  return {
    name:
      via === "direct"
        ? "PostgreSQL (a pool per instance)"
        : `PostgreSQL behind PgBouncer, transaction pooling (a pool per instance${round})`,
    service: via === "direct" ? "postgres" : "pgbouncer",
    async open() {
      a = new pg.Pool({ ...address, max: 10 });
      b = new pg.Pool({ ...address, max: 10 });
    },
    async storePair() {
      const stores: [PostgresTokenStore, PostgresTokenStore] = [
        new PostgresTokenStore({ pool: a!, table }),
        new PostgresTokenStore({ pool: b!, table }),
      ];
      // Both instances migrate at boot, at the same time.
      await Promise.all(stores.map((store) => store.migrate()));
      await a!.query(`TRUNCATE "${table}", "${table}_attempts"`);
      return stores;
    },
    async close() {
      await a?.query(`DROP TABLE IF EXISTS "${table}", "${table}_attempts"`);
      await a?.end();
      await b?.end();
    },
  };
}

function mariadbBackend(): Backend {
  let a: mysql.Pool | undefined;
  let b: mysql.Pool | undefined;
  const table = uniqueName("pwreset_multi");
  return {
    name: "MariaDB (a mysql2 pool per instance)",
    service: "mariadb",
    async open() {
      const { host, port, user, password, database } = services.mariadb;
      a = mysql.createPool({ host, port, user, password, database, connectionLimit: 10 });
      b = mysql.createPool({ host, port, user, password, database, connectionLimit: 10 });
    },
    async storePair() {
      const stores: [MySqlTokenStore, MySqlTokenStore] = [
        new MySqlTokenStore({ pool: a!, table }),
        new MySqlTokenStore({ pool: b!, table }),
      ];
      // Both instances migrate at boot, at the same time.
      await Promise.all(stores.map((store) => store.migrate()));
      await a!.query(`TRUNCATE \`${table}\``);
      await a!.query(`TRUNCATE \`${table}_attempts\``);
      return stores;
    },
    async close() {
      await a?.query(`DROP TABLE IF EXISTS \`${table}\`, \`${table}_attempts\``);
      await a?.end();
      await b?.end();
    },
  };
}

// PgBouncer twice: named prepared statements passed a first run and failed the next one, on
// server connections the first run had left them on.
const backends = [
  redisBackend(),
  redisClusterBackend(),
  postgresBackend("direct"),
  postgresBackend("pgbouncer", ", first run"),
  postgresBackend("pgbouncer", ", second run"),
  mariadbBackend(),
];

for (const backend of backends) {
  describe(`two app instances sharing ${backend.name}`, function () {
    let users: FakeUsers;
    let mailer: CapturingMailer;
    let routers: PasswordResetRouter[] = [];
    let servers: Server[] = [];
    let stores: TokenStore[] = [];

    before(async function () {
      await requireService(this, backend.service);
      await backend.open();
    });

    after(() => backend.close());

    beforeEach(() => {
      // The app's own user table is shared by both instances, as a database would be.
      users = new FakeUsers();
      mailer = new CapturingMailer();
    });

    afterEach(async () => {
      await Promise.all(routers.map((router) => router.close()));
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      await Promise.all(stores.map((store) => store.close?.()));
      routers = [];
      servers = [];
      stores = [];
    });

    /** Starts instance A (Express 5) and B (Express 4), each on its own port and store object. */
    async function startInstances(options: Partial<PasswordResetOptions> = {}): Promise<[Server, Server]> {
      stores = await backend.storePair();
      // Sessions and codes are signed with `secret`: instances must share it.
      const secret = randomBytes(32).toString("hex");
      const [a, b] = [EXPRESS_VERSIONS[1], EXPRESS_VERSIONS[0]].map((version, i) =>
        createTestApp(version, {
          users,
          mailer,
          secret,
          tokenStore: stores[i],
          hashPassword: FAST_HASH,
          now: Date.now, // real time: Redis and PostgreSQL expire things on real clocks
          ...options,
        }),
      );
      routers = [a!.router, b!.router];
      servers = (await Promise.all([listen(a!.app), listen(b!.app)])).map((listening) => listening.server);
      return [servers[0]!, servers[1]!];
    }

    /** Instance `server` as a client sees it: its own router delivers what it is asked for. */
    function client(server: Server): MailClient {
      return { app: server, router: routers[servers.indexOf(server)]!, mailer };
    }

    it("a link issued on A resets the password on B, and is then spent on A too", async () => {
      const [a, b] = await startInstances();
      const token = await requestLink(client(a));

      const reset = await post(b, "reset", { token, ...newPassword() });
      expect(reset.status, JSON.stringify(reset.body)).to.equal(200);
      expect(users.updates.map((u) => u.userId)).to.deep.equal(["u1"]);

      const again = await post(a, "reset", { token, ...newPassword() });
      expectError(again, "INVALID_TOKEN");
      expect(users.updates).to.have.length(1);
    });

    it("a reset session from verify on A is accepted once by B", async () => {
      const [a, b] = await startInstances();
      const token = await requestLink(client(a));
      const resetToken = await session(client(a), { token });

      const reset = await post(b, "reset", newPassword()).set("Authorization", `Bearer ${resetToken}`);
      expect(reset.status, JSON.stringify(reset.body)).to.equal(200);
      const replay = await post(a, "reset", newPassword()).set("Authorization", `Bearer ${resetToken}`);
      expect(replay.status).to.equal(400);
      expect(users.updates).to.have.length(1);
    });

    it("40 parallel resets with one token, split across A and B: exactly one succeeds", async () => {
      const [a, b] = await startInstances({ rateLimit: false });
      const token = await requestLink(client(a));

      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) => post(i % 2 === 0 ? a : b, "reset", { token, ...newPassword() })),
      );
      const statuses = responses.map((res) => res.status);
      expect(
        statuses.filter((status) => status === 200),
        statuses.join(","),
      ).to.have.length(1);
      const losers = responses.filter((res) => res.status !== 200);
      expect(losers.map((res) => `${res.status} ${res.body.error?.type}`)).to.deep.equal(
        Array(39).fill("400 INVALID_TOKEN"),
      );
      expect(users.updates).to.have.length(1);
    });

    it("the forgot limit per identifier (3) counts requests on both: the 4th, on either, is 429", async () => {
      // `{}`: the default limits (the test app factory turns limits off unless given).
      const [a, b] = await startInstances({ rateLimit: {} });
      for (const server of [a, b, a]) {
        expect((await post(server, "forgot", { email: "alice@example.com" })).status).to.equal(200);
      }
      for (const server of [b, a]) {
        const refused = await post(server, "forgot", { email: "alice@example.com" });
        expectError(refused, "RATE_LIMITED");
        expect(Number(refused.headers["retry-after"])).to.be.greaterThan(0);
      }
      // Another identifier has its own budget.
      expect((await post(b, "forgot", { email: "bob@example.com" })).status).to.equal(200);
    });

    it("wrong code guesses count on both instances: after 5, the right code is dead", async () => {
      const [a, b] = await startInstances({ delivery: { email: "code" }, rateLimit: false });
      await forgot(client(a), { email: "alice@example.com" });
      const code = mailer.last?.code;
      expect(code).to.be.a("string");

      for (const server of [a, b, a, b, a]) {
        const guess = await post(server, "verify", { email: "alice@example.com", code: wrong(code!) });
        expect(guess.status).to.equal(400);
      }
      const right = await post(b, "verify", { email: "alice@example.com", code });
      expectError(right, "INVALID_TOKEN");
    });
  });
}

/**
 * Where the integration tests find their services, and `requireService`, which probes one from a
 * mocha `before` hook: when it does not answer, the suite is skipped with a loud warning on a
 * developer machine, and fails under `CI=true`, where a silently skipped integration suite would
 * hide a broken build. `.ci/services.sh` starts all of them on loopback.
 *
 * Addresses default to that script's ports; these environment variables override them:
 * `REDIS_URL`, `DATABASE_URL`, `MYSQL_URL`, `PGBOUNCER_URL` (URLs), `REDIS_CLUSTER_NODES` and
 * `REDIS_CLUSTER_FAILOVER_NODES` (comma-separated `host:port`, any subset of a cluster's nodes for
 * the clients; the probe checks the ones given).
 */
import { relative } from "node:path";
import pg from "pg";
import { clusterNodes, redisCommand } from "./redis-cluster.js";
import { noteSkipped } from "./skipped.js";

/** A backing service the integration tests talk to. */
export type ServiceName =
  "redis" | "postgres" | "mariadb" | "pgbouncer" | "redis-cluster" | "redis-cluster-failover";

/** One node's address. */
export interface HostPort {
  host: string;
  port: number;
}

/** A PostgreSQL address in the shape `pg.Client`/`pg.Pool` take: spread it into their config. */
export interface PgAddress extends HostPort {
  user: string;
  password?: string;
  database: string;
}

/** Where every service is expected; see the module comment for the overrides. */
export interface Services {
  /** One Redis. ["redis://127.0.0.1:6379"] */
  redis: HostPort & { url: string };
  /** PostgreSQL, trust auth. ["postgres://postgres@127.0.0.1:5432/test"] */
  postgres: PgAddress;
  /** MariaDB (MySQL protocol), root without password. ["mysql://root@127.0.0.1:3306/test"] */
  mariadb: HostPort & { user: string; password: string; database: string; url: string };
  /** PgBouncer in transaction pooling mode in front of `postgres`. ["postgres://postgres@127.0.0.1:6432/test"] */
  pgbouncer: PgAddress;
  /** Redis Cluster, three primaries, no replicas. [127.0.0.1:7001-7003] */
  redisCluster: { nodes: HostPort[] };
  /** Redis Cluster for failover tests: primaries 7101-7103, replicas 7104-7106, node timeout 1 s. */
  redisClusterFailover: { nodes: HostPort[] };
}

const env = process.env;

/** Where the services are expected. */
export const services: Services = {
  redis: redisAddress(env.REDIS_URL ?? "redis://127.0.0.1:6379"),
  postgres: pgAddress(env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"),
  mariadb: mysqlAddress(env.MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test"),
  pgbouncer: pgAddress(env.PGBOUNCER_URL ?? "postgres://postgres@127.0.0.1:6432/test"),
  redisCluster: {
    nodes: nodeList(env.REDIS_CLUSTER_NODES ?? "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003"),
  },
  redisClusterFailover: {
    nodes: nodeList(env.REDIS_CLUSTER_FAILOVER_NODES ?? ports(7101, 7106).join(",")),
  },
};

const PROBE_TIMEOUT_MS = 2_000; // also the raw Redis commands' timeout
const probes = new Map<ServiceName, Promise<string | null>>();

const probeOf: Record<ServiceName, () => Promise<string | null>> = {
  redis: () => probeRedis(services.redis),
  postgres: () => probePostgres(services.postgres),
  pgbouncer: () => probePostgres(services.pgbouncer),
  mariadb: () => probeMariaDb(),
  "redis-cluster": () => probeCluster(services.redisCluster.nodes, 0),
  "redis-cluster-failover": () => probeCluster(services.redisClusterFailover.nodes, 1),
};

/** `host:port` (or a list of them) of a service, for messages. */
export function describeService(name: ServiceName): string {
  switch (name) {
    case "redis-cluster":
      return services.redisCluster.nodes.map(hostPort).join(",");
    case "redis-cluster-failover":
      return services.redisClusterFailover.nodes.map(hostPort).join(",");
    default:
      return hostPort(services[name]);
  }
}

/**
 * Resolves when `name` answers. Otherwise skips the calling suite (`ctx.skip()` in a `before` hook
 * skips every test in it) with a warning, or throws when `process.env.CI === "true"`. Either way the
 * suite's `after` hooks are skipped too: they clean up what the tests built on the service, and a
 * cleanup that reaches for an absent service waits for its client's timeouts (a Redis Cluster
 * client retries for minutes) and then fails the run the skip was meant to keep green.
 */
export async function requireService(ctx: Mocha.Context, name: ServiceName): Promise<void> {
  let probe = probes.get(name);
  if (!probe) probes.set(name, (probe = probeOf[name]()));
  const problem = await probe;
  if (problem === null) return;
  const message = `${name} does not answer at ${describeService(name)} (${problem})`;
  const suite = ctx.test?.parent;
  if (suite) skipAfterHooks(suite);
  if (process.env.CI === "true") {
    throw new Error(`${message}. CI=true, so the ${name} tests fail instead of being skipped.`);
  }
  console.warn(
    `\n  !!! SKIPPING the ${name} tests and their after hooks: ${message}.\n` +
      `  !!! Run .ci/services.sh (as root) to start it; under CI=true this is a failure.\n`,
  );
  noteSkipped({
    needs: name,
    title: suite?.fullTitle() ?? name,
    ...(suite?.file ? { file: relative(process.cwd(), suite.file) } : {}),
  });
  ctx.skip();
}

// Mocha runs a suite's `after` hooks even when its `before` hook skipped or failed. Each hook of
// the suite and of the suites inside it becomes a no-op; `getHooks` is mocha's own accessor
// (marked private in its types, public on the object since mocha 7).
function skipAfterHooks(suite: Mocha.Suite): void {
  const hooksOf = (s: Mocha.Suite, type: "afterAll" | "afterEach"): Mocha.Hook[] =>
    (s as unknown as { getHooks(type: string): Mocha.Hook[] }).getHooks(type);
  for (const type of ["afterAll", "afterEach"] as const) {
    for (const hook of hooksOf(suite, type)) {
      // A hook declared with a `done` parameter is called with a callback it must call.
      hook.fn = hook.async ? (done: Mocha.Done) => done() : () => {};
    }
  }
  for (const child of suite.suites) skipAfterHooks(child);
}

/** A name no other test run uses at the same time: `<base>_<pid>_<random>`, SQL-identifier safe. */
export function uniqueName(base: string): string {
  return `${base}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

// ---- probes ---------------------------------------------------------------------------------

async function probeRedis(node: HostPort): Promise<string | null> {
  try {
    const reply = await redisCommand(node, "PING");
    return reply === "PONG" ? null : `unexpected reply ${JSON.stringify(reply)}`;
  } catch (error) {
    return messageOf(error);
  }
}

// Every node given must see the cluster ok; the failover cluster must also have a replica per
// primary, or a test that kills a primary would take the cluster down instead of failing over.
async function probeCluster(nodes: HostPort[], replicasPerPrimary: number): Promise<string | null> {
  try {
    for (const node of nodes) {
      const info = await redisCommand(node, "CLUSTER INFO");
      if (!/^cluster_state:ok\r?$/m.test(info)) return `${hostPort(node)} reports ${firstLine(info)}`;
    }
    if (replicasPerPrimary === 0) return null;
    const first = nodes[0];
    if (!first) return "no nodes given";
    const table = await clusterNodes(first);
    const primaries = table.filter((node) => node.flags.includes("master") && node.slots.length > 0);
    for (const primary of primaries) {
      const replicas = table.filter(
        (node) =>
          node.primaryId === primary.id && node.connected && !node.flags.some((f) => f.startsWith("fail")),
      );
      if (replicas.length < replicasPerPrimary) {
        return `primary ${hostPort(primary)} has ${replicas.length} healthy replicas`;
      }
    }
    return null;
  } catch (error) {
    return messageOf(error);
  }
}

async function probePostgres(address: PgAddress): Promise<string | null> {
  const client = new pg.Client({ ...address, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  // An error after connecting (the server going away) must not crash the run.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return messageOf(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function probeMariaDb(): Promise<string | null> {
  // Loaded here, not at the top, so the many suites that import this file never load mysql2.
  const mysql = await import("mysql2/promise");
  const { host, port, user, password, database } = services.mariadb;
  try {
    const connection = await mysql.createConnection({
      host,
      port,
      user,
      password,
      database,
      connectTimeout: PROBE_TIMEOUT_MS,
    });
    try {
      await connection.query("SELECT 1");
      return null;
    } finally {
      await connection.end().catch(() => {});
    }
  } catch (error) {
    return messageOf(error);
  }
}

// ---- addresses ------------------------------------------------------------------------------

function redisAddress(url: string): Services["redis"] {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 6379), url };
}

function pgAddress(url: string): PgAddress {
  const parsed = new URL(url);
  const address: PgAddress = {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username) || "postgres",
    database: decodeURIComponent(parsed.pathname.slice(1)) || "test",
  };
  if (parsed.password) address.password = decodeURIComponent(parsed.password);
  return address;
}

function mysqlAddress(url: string): Services["mariadb"] {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username) || "root",
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)) || "test",
    url,
  };
}

function nodeList(list: string): HostPort[] {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf(":");
      const port = Number(entry.slice(at + 1));
      if (at < 1 || !Number.isInteger(port)) throw new Error(`not a host:port: ${JSON.stringify(entry)}`);
      return { host: entry.slice(0, at), port };
    });
}

function ports(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `127.0.0.1:${from + i}`);
}

function hostPort(node: HostPort): string {
  return `${node.host}:${node.port}`;
}

function firstLine(text: string): string {
  return JSON.stringify(text.split(/\r?\n/)[0]);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

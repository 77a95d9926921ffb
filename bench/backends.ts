/**
 * The stores a bench section can run on — memory, Redis (127.0.0.1:6379), Redis Cluster (the three
 * primaries on 127.0.0.1:7001-7003), PostgreSQL (127.0.0.1:5432, user postgres, db test) and
 * MariaDB (127.0.0.1:3306, user root, db test) — each with its own unique key prefix or table, and
 * a `cleanup()` that removes them and closes the connections. Drivers are loaded with a dynamic
 * import, so a missing driver or service fails that store alone, never the whole bench.
 *
 * The same connection settings as bench/stores.ts, which predates this file.
 */
import { MemoryTokenStore, type TokenStore } from "../lib/index.js";
import { deleteKeys } from "../test/helpers/redis-keys.js";

/** A store to bench, and how to clean up after it. */
export interface Backend {
  store: TokenStore;
  /** Removes the keys or tables the bench made and closes the connections. Never throws twice. */
  cleanup(): Promise<void>;
}

/** The stores, by name, in the order sections report them. */
export const BACKENDS: readonly (readonly [name: string, open: () => Promise<Backend>])[] = [
  ["memory", memoryBackend],
  ["redis", redisBackend],
  ["redis-cluster", redisClusterBackend],
  ["postgres", postgresBackend],
  ["mariadb", mariadbBackend],
];

const REDIS_CLUSTER = [7001, 7002, 7003].map((port) => ({ host: "127.0.0.1", port }));
const MARIADB = { host: "127.0.0.1", port: 3306, user: "root", database: "test" };

const REDIS_URL = "redis://127.0.0.1:6379";
const POSTGRES = { host: "127.0.0.1", port: 5432, user: "postgres", database: "test" };

/** A name no other run on this machine uses at the same time (several agents bench at once). */
export function uniqueName(): string {
  return `bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A fresh in-process store. */
export async function memoryBackend(): Promise<Backend> {
  const store = new MemoryTokenStore();
  return { store, cleanup: () => store.close() };
}

/** A Redis store under a unique key prefix; cleanup deletes every key under it. */
export async function redisBackend(): Promise<Backend> {
  const { RedisTokenStore } = await import("../lib/redis.js");
  const { Redis } = await import("ioredis");
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  await client.connect();
  const prefix = `${uniqueName()}:`;
  return {
    store: new RedisTokenStore({ client, prefix }),
    async cleanup() {
      try {
        await deleteKeys(client, `${prefix}*`);
      } finally {
        client.disconnect();
      }
    },
  };
}

/** A PostgreSQL store in unique tables; cleanup drops them and ends the pool. */
export async function postgresBackend(): Promise<Backend> {
  const { PostgresTokenStore } = await import("../lib/postgres.js");
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ ...POSTGRES, max: 10, connectionTimeoutMillis: 2000 });
  const table = uniqueName();
  const store = new PostgresTokenStore({ pool, table });
  const cleanup = async () => {
    try {
      await store.close();
      // `<table>_attempts` holds the counters; `_limits` is dropped too for stores made before it merged.
      for (const suffix of ["", "_attempts", "_limits"])
        await pool.query(`DROP TABLE IF EXISTS "${table}${suffix}"`);
    } finally {
      await pool.end();
    }
  };
  try {
    await store.migrate();
  } catch (error) {
    await cleanup().catch(() => {});
    throw error;
  }
  return { store, cleanup };
}

/** A Redis Cluster store under a unique key prefix; cleanup deletes its keys on every primary. */
export async function redisClusterBackend(): Promise<Backend> {
  const { RedisTokenStore } = await import("../lib/redis.js");
  const { Cluster } = await import("ioredis");
  const client = new Cluster(REDIS_CLUSTER, {
    clusterRetryStrategy: () => null,
    redisOptions: { connectTimeout: 2000, maxRetriesPerRequest: 1 },
  });
  try {
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw error;
  }
  const prefix = `${uniqueName()}:`;
  return {
    store: new RedisTokenStore({ client, prefix }),
    async cleanup() {
      try {
        for (const node of client.nodes("master")) await deleteKeys(node, `${prefix}*`);
      } finally {
        client.disconnect();
      }
    },
  };
}

/** A MariaDB store (MySqlTokenStore) in unique tables; cleanup drops them and ends the pool. */
export async function mariadbBackend(): Promise<Backend> {
  const { MySqlTokenStore } = await import("../lib/mysql.js");
  const mysql = await import("mysql2/promise");
  const pool = mysql.createPool({ ...MARIADB, connectionLimit: 10, connectTimeout: 2000 });
  const table = uniqueName();
  const store = new MySqlTokenStore({ pool, table });
  const cleanup = async () => {
    try {
      await store.close();
      for (const suffix of ["", "_attempts"]) await pool.query(`DROP TABLE IF EXISTS \`${table}${suffix}\``);
    } finally {
      await pool.end();
    }
  };
  try {
    await store.migrate();
  } catch (error) {
    await cleanup().catch(() => {});
    throw error;
  }
  return { store, cleanup };
}

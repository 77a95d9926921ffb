/**
 * One shared place per backend (a MemoryTokenStore, a Redis prefix, a PostgreSQL or MariaDB
 * table) and a fresh store object over it each time one is asked for, as two routers (or two
 * apps) sharing one store would build theirs at boot. Used by the security suites that put
 * several routers on one store.
 */
import { Redis } from "ioredis";
import mysql from "mysql2/promise";
import pg from "pg";
import { MemoryTokenStore } from "../../lib/index.js";
import { MySqlTokenStore } from "../../lib/mysql.js";
import { PostgresTokenStore } from "../../lib/postgres.js";
import { RedisTokenStore } from "../../lib/redis.js";
import type { TokenStore } from "../../lib/types.js";
import type { TestApp } from "./app.js";
import { requireService, services, uniqueName, type ServiceName } from "./services.js";
import { deleteKeys } from "./redis-keys.js";

/** A shared backend: `open` before use (after `requireService`), `close` after. */
export interface SharedStore {
  /** How the suite's title names it. */
  name: string;
  /** The service it needs, or `null` for memory. */
  service: ServiceName | null;
  open(): Promise<void>;
  /** Another store object over the same keys or table (memory: the one store). */
  store(): TokenStore;
  /** Deletes what the suite wrote and closes the clients. */
  close(): Promise<void>;
}

/** One MemoryTokenStore, handed out as itself. */
export function sharedMemoryStore(name: string): SharedStore {
  let shared: MemoryTokenStore | undefined;
  return {
    name,
    service: null,
    async open() {
      shared = new MemoryTokenStore();
    },
    store: () => shared!,
    async close() {
      await shared?.close();
    },
  };
}

/** One Redis key prefix made from `base`. */
export function sharedRedisStore(name: string, base: string): SharedStore {
  let client: Redis | undefined;
  const prefix = `${uniqueName(base)}:`;
  return {
    name,
    service: "redis",
    async open() {
      client = new Redis(services.redis.port, services.redis.host);
    },
    store: () => new RedisTokenStore({ client: client!, prefix }),
    async close() {
      if (client) await deleteKeys(client, `${prefix}*`);
      await client?.quit();
    },
  };
}

/** One PostgreSQL table made from `base`, migrated at `open` and dropped at `close`. */
export function sharedPostgresStore(name: string, base: string): SharedStore {
  let pool: pg.Pool | undefined;
  const table = uniqueName(base);
  return {
    name,
    service: "postgres",
    async open() {
      pool = new pg.Pool({ ...services.postgres, max: 4 });
      await new PostgresTokenStore({ pool, table }).migrate();
    },
    store: () => new PostgresTokenStore({ pool: pool!, table }),
    async close() {
      await pool?.query(`DROP TABLE IF EXISTS "${table}", "${table}_attempts"`);
      await pool?.end();
    },
  };
}

/** One MariaDB table made from `base`, migrated at `open` and dropped at `close`. */
export function sharedMariaDbStore(name: string, base: string): SharedStore {
  let pool: mysql.Pool | undefined;
  const table = uniqueName(base);
  return {
    name,
    service: "mariadb",
    async open() {
      const { host, port, user, password, database } = services.mariadb;
      pool = mysql.createPool({ host, port, user, password, database, connectionLimit: 4 });
      await new MySqlTokenStore({ pool, table }).migrate();
    },
    store: () => new MySqlTokenStore({ pool: pool!, table }),
    async close() {
      await pool?.query(`DROP TABLE IF EXISTS \`${table}\`, \`${table}_attempts\``);
      await pool?.end();
    },
  };
}

/**
 * Registers a suite's hooks on one shared backend: open it (skipped loudly when its service is
 * absent), close it at the end, and after each test close the routers the test put into the list
 * this returns.
 */
export function useSharedStore(backend: SharedStore): TestApp[] {
  const apps: TestApp[] = [];
  before(async function () {
    if (backend.service) await requireService(this, backend.service);
    await backend.open();
  });
  after(() => backend.close());
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((t) => t.router.close()));
  });
  return apps;
}

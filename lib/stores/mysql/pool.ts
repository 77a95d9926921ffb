/**
 * The part of a `mysql2` pool the MySQL store uses (`mysql2` itself is not imported), whichever of
 * its two APIs the app hands over, and the one way the store runs a transaction on it.
 */
import { namingMigrate } from "../sql/missing-table.js";

/** What `execute` resolves to: `[rows or result header, fields]`, as `mysql2/promise` answers. */
export type MySqlResultLike = [unknown, unknown];

/** A value the store binds to a `?` placeholder. */
export type MySqlValue = string | number | Buffer | null;

/** Something that runs SQL: a pooled connection, or the pool itself (`mysql2/promise`). */
export interface MySqlQueryableLike {
  /** Runs one statement as a server-side prepared statement, `?` bound to `values`. */
  execute(sql: string, values?: MySqlValue[]): Promise<MySqlResultLike>;
  /** Runs one statement without values (DDL, transaction control). */
  query(sql: string): Promise<MySqlResultLike>;
}

/** A connection checked out of the pool for a transaction. */
export interface MySqlPoolConnectionLike extends MySqlQueryableLike {
  /** Hands the connection back to the pool. */
  release(): void;
  /** Closes the connection instead, when it may be broken or mid-transaction. */
  destroy(): void;
}

/** The part of a `mysql2/promise` pool (`mysql.createPool(...)`) the store uses. */
export interface MySqlPoolLike extends MySqlQueryableLike {
  /** Checks out a connection for a transaction. */
  getConnection(): Promise<MySqlPoolConnectionLike>;
}

/** A callback-style `mysql2` pool (`require("mysql2").createPool(...)`); the store uses its `.promise()`. */
export interface MySqlCallbackPoolLike {
  /** The same pool with the promise API. */
  promise(): MySqlPoolLike;
}

// A transaction InnoDB rolled back as a deadlock victim (1213) is safe to run again from the
// start; so is an `issue` that lost a race for the same grant id to another user's (1062).
const RETRIES = 3;
const ER_LOCK_DEADLOCK = 1213;

/** MySQL's error number for a duplicate key, which `issue` may retry on. */
export const ER_DUP_ENTRY = 1062;

/**
 * The promise API of a mysql2 pool, whichever API the app handed over; `undefined` when `pool` is
 * not a mysql2 pool at all.
 */
export function promisePool(
  pool: MySqlPoolLike | MySqlCallbackPoolLike | undefined,
): MySqlPoolLike | undefined {
  const promiseApi =
    pool && typeof (pool as MySqlCallbackPoolLike).promise === "function"
      ? (pool as MySqlCallbackPoolLike).promise()
      : (pool as MySqlPoolLike | undefined);
  if (
    !promiseApi ||
    typeof promiseApi.execute !== "function" ||
    typeof promiseApi.query !== "function" ||
    typeof promiseApi.getConnection !== "function"
  ) {
    return undefined;
  }
  return promiseApi;
}

/**
 * `pool` as the store uses it, a missing-table error from any statement naming `migrate()`
 * (see sql/missing-table.ts); the app's pool itself is not changed.
 */
export function hintingPool(pool: MySqlPoolLike): MySqlPoolLike {
  const hint = <T>(call: () => Promise<T>) => namingMigrate("MySqlTokenStore", "mysqlTokenStoreSchema", call);
  const queryable = (target: MySqlQueryableLike): MySqlQueryableLike => ({
    execute: (sql, values) =>
      hint(() => (values === undefined ? target.execute(sql) : target.execute(sql, values))),
    query: (sql) => hint(() => target.query(sql)),
  });
  return {
    ...queryable(pool),
    getConnection: async () => {
      const connection = await pool.getConnection();
      return {
        ...queryable(connection),
        release: () => connection.release(),
        destroy: () => connection.destroy(),
      };
    },
  };
}

/**
 * Runs `work` in one READ COMMITTED transaction on one connection, again from the start when
 * InnoDB chose it as a deadlock victim (or on another error number in `retryOn`). READ COMMITTED
 * takes no gap locks on searches, which under the default REPEATABLE READ would make concurrent
 * issues of different grants deadlock on the gaps between index entries. `SET TRANSACTION`
 * without SESSION applies to the next transaction only, so the connection goes back to the pool
 * as it came.
 */
export async function transaction(
  pool: MySqlPoolLike,
  retryOn: number[],
  work: (connection: MySqlQueryableLike) => Promise<void>,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const connection = await pool.getConnection();
    try {
      await connection.query("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
      await connection.query("START TRANSACTION");
      await work(connection);
      await connection.query("COMMIT");
      connection.release();
      return;
    } catch (error) {
      // A failed ROLLBACK means the connection is broken: close it so the pool never lends it
      // out mid-transaction.
      await connection.query("ROLLBACK").then(
        () => connection.release(),
        () => connection.destroy(),
      );
      const errno = (error as { errno?: unknown } | null)?.errno;
      const retry = errno === ER_LOCK_DEADLOCK || (typeof errno === "number" && retryOn.includes(errno));
      if (!retry || attempt >= RETRIES) throw error;
    }
  }
}

/** The first row of a `SELECT`'s result, if any. */
export function firstRow(rows: unknown): Record<string, unknown> | undefined {
  return Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;
}

/** The rows an `INSERT`, `UPDATE` or `DELETE` changed, from its result header. */
export function affectedRows(result: unknown): number {
  return Number((result as { affectedRows?: unknown } | undefined)?.affectedRows ?? 0);
}

/**
 * The part of a `pg` Pool the PostgreSQL store uses (`pg` itself is not imported), and the one
 * way it runs a transaction on it.
 */
import { namingMigrate } from "../sql/missing-table.js";

/** The result of a query, as `pg` returns it. */
export interface PgQueryResultLike {
  /** The rows returned. */
  rows: Record<string, unknown>[];
  /** Rows affected, for `UPDATE`/`DELETE`. */
  rowCount: number | null;
}

/** Something that runs SQL: a pooled client, or the pool itself. */
export interface PgQueryableLike {
  /** Runs one statement (or, without `values`, several). */
  query(text: string, values?: unknown[]): Promise<PgQueryResultLike>;
}

/** The part of a `pg` Pool the store uses. */
export interface PgPoolLike extends PgQueryableLike {
  /** Checks out a client for a transaction. */
  connect(): Promise<
    PgQueryableLike & {
      /** Returns the client to the pool (`true` or an error destroys it instead). */
      release(error?: Error | boolean): void;
    }
  >;
}

/**
 * `pool` as the store uses it, a missing-table error from any statement naming `migrate()`
 * (see sql/missing-table.ts); the app's pool itself is not changed.
 */
export function hintingPool(pool: PgPoolLike): PgPoolLike {
  const hint = <T>(call: () => Promise<T>) =>
    namingMigrate("PostgresTokenStore", "postgresTokenStoreSchema", call);
  return {
    query: (text, values) => hint(() => (values === undefined ? pool.query(text) : pool.query(text, values))),
    connect: async () => {
      const client = await pool.connect();
      return {
        query: (text, values) =>
          hint(() => (values === undefined ? client.query(text) : client.query(text, values))),
        release: (error) => client.release(error),
      };
    },
  };
}

/** Runs `work` in one transaction on one client checked out of `pool`. */
export async function transaction(
  pool: PgPoolLike,
  work: (client: PgQueryableLike) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
    client.release();
  } catch (error) {
    // A failed ROLLBACK means the connection is broken: hand it back as such so the pool
    // discards it instead of lending it out mid-transaction.
    await client.query("ROLLBACK").then(
      () => client.release(),
      (rollbackError: unknown) => client.release(rollbackError instanceof Error ? rollbackError : true),
    );
    throw error;
  }
}

/**
 * A token store in PostgreSQL, so several app instances share grants, attempt counters and rate
 * limits. Single use rests on one conditional `UPDATE … RETURNING`: PostgreSQL row locks let
 * exactly one of any number of concurrent claims see the grant unclaimed.
 *
 * It takes the app's own `pg` Pool and never ends it; `pg` itself is not imported. Times are
 * bigint epoch ms from the app's clock (passed as parameters), as in the memory store, so a
 * database server whose clock drifts changes nothing.
 */
import type { AttemptCount, Grant, GrantKind, TokenStore } from "../../types.js";
import { foundGrant, STAND_IN_HASH } from "../sql/grant-rows.js";
import { sqlStoreSettings } from "../sql/settings.js";
import { startSweep } from "../sql/sweep.js";
import type { TableNames } from "../sql/table-names.js";
import { hintingPool, transaction, type PgPoolLike } from "./pool.js";
import { postgresTableNames, postgresTokenStoreSchema } from "./schema.js";

/** Options of {@link PostgresTokenStore}. */
export interface PostgresTokenStoreOptions {
  /** The app's `pg` Pool. Required; the store never ends it. */
  pool: PgPoolLike;
  /**
   * Table of grants, a plain SQL identifier, optionally schema-qualified (`auth.reset_tokens`),
   * at most 40 characters a part. `<table>_attempts` (attempt counters and rate limits) is created next to it.
   * ["password_reset_tokens"]
   */
  table?: string;
  /** Clock in epoch ms; pass the router's `now` when a test fakes it. [Date.now] */
  now?: () => number;
  /** How often rows past their time are deleted, in ms; `0` turns the sweep off. [300000] */
  sweepIntervalMs?: number;
}

// Rows the opportunistic cleanup in `issue` deletes at most, so a backlog never slows a request.
const CLEANUP_BATCH = 100;

/** Keeps grants, attempt counters and rate limits in PostgreSQL; see the module comment. */
export class PostgresTokenStore implements TokenStore {
  /** Keeps a grant's code beside its link (`code_id`, `code_hash`): `"link+code"` works with it. */
  readonly linkAndCode = true;
  readonly #pool: PgPoolLike;
  readonly #table: TableNames;
  readonly #now: () => number;
  #sweepTimer: NodeJS.Timeout | undefined;

  /**
   * Checks the options (a `TypeError` names the one at fault) and starts the unref'ed sweep
   * timer. Call {@link PostgresTokenStore.migrate} (or run {@link postgresTokenStoreSchema})
   * before the first request.
   */
  constructor(options: PostgresTokenStoreOptions) {
    const { pool, ...shared } = options ?? ({} as PostgresTokenStoreOptions);
    if (!pool || typeof pool.query !== "function" || typeof pool.connect !== "function") {
      throw new TypeError("PostgresTokenStore: `pool` must be a `pg` Pool (`new pg.Pool(...)`).");
    }
    const { table, now, sweepIntervalMs } = sqlStoreSettings(
      "PostgresTokenStore",
      shared,
      postgresTableNames,
    );
    this.#pool = hintingPool(pool);
    this.#table = table;
    this.#now = now;
    this.#sweepTimer = startSweep(sweepIntervalMs, () => this.sweep());
  }

  /**
   * Creates the tables and indexes when missing. Idempotent, and safe when several instances
   * start at once: a transaction-scoped advisory lock makes them take turns, where concurrent
   * `CREATE TABLE IF NOT EXISTS` would otherwise fail on PostgreSQL's catalog unique index.
   */
  async migrate(): Promise<void> {
    await transaction(this.#pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
        `express-password-reset:${this.#table.grants}`,
      ]);
      await client.query(postgresTokenStoreSchema(this.#qualifiedName()));
    });
  }

  /** @inheritdoc */
  async issue(grant: Grant): Promise<void> {
    const now = this.#now();
    await transaction(this.#pool, async (client) => {
      // Two concurrent issues for one user would each miss the other's uncommitted row and
      // both survive; a per-user lock makes the later one see, and delete, the earlier one.
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
        `${this.#table.grants}:${grant.userId}`,
      ]);
      // Whatever holds the code id this grant takes (a code's id, or a link's `code.id`) goes too.
      const codeId = grant.kind === "code" ? grant.id : (grant.code?.id ?? null);
      await client.query(
        `DELETE FROM ${this.#table.grants} WHERE user_id = $1 OR (kind = $2 AND id = $3)
           OR (kind = 'code' AND id = $4) OR code_id = $4`,
        [grant.userId, grant.kind, grant.id, codeId],
      );
      // ON CONFLICT covers a concurrent issue of the same (kind, id) for another user: the
      // later one wins, as in the memory store, rather than failing on the primary key.
      await client.query(
        `INSERT INTO ${this.#table.grants} (kind, id, user_id, identifier_type, identifier_value, hash,
           redirect_url, binding, created_at, expires_at, retain_until, claimed_until, code_id, code_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13)
         ON CONFLICT (kind, id) DO UPDATE SET user_id = EXCLUDED.user_id,
           identifier_type = EXCLUDED.identifier_type, identifier_value = EXCLUDED.identifier_value,
           hash = EXCLUDED.hash, redirect_url = EXCLUDED.redirect_url, binding = EXCLUDED.binding, created_at = EXCLUDED.created_at,
           expires_at = EXCLUDED.expires_at, retain_until = EXCLUDED.retain_until, claimed_until = 0,
           code_id = EXCLUDED.code_id, code_hash = EXCLUDED.code_hash`,
        [
          grant.kind,
          grant.id,
          grant.userId,
          grant.identifier.type,
          grant.identifier.value,
          grant.hash,
          grant.redirectUrl ?? null,
          grant.binding ?? null,
          grant.createdAt,
          grant.expiresAt,
          grant.retainUntil,
          grant.code?.id ?? null,
          grant.code?.hash ?? null,
        ],
      );
      // Opportunistic, bounded cleanup; SKIP LOCKED keeps concurrent issues from queueing on it.
      await client.query(
        `DELETE FROM ${this.#table.grants} WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM ${this.#table.grants} WHERE retain_until <= $1 LIMIT ${CLEANUP_BATCH} FOR UPDATE SKIP LOCKED))`,
        [now],
      );
    });
  }

  /** @inheritdoc */
  async find(kind: GrantKind, id: string): Promise<Grant | null> {
    // One row whether or not the grant exists: a miss answers a stand-in of the same columns and
    // about the same size, read the same way, so it costs what a hit does; `found` tells them apart.
    // A code is also found as the code of a "link+code" grant.
    const { rows } = await this.#pool.query(
      `SELECT g.id IS NOT NULL AS found, COALESCE(g.kind, $1) AS kind, COALESCE(g.id, $2) AS id,
         COALESCE(g.user_id, $2) AS user_id, COALESCE(g.identifier_type, 'email') AS identifier_type,
         COALESCE(g.identifier_value, $2) AS identifier_value, COALESCE(g.hash, '${STAND_IN_HASH}') AS hash,
         g.redirect_url, g.binding, COALESCE(g.created_at, $3) AS created_at,
         COALESCE(g.expires_at, $3) AS expires_at, COALESCE(g.retain_until, $3) AS retain_until,
         g.code_id, g.code_hash
       FROM (SELECT 1) AS one
       LEFT JOIN ${this.#table.grants} AS g
         ON ((g.kind = $1 AND g.id = $2) OR ($1 = 'code' AND g.code_id = $2)) AND g.retain_until > $3
       LIMIT 1`,
      [kind, id, this.#now()],
    );
    return foundGrant(rows[0]);
  }

  /** @inheritdoc */
  async claim(kind: GrantKind, id: string, hash: string, leaseMs: number): Promise<boolean> {
    const now = this.#now();
    // Concurrent UPDATEs of one row queue on its lock; each re-checks the WHERE clause against
    // the row as the previous one left it, so only the first finds `claimed_until` in the past.
    const { rowCount } = await this.#pool.query(
      `UPDATE ${this.#table.grants} SET claimed_until = $4
       WHERE kind = $1 AND id = $2 AND hash = $3 AND claimed_until <= $5 AND retain_until > $5`,
      [kind, id, hash, now + leaseMs, now],
    );
    return rowCount === 1;
  }

  /** @inheritdoc */
  async release(kind: GrantKind, id: string, hash: string): Promise<void> {
    await this.#pool.query(
      `UPDATE ${this.#table.grants} SET claimed_until = 0 WHERE kind = $1 AND id = $2 AND hash = $3`,
      [kind, id, hash],
    );
  }

  /** @inheritdoc */
  async remove(kind: GrantKind, id: string): Promise<void> {
    await this.#pool.query(`DELETE FROM ${this.#table.grants} WHERE kind = $1 AND id = $2`, [kind, id]);
  }

  /** @inheritdoc */
  async revokeUser(userId: string): Promise<void> {
    await this.#pool.query(`DELETE FROM ${this.#table.grants} WHERE user_id = $1`, [userId]);
  }

  /** @inheritdoc */
  async countAttempt(key: string, windowMs: number): Promise<AttemptCount> {
    // One upsert: concurrent attempts on a key serialise on its row, so each gets its own count.
    const { rows } = await this.#pool.query(
      `INSERT INTO ${this.#table.attempts} AS a (key, count, window_ends_at) VALUES ($1, 1, $2::bigint + $3::bigint)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN a.window_ends_at <= $2::bigint THEN 1 ELSE a.count + 1 END,
         window_ends_at = CASE WHEN a.window_ends_at <= $2::bigint THEN $2::bigint + $3::bigint
                          ELSE a.window_ends_at END
       RETURNING count, window_ends_at`,
      [key, this.#now(), Math.ceil(windowMs)],
    );
    return { count: Number(rows[0]?.count), resetAt: Number(rows[0]?.window_ends_at) };
  }

  /** @inheritdoc */
  async clearAttempts(key: string): Promise<void> {
    await this.#pool.query(`DELETE FROM ${this.#table.attempts} WHERE key = $1`, [key]);
  }

  /** Deletes grants past `retainUntil` and ended attempt windows (rate limits among them). */
  async sweep(): Promise<void> {
    const now = this.#now();
    await this.#pool.query(`DELETE FROM ${this.#table.grants} WHERE retain_until <= $1`, [now]);
    await this.#pool.query(`DELETE FROM ${this.#table.attempts} WHERE window_ends_at <= $1`, [now]);
  }

  /** Stops the sweep timer. The pool stays open. */
  async close(): Promise<void> {
    clearInterval(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }

  #qualifiedName(): string {
    return this.#table.qualifier ? `${this.#table.qualifier}.${this.#table.name}` : this.#table.name;
  }
}

/**
 * A token store in MySQL 8 or MariaDB 10.11+, so several app instances share grants, attempt
 * counters and rate limits. Single use rests on one conditional `UPDATE`: InnoDB row locks let
 * exactly one of any number of concurrent claims see the grant unclaimed (`affectedRows === 1`).
 *
 * It takes the app's own `mysql2` pool and never ends it; `mysql2` itself is not imported. Times
 * are bigint epoch ms from the app's clock (passed as parameters), as in the memory store, so a
 * database server whose clock drifts changes nothing. The SQL is the subset both servers accept:
 * no `RETURNING` (MariaDB only), no `ON CONFLICT`, no `VALUES()` in `ON DUPLICATE KEY UPDATE`
 * (deprecated in MySQL 8), no `CREATE INDEX IF NOT EXISTS` (MariaDB only).
 *
 * Lookups go through SHA-256 digests (`BINARY(32)`) of the grant id, the user id and the attempt
 * key, never through the text columns: a digest is a fixed-size index key for a string of any
 * length, and it compares byte for byte, where utf8mb4 collations would take `A` for `a` or
 * `a ` for `a` and merge two grants or two counters. The text is kept beside it for reading back.
 */
import { createHash } from "node:crypto";
import type { AttemptCount, Grant, GrantKind, TokenStore } from "../../types.js";
import { foundGrant, STAND_IN_HASH } from "../sql/grant-rows.js";
import { sqlStoreSettings } from "../sql/settings.js";
import { startSweep } from "../sql/sweep.js";
import type { TableNames } from "../sql/table-names.js";
import {
  affectedRows,
  ER_DUP_ENTRY,
  firstRow,
  hintingPool,
  promisePool,
  transaction,
  type MySqlCallbackPoolLike,
  type MySqlPoolLike,
  type MySqlValue,
} from "./pool.js";
import { mysqlSchemaStatements, mysqlTableNames, mysqlUpgradeStatement, UPGRADE_COLUMNS } from "./schema.js";

/** Options of {@link MySqlTokenStore}. */
export interface MySqlTokenStoreOptions {
  /**
   * The app's `mysql2` pool, from `mysql2/promise` or the callback API. Required; the store never
   * ends it. Its connections must use a utf8mb4 charset (mysql2's default).
   */
  pool: MySqlPoolLike | MySqlCallbackPoolLike;
  /**
   * Table of grants, a plain SQL identifier, optionally database-qualified (`auth.reset_tokens`),
   * at most 40 characters a part. `<table>_attempts` (attempt counters and rate limits) is created next to it.
   * ["password_reset_tokens"]
   */
  table?: string;
  /** Clock in epoch ms; pass the router's `now` when a test fakes it. [Date.now] */
  now?: () => number;
  /** How often rows past their time are deleted, in ms; `0` turns the sweep off. [300000] */
  sweepIntervalMs?: number;
}

// Rows the opportunistic cleanup in `issue` deletes at most, so a backlog never slows a request;
// and rows a sweep deletes per statement, so it never holds many locks at once.
const CLEANUP_BATCH = 100;

// MySQL's error numbers for a column or an index name that already exists (a concurrent upgrade).
const ER_DUP_FIELDNAME = 1060;
const ER_DUP_KEYNAME = 1061;
const SWEEP_BATCH = 1000;

/** Keeps grants, attempt counters and rate limits in MySQL or MariaDB; see the module comment. */
export class MySqlTokenStore implements TokenStore {
  /** Keeps a grant's code beside its link (`code_key`, `code_id`, `code_hash`): `"link+code"` works with it. */
  readonly linkAndCode = true;
  readonly #pool: MySqlPoolLike;
  readonly #table: TableNames;
  readonly #now: () => number;
  #sweepTimer: NodeJS.Timeout | undefined;

  /**
   * Checks the options (a `TypeError` names the one at fault) and starts the unref'ed sweep
   * timer. Call {@link MySqlTokenStore.migrate} (or run {@link mysqlTokenStoreSchema}) before the
   * first request.
   */
  constructor(options: MySqlTokenStoreOptions) {
    const { pool, ...shared } = options ?? ({} as MySqlTokenStoreOptions);
    const promiseApi = promisePool(pool);
    if (!promiseApi) {
      throw new TypeError(
        "MySqlTokenStore: `pool` must be a mysql2 pool (`mysql.createPool(...)` from `mysql2/promise` or `mysql2`).",
      );
    }
    const { table, now, sweepIntervalMs } = sqlStoreSettings("MySqlTokenStore", shared, mysqlTableNames);
    this.#pool = hintingPool(promiseApi);
    this.#table = table;
    this.#now = now;
    this.#sweepTimer = startSweep(sweepIntervalMs, () => this.sweep());
  }

  /**
   * Creates the tables when missing. Idempotent, and safe when several instances start at once:
   * `CREATE TABLE IF NOT EXISTS` takes an exclusive metadata lock on the name, so concurrent runs
   * queue and the later ones find the table (no named lock, no session state).
   */
  async migrate(): Promise<void> {
    for (const statement of mysqlSchemaStatements(this.#table)) await this.#pool.query(statement);
    await this.#upgrade();
  }

  /**
   * Adds the columns a table made by an earlier version lacks. Two instances upgrading at once
   * both see them missing; the later ALTER fails on the name the earlier one added, and that is
   * the upgrade done.
   */
  async #upgrade(): Promise<void> {
    const [rows] = await this.#pool.execute(
      `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME IN (${UPGRADE_COLUMNS.map(() => "?").join(", ")})`,
      [this.#table.qualifier ?? null, this.#table.name, ...UPGRADE_COLUMNS],
    );
    const present = new Set(
      (Array.isArray(rows) ? rows : []).map((row) => String((row as { name: unknown }).name)),
    );
    const alter = mysqlUpgradeStatement(this.#table, present);
    if (alter === undefined) return;
    await this.#pool.query(alter).catch((error: unknown) => {
      const errno = (error as { errno?: unknown } | null)?.errno;
      if (errno !== ER_DUP_FIELDNAME && errno !== ER_DUP_KEYNAME) throw error;
    });
  }

  /** @inheritdoc */
  async issue(grant: Grant): Promise<void> {
    const now = this.#now();
    const userKey = digest(grant.userId);
    const grantKey = grantDigest(grant.kind, grant.id);
    // The code id this grant takes: a code's own, or a "link+code" grant's `code.id`.
    const codeKey =
      grant.kind === "code" ? grantKey : grant.code ? grantDigest("code", grant.code.id) : grantKey;
    const columns: Array<[string, MySqlValue]> = [
      ["grant_key", grantKey],
      ["kind", grant.kind],
      ["id", grant.id],
      ["user_id", grant.userId],
      ["identifier_type", grant.identifier.type],
      ["identifier_value", grant.identifier.value],
      ["hash", Buffer.from(grant.hash, "utf8")],
      ["redirect_url", grant.redirectUrl ?? null],
      ["binding", grant.binding ?? null],
      ["created_at", grant.createdAt],
      ["expires_at", grant.expiresAt],
      ["retain_until", grant.retainUntil],
      ["claimed_until", 0],
      ["code_key", grant.code ? codeKey : null],
      ["code_id", grant.code?.id ?? null],
      ["code_hash", grant.code ? Buffer.from(grant.code.hash, "utf8") : null],
    ];
    const names = columns.map(([name]) => name);
    const values = columns.map(([, value]) => value);
    await transaction(this.#pool, [ER_DUP_ENTRY], async (connection) => {
      // Cleanup first, in index order, before this transaction holds any grant: two issues then
      // meet on the same expired rows in the same order, and queue instead of deadlocking.
      await connection.execute(
        `DELETE FROM ${this.#table.grants} WHERE retain_until <= ? ORDER BY retain_until LIMIT ${CLEANUP_BATCH}`,
        [now],
      );
      // The same (kind, id), or the same code, issued for another user: the later issue wins, as in
      // the memory store.
      await connection.execute(
        `DELETE FROM ${this.#table.grants}
         WHERE user_key <> ? AND (grant_key IN (?, ?) OR code_key IN (?, ?))`,
        [userKey, grantKey, codeKey, grantKey, codeKey],
      );
      // The user's row is replaced whole, whatever kind it held: that is the supersede, and a
      // replaced grant starts unclaimed. Placeholders are repeated rather than `VALUES(col)`,
      // which MySQL 8 deprecates and row aliases, which MariaDB lacks.
      await connection.execute(
        `INSERT INTO ${this.#table.grants} (user_key, ${names.join(", ")})
         VALUES (?, ${names.map(() => "?").join(", ")})
         ON DUPLICATE KEY UPDATE ${names.map((name) => `${name} = ?`).join(", ")}`,
        [userKey, ...values, ...values],
      );
    });
  }

  /** @inheritdoc */
  async find(kind: GrantKind, id: string): Promise<Grant | null> {
    // One row whether or not the grant exists: a miss answers a stand-in of the same columns and
    // about the same size, read the same way, so it costs what a hit does; `found` tells them apart.
    // A code is also found as the code of a "link+code" grant, whose `code_key` is the same digest.
    const key = grantDigest(kind, id);
    const [rows] = await this.#pool.execute(
      `SELECT g.grant_key IS NOT NULL AS found, COALESCE(g.kind, ?) AS kind, COALESCE(g.id, ?) AS id,
         COALESCE(g.user_id, ?) AS user_id, COALESCE(g.identifier_type, 'email') AS identifier_type,
         COALESCE(g.identifier_value, ?) AS identifier_value, COALESCE(g.hash, '${STAND_IN_HASH}') AS hash,
         g.redirect_url, g.binding, COALESCE(g.created_at, 0) AS created_at,
         COALESCE(g.expires_at, 0) AS expires_at, COALESCE(g.retain_until, 0) AS retain_until,
         g.code_id, g.code_hash
       FROM (SELECT 1) AS one
       LEFT JOIN ${this.#table.grants} AS g ON (g.grant_key = ? OR g.code_key = ?) AND g.retain_until > ?
       LIMIT 1`,
      [kind, id, id, id, key, key, this.#now()],
    );
    return foundGrant(firstRow(rows));
  }

  /** @inheritdoc */
  async claim(kind: GrantKind, id: string, hash: string, leaseMs: number): Promise<boolean> {
    const now = this.#now();
    // Concurrent UPDATEs of one row queue on its lock; each re-checks the WHERE clause against
    // the row as the previous one left it, so only the first finds `claimed_until` in the past.
    const [result] = await this.#pool.execute(
      `UPDATE ${this.#table.grants} SET claimed_until = ?
       WHERE grant_key = ? AND hash = ? AND claimed_until <= ? AND retain_until > ?`,
      [now + leaseMs, grantDigest(kind, id), Buffer.from(hash, "utf8"), now, now],
    );
    return affectedRows(result) === 1;
  }

  /** @inheritdoc */
  async release(kind: GrantKind, id: string, hash: string): Promise<void> {
    await this.#pool.execute(
      `UPDATE ${this.#table.grants} SET claimed_until = 0 WHERE grant_key = ? AND hash = ?`,
      [grantDigest(kind, id), Buffer.from(hash, "utf8")],
    );
  }

  /** @inheritdoc */
  async remove(kind: GrantKind, id: string): Promise<void> {
    await this.#pool.execute(`DELETE FROM ${this.#table.grants} WHERE grant_key = ?`, [
      grantDigest(kind, id),
    ]);
  }

  /** @inheritdoc */
  async revokeUser(userId: string): Promise<void> {
    await this.#pool.execute(`DELETE FROM ${this.#table.grants} WHERE user_key = ?`, [digest(userId)]);
  }

  /** @inheritdoc */
  async countAttempt(key: string, windowMs: number): Promise<AttemptCount> {
    const now = this.#now();
    const windowEnd = now + Math.ceil(windowMs);
    const keyHash = digest(key);
    let counted: AttemptCount | undefined;
    // The upsert locks the key's row until COMMIT, so concurrent attempts on a key take turns
    // and each reads back the count it wrote. Assignments run left to right, each seeing the
    // columns already assigned: `count` must come first, while `window_ends_at` is still the old one.
    await transaction(this.#pool, [], async (connection) => {
      await connection.execute(
        `INSERT INTO ${this.#table.attempts} (key_hash, count, window_ends_at) VALUES (?, 1, ?)
         ON DUPLICATE KEY UPDATE count = IF(window_ends_at <= ?, 1, count + 1),
           window_ends_at = IF(window_ends_at <= ?, ?, window_ends_at)`,
        [keyHash, windowEnd, now, now, windowEnd],
      );
      const [rows] = await connection.execute(
        `SELECT count, window_ends_at FROM ${this.#table.attempts} WHERE key_hash = ? FOR UPDATE`,
        [keyHash],
      );
      const row = firstRow(rows);
      counted = { count: Number(row?.count), resetAt: Number(row?.window_ends_at) };
    });
    return counted as AttemptCount;
  }

  /** @inheritdoc */
  async clearAttempts(key: string): Promise<void> {
    await this.#pool.execute(`DELETE FROM ${this.#table.attempts} WHERE key_hash = ?`, [digest(key)]);
  }

  /** Deletes grants past `retainUntil` and ended attempt windows (rate limits among them). */
  async sweep(): Promise<void> {
    const now = this.#now();
    const batches: Array<[table: string, column: string]> = [
      [this.#table.grants, "retain_until"],
      [this.#table.attempts, "window_ends_at"],
    ];
    for (const [table, column] of batches) {
      let deleted: number;
      do {
        let result: unknown;
        await transaction(this.#pool, [], async (connection) => {
          [result] = await connection.execute(
            `DELETE FROM ${table} WHERE ${column} <= ? ORDER BY ${column} LIMIT ${SWEEP_BATCH}`,
            [now],
          );
        });
        deleted = affectedRows(result);
      } while (deleted === SWEEP_BATCH);
    }
  }

  /** Stops the sweep timer. The pool stays open. */
  async close(): Promise<void> {
    clearInterval(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

// Kinds are fixed words without NUL, so `kind NUL id` names one grant unambiguously.
function grantDigest(kind: GrantKind, id: string): Buffer {
  return digest(`${kind}\u0000${id}`);
}

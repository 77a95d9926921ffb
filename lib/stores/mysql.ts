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
import { tableNames, type TableNames } from "./table-names.js";
import { createHash } from "node:crypto";
import type { AttemptCount, Grant, GrantKind, IdentifierType, TokenStore } from "../types.js";

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
const SWEEP_BATCH = 1000;

// A transaction InnoDB rolled back as a deadlock victim (1213) is safe to run again from the
// start; so is an `issue` that lost a race for the same grant id to another user's (1062).
const RETRIES = 3;
const ER_DUP_ENTRY = 1062;
const ER_LOCK_DEADLOCK = 1213;

/**
 * The SQL {@link MySqlTokenStore.migrate} runs, for apps that manage their schema with their own
 * migration tool: two `CREATE TABLE IF NOT EXISTS` statements, each ending in `;`. Idempotent.
 * Throws a `TypeError` when `table` is not a valid identifier.
 */
export function mysqlTokenStoreSchema(table = "password_reset_tokens"): string {
  return schemaStatements(tableNames(table, "MySqlTokenStore", "database", quote))
    .map((statement) => `${statement};\n`)
    .join("");
}

// One grant per user is the contract (`issue` supersedes the rest), so the user's digest is the
// primary key: two concurrent issues for one user queue on that one row, with no lock to take
// first. Indexes are declared inside CREATE TABLE, the only idempotent form MySQL 8 has.
function schemaStatements(t: TableNames): string[] {
  const options = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
  return [
    `CREATE TABLE IF NOT EXISTS ${t.grants} (
  user_key BINARY(32) NOT NULL COMMENT 'SHA-256 of user_id',
  grant_key BINARY(32) NOT NULL COMMENT 'SHA-256 of kind, NUL, id',
  kind VARCHAR(16) NOT NULL,
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  identifier_type VARCHAR(32) NOT NULL,
  identifier_value TEXT NOT NULL,
  hash VARBINARY(255) NOT NULL,
  redirect_url TEXT NULL,
  binding TEXT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  retain_until BIGINT NOT NULL,
  claimed_until BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_key),
  UNIQUE KEY grant_key (grant_key),
  KEY retain_until (retain_until)
) ${options}`,
    `CREATE TABLE IF NOT EXISTS ${t.attempts} (
  key_hash BINARY(32) NOT NULL COMMENT 'SHA-256 of the attempt key',
  count BIGINT NOT NULL,
  window_ends_at BIGINT NOT NULL,
  PRIMARY KEY (key_hash),
  KEY window_ends_at (window_ends_at)
) ${options}`,
  ];
}

/** Keeps grants, attempt counters and rate limits in MySQL or MariaDB; see the module comment. */
export class MySqlTokenStore implements TokenStore {
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
    const {
      pool,
      table = "password_reset_tokens",
      now = Date.now,
      sweepIntervalMs = 300_000,
    } = options ?? ({} as MySqlTokenStoreOptions);
    const promisePool = promiseApi(pool);
    if (
      !promisePool ||
      typeof promisePool.execute !== "function" ||
      typeof promisePool.query !== "function" ||
      typeof promisePool.getConnection !== "function"
    ) {
      throw new TypeError(
        "MySqlTokenStore: `pool` must be a mysql2 pool (`mysql.createPool(...)` from `mysql2/promise` or `mysql2`).",
      );
    }
    if (typeof now !== "function") throw new TypeError("MySqlTokenStore: `now` must be a function.");
    if (!Number.isFinite(sweepIntervalMs) || sweepIntervalMs < 0) {
      throw new TypeError("MySqlTokenStore: `sweepIntervalMs` must be a number of ms >= 0 (0 turns it off).");
    }
    this.#pool = promisePool;
    this.#table = tableNames(table, "MySqlTokenStore", "database", quote);
    this.#now = now;
    if (sweepIntervalMs > 0) {
      // A failed sweep is retried on the next tick; the store never logs on its own.
      this.#sweepTimer = setInterval(() => this.sweep().catch(() => {}), sweepIntervalMs);
      this.#sweepTimer.unref();
    }
  }

  /**
   * Creates the tables when missing. Idempotent, and safe when several instances start at once:
   * `CREATE TABLE IF NOT EXISTS` takes an exclusive metadata lock on the name, so concurrent runs
   * queue and the later ones find the table (no named lock, no session state).
   */
  async migrate(): Promise<void> {
    for (const statement of schemaStatements(this.#table)) await this.#pool.query(statement);
  }

  /** @inheritdoc */
  async issue(grant: Grant): Promise<void> {
    const now = this.#now();
    const userKey = digest(grant.userId);
    const grantKey = grantDigest(grant.kind, grant.id);
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
    ];
    const names = columns.map(([name]) => name);
    const values = columns.map(([, value]) => value);
    await this.#transaction([ER_DUP_ENTRY], async (connection) => {
      // Cleanup first, in index order, before this transaction holds any grant: two issues then
      // meet on the same expired rows in the same order, and queue instead of deadlocking.
      await connection.execute(
        `DELETE FROM ${this.#table.grants} WHERE retain_until <= ? ORDER BY retain_until LIMIT ${CLEANUP_BATCH}`,
        [now],
      );
      // The same (kind, id) issued for another user: the later issue wins, as in the memory store.
      await connection.execute(`DELETE FROM ${this.#table.grants} WHERE grant_key = ? AND user_key <> ?`, [
        grantKey,
        userKey,
      ]);
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
    const [rows] = await this.#pool.execute(
      `SELECT kind, id, user_id, identifier_type, identifier_value, hash, redirect_url, binding,
         created_at, expires_at, retain_until FROM ${this.#table.grants} WHERE grant_key = ? AND retain_until > ?`,
      [grantDigest(kind, id), this.#now()],
    );
    const row = firstRow(rows);
    return row ? rowToGrant(row) : null;
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
    await this.#transaction([], async (connection) => {
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
        await this.#transaction([], async (connection) => {
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

  /**
   * Runs `work` in one READ COMMITTED transaction on one connection, again from the start when
   * InnoDB chose it as a deadlock victim (or on another listed error). READ COMMITTED takes no
   * gap locks on searches, which under the default REPEATABLE READ would make concurrent
   * issues of different grants deadlock on the gaps between index entries. `SET TRANSACTION`
   * without SESSION applies to the next transaction only, so the connection goes back to the
   * pool as it came.
   */
  async #transaction(
    retryOn: number[],
    work: (connection: MySqlQueryableLike) => Promise<void>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const connection = await this.#pool.getConnection();
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
}

/** The promise API of a mysql2 pool, whichever API the app handed over. */
function promiseApi(pool: MySqlPoolLike | MySqlCallbackPoolLike | undefined): MySqlPoolLike | undefined {
  if (pool && typeof (pool as MySqlCallbackPoolLike).promise === "function") {
    return (pool as MySqlCallbackPoolLike).promise();
  }
  return pool as MySqlPoolLike | undefined;
}

// Only ever called on names tableNames() checked, which hold no backtick to escape.
function quote(identifier: string): string {
  return `\`${identifier}\``;
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

// Kinds are fixed words without NUL, so `kind NUL id` names one grant unambiguously.
function grantDigest(kind: GrantKind, id: string): Buffer {
  return digest(`${kind}\u0000${id}`);
}

function firstRow(rows: unknown): Record<string, unknown> | undefined {
  return Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;
}

function affectedRows(result: unknown): number {
  return Number((result as { affectedRows?: unknown } | undefined)?.affectedRows ?? 0);
}

// mysql2 returns VARBINARY as a Buffer, TEXT as a string and BIGINT as a number (or a string
// with `bigNumberStrings`); epoch ms fit a double exactly.
function text(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}

function rowToGrant(row: Record<string, unknown>): Grant {
  const grant: Grant = {
    kind: text(row.kind) as GrantKind,
    id: text(row.id),
    userId: text(row.user_id),
    identifier: { type: text(row.identifier_type) as IdentifierType, value: text(row.identifier_value) },
    hash: text(row.hash),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    retainUntil: Number(row.retain_until),
  };
  if (row.redirect_url !== null && row.redirect_url !== undefined) grant.redirectUrl = text(row.redirect_url);
  if (row.binding !== null && row.binding !== undefined) grant.binding = text(row.binding);
  return grant;
}

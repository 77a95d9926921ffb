/**
 * The options both SQL stores share (`table`, `now`, `sweepIntervalMs`), checked the same way.
 * Each store checks its own `pool` first, then hands the rest here.
 */
import type { TableNames } from "./table-names.js";

/** The table both SQL stores use when the app names none. */
export const DEFAULT_TABLE = "password_reset_tokens";

/** The options both SQL stores take besides their pool, as the app gave them. */
export interface SqlStoreOptions {
  /** Table of grants; `<table>_attempts` beside it. */
  table?: string;
  /** Clock in epoch ms. */
  now?: () => number;
  /** How often rows past their time are deleted, in ms; `0` turns the sweep off. */
  sweepIntervalMs?: number;
}

/** {@link SqlStoreOptions} checked, with their defaults filled in. */
export interface SqlStoreSettings {
  /** The quoted table names. */
  table: TableNames;
  /** Clock in epoch ms. [Date.now] */
  now: () => number;
  /** Sweep interval in ms; 0 for none. [300000] */
  sweepIntervalMs: number;
}

/**
 * Checks the shared options of the store named `store`, throwing a `TypeError` that names the
 * option at fault; `tableNames` checks and quotes the table in the store's dialect.
 */
export function sqlStoreSettings(
  store: string,
  options: SqlStoreOptions,
  tableNames: (table: unknown) => TableNames,
): SqlStoreSettings {
  const { table = DEFAULT_TABLE, now = Date.now, sweepIntervalMs = 300_000 } = options;
  if (typeof now !== "function") throw new TypeError(`${store}: \`now\` must be a function.`);
  if (!Number.isFinite(sweepIntervalMs) || sweepIntervalMs < 0) {
    throw new TypeError(`${store}: \`sweepIntervalMs\` must be a number of ms >= 0 (0 turns it off).`);
  }
  return { table: tableNames(table), now, sweepIntervalMs };
}

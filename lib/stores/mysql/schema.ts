/**
 * The MySQL store's tables, in the SQL both MySQL 8 and MariaDB accept. Lookups go through
 * SHA-256 digests (`BINARY(32)`), never through the text columns: see `store.ts`. A grants table
 * of an earlier version is brought up to date by {@link mysqlUpgradeStatement}.
 */
import { DEFAULT_TABLE } from "../sql/settings.js";
import { tableNames, type TableNames } from "../sql/table-names.js";

/** Checks `table` and quotes its parts for MySQL; a `TypeError` names `table`. */
export function mysqlTableNames(table: unknown): TableNames {
  return tableNames(table, "MySqlTokenStore", "database", quote);
}

/**
 * The SQL {@link MySqlTokenStore.migrate} runs, for apps that manage their schema with their own
 * migration tool: two `CREATE TABLE IF NOT EXISTS` statements, each ending in `;`. Idempotent.
 * Throws a `TypeError` when `table` is not a valid identifier.
 */
export function mysqlTokenStoreSchema(table = DEFAULT_TABLE): string {
  return mysqlSchemaStatements(mysqlTableNames(table))
    .map((statement) => `${statement};\n`)
    .join("");
}

/**
 * The statements of {@link mysqlTokenStoreSchema}, one by one, for tables already checked.
 * One grant per user is the contract (`issue` supersedes the rest), so the user's digest is the
 * primary key: two concurrent issues for one user queue on that one row, with no lock to take
 * first. Indexes are declared inside CREATE TABLE, the only idempotent form MySQL 8 has.
 */
export function mysqlSchemaStatements(t: TableNames): string[] {
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
${CODE_COLUMNS.map(([, definition]) => `  ${definition},`).join("\n")}
  PRIMARY KEY (user_key),
  UNIQUE KEY grant_key (grant_key),
  ${CODE_KEY},
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

/**
 * The columns a `"link+code"` grant keeps its code in (`Grant.code`): the code's lookup digest,
 * its id and its hash. Tables made before 1.0 lack them; {@link mysqlUpgradeStatement} adds them.
 */
const CODE_COLUMNS: ReadonlyArray<[name: string, definition: string]> = [
  ["code_key", "code_key BINARY(32) NULL COMMENT 'SHA-256 of code, NUL, code_id'"],
  ["code_id", "code_id TEXT NULL"],
  ["code_hash", "code_hash VARBINARY(255) NULL"],
];
const CODE_KEY = "UNIQUE KEY code_key (code_key)";

/** The columns {@link mysqlUpgradeStatement} may add, for the caller to look up. */
export const UPGRADE_COLUMNS: readonly string[] = CODE_COLUMNS.map(([name]) => name);

/**
 * The `ALTER TABLE` that brings a grants table of an earlier version up to this one, given the
 * columns it already has; `undefined` when it needs nothing. MySQL 8 has no `ADD COLUMN IF NOT
 * EXISTS`, so the caller reads the columns first (`information_schema`).
 */
export function mysqlUpgradeStatement(t: TableNames, present: ReadonlySet<string>): string | undefined {
  const missing = CODE_COLUMNS.filter(([name]) => !present.has(name));
  if (missing.length === 0) return undefined;
  const adds = missing.map(([, definition]) => `ADD COLUMN ${definition}`);
  if (!present.has("code_key")) adds.push(`ADD ${CODE_KEY}`);
  return `ALTER TABLE ${t.grants} ${adds.join(", ")}`;
}

// Only ever called on names tableNames() checked, which hold no backtick to escape.
function quote(identifier: string): string {
  return `\`${identifier}\``;
}

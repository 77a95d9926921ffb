/**
 * The PostgreSQL store's tables: a grant per (kind, id), indexed by user, by retention and by its
 * code (a `"link+code"` grant is found by its code too), and the attempt counters. Quoted
 * identifiers keep the case the app wrote. Tables of earlier versions gain the newer columns
 * (`ADD COLUMN IF NOT EXISTS`), so the same SQL upgrades them.
 */
import { DEFAULT_TABLE } from "../sql/settings.js";
import { tableNames, type TableNames } from "../sql/table-names.js";

/** Checks `table` and quotes its parts for PostgreSQL; a `TypeError` names `table`. */
export function postgresTableNames(table: unknown): TableNames {
  return tableNames(table, "PostgresTokenStore", "schema", quote);
}

/**
 * The SQL {@link PostgresTokenStore.migrate} runs, for apps that manage their schema with their
 * own migration tool. Idempotent. Throws a `TypeError` when `table` is not a valid identifier.
 */
export function postgresTokenStoreSchema(table = DEFAULT_TABLE): string {
  const t = postgresTableNames(table);
  const index = (suffix: string) => quote(`${t.name}_${suffix}`);
  return `CREATE TABLE IF NOT EXISTS ${t.grants} (
  kind text NOT NULL,
  id text NOT NULL,
  user_id text NOT NULL,
  identifier_type text NOT NULL,
  identifier_value text NOT NULL,
  hash text NOT NULL,
  redirect_url text,
  binding text,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  retain_until bigint NOT NULL,
  claimed_until bigint NOT NULL DEFAULT 0,
  code_id text,
  code_hash text,
  PRIMARY KEY (kind, id)
);
ALTER TABLE ${t.grants} ADD COLUMN IF NOT EXISTS binding text;
ALTER TABLE ${t.grants} ADD COLUMN IF NOT EXISTS code_id text;
ALTER TABLE ${t.grants} ADD COLUMN IF NOT EXISTS code_hash text;
CREATE INDEX IF NOT EXISTS ${index("user_idx")} ON ${t.grants} (user_id);
CREATE INDEX IF NOT EXISTS ${index("code_idx")} ON ${t.grants} (code_id) WHERE code_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ${index("retain_idx")} ON ${t.grants} (retain_until);
CREATE TABLE IF NOT EXISTS ${t.attempts} (
  key text PRIMARY KEY,
  count integer NOT NULL,
  window_ends_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index("attempts_window_idx")} ON ${t.attempts} (window_ends_at);
`;
}

// Only ever called on names tableNames() checked, which hold no double quote to escape.
function quote(identifier: string): string {
  return `"${identifier}"`;
}

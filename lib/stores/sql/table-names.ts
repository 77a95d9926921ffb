/**
 * The table names of the SQL stores, checked once at construction. A name is letters, digits and
 * `_`, not starting with a digit, at most 40 characters a part, optionally qualified by a schema
 * (PostgreSQL) or database (MySQL): short enough that `<name>_attempts` and the index names stay
 * within PostgreSQL's 63-byte and MySQL's 64-character limits instead of being silently truncated,
 * and with no character that quoting would have to escape.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

/** A store's tables, as quoted, qualified identifiers safe to put in SQL text. */
export interface TableNames {
  /** The schema or database the table is qualified with, if any. */
  qualifier: string | undefined;
  /** The table's own name, unquoted. */
  name: string;
  /** The grants table. */
  grants: string;
  /** The attempt counters' table, `<name>_attempts`. */
  attempts: string;
}

/**
 * Checks `table` and quotes its parts with `quote` (which only ever sees names that passed the
 * check). `store` and `qualifier` name the store and what may qualify the table in the error.
 */
export function tableNames(
  table: unknown,
  store: string,
  qualifier: "schema" | "database",
  quote: (identifier: string) => string,
): TableNames {
  const parts = typeof table === "string" ? table.split(".") : [];
  if (parts.length < 1 || parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new TypeError(
      `${store}: \`table\` must be a SQL identifier (letters, digits and _, not starting with a digit, ` +
        `at most 40 characters), optionally ${qualifier}-qualified like "auth.password_reset_tokens"; got ${JSON.stringify(table)}.`,
    );
  }
  const [prefix, name] =
    parts.length === 2 ? [parts[0], parts[1] as string] : [undefined, parts[0] as string];
  const qualify = (n: string) => (prefix ? `${quote(prefix)}.${quote(n)}` : quote(n));
  return { qualifier: prefix, name, grants: qualify(name), attempts: qualify(`${name}_attempts`) };
}

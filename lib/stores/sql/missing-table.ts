/**
 * A table that was never created answers every statement with the driver's "relation … does not
 * exist" / "Table … doesn't exist", and the first statement a request runs is a rate limit's, so
 * the app's log said a rate limit failed and nothing pointed at the fix. The stores' pools are
 * wrapped so that such an error names it: the error itself is kept (its code, `errno` and stack,
 * which the retry logic and the app's own handling read), its message gains the hint.
 */

/** PostgreSQL's `undefined_table`, MySQL's and MariaDB's `ER_NO_SUCH_TABLE`. */
function isMissingTable(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return code === "42P01" || code === "ER_NO_SUCH_TABLE" || errno === 1146;
}

/**
 * PostgreSQL's `undefined_column`, MySQL's and MariaDB's `ER_BAD_FIELD_ERROR`: a table made by an
 * earlier version, which `migrate()` brings up to date.
 */
function isMissingColumn(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return code === "42703" || code === "ER_BAD_FIELD_ERROR" || errno === 1054;
}

/** `error`, its message naming `migrate()` when it says a table or column is missing; always rethrown. */
function withHint(store: string, schema: string, error: unknown): never {
  const missing = isMissingTable(error)
    ? "were never created"
    : isMissingColumn(error)
      ? "are of an earlier version"
      : "";
  if (missing !== "" && !(error as Error).message.includes("migrate()")) {
    (error as Error).message =
      `${(error as Error).message} — the store's tables ${missing}: call \`await store.migrate()\` ` +
      `(${store}) once at startup, before serving, or run the SQL of \`${schema}()\` in your own migrations.`;
  }
  throw error;
}

/** Runs `call`, naming `migrate()` in a missing-table error (see the module comment). */
export async function namingMigrate<T>(store: string, schema: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    return withHint(store, schema, error);
  }
}

/**
 * A grant as a row of either SQL store's grants table, read back. The two tables differ in their
 * keys (PostgreSQL: kind and id; MySQL: digests) but hold the grant in the same columns.
 */
import type { Grant, GrantKind, IdentifierType } from "../../types.js";

/** The columns {@link rowToGrant} reads, in the order a `SELECT` lists them. */
export const GRANT_COLUMNS =
  "kind, id, user_id, identifier_type, identifier_value, hash, redirect_url, binding, created_at, expires_at, retain_until, code_id, code_hash";

/** The grant a row of {@link GRANT_COLUMNS} holds. */
export function rowToGrant(row: Record<string, unknown>): Grant {
  const grant: Grant = {
    kind: text(row.kind) as GrantKind,
    id: text(row.id),
    userId: text(row.user_id),
    identifier: { type: text(row.identifier_type) as IdentifierType, value: text(row.identifier_value) },
    hash: text(row.hash),
    // Both drivers may return BIGINT as a string; epoch ms fit a double exactly.
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    retainUntil: Number(row.retain_until),
  };
  if (row.redirect_url !== null && row.redirect_url !== undefined) grant.redirectUrl = text(row.redirect_url);
  if (row.binding !== null && row.binding !== undefined) grant.binding = text(row.binding);
  // A grant with a code (`delivery.email: "link+code"`) keeps it in two columns beside the link's.
  if (
    row.code_id !== null &&
    row.code_id !== undefined &&
    row.code_hash !== null &&
    row.code_hash !== undefined
  ) {
    grant.code = { id: text(row.code_id), hash: text(row.code_hash) };
  }
  return grant;
}

// mysql2 returns VARBINARY as a Buffer; every other text column, in both drivers, is a string.
function text(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}

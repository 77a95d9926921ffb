/**
 * A grant as a row of either SQL store's grants table, read back. The two tables differ in their
 * keys (PostgreSQL: kind and id; MySQL: digests) but hold the grant in the same columns.
 */
import type { Grant, GrantKind, IdentifierType } from "../../types.js";

/** The grant a row of the grant columns holds (the same names in both SQL stores). */
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

/**
 * The grant of a row that a lookup answers whether or not the grant exists (its stand-in's values
 * where there is none, and a `found` column), or null for a stand-in. Both are read the same way,
 * so a miss costs what a hit does; only `found` decides, never the values.
 */
export function foundGrant(row: Record<string, unknown> | undefined): Grant | null {
  if (!row) return null;
  const grant = rowToGrant(row);
  // PostgreSQL answers a boolean, MySQL 1 or 0 (a number, or a string from some drivers).
  return row.found === true || Number(row.found) === 1 ? grant : null;
}

/** Hex characters of a stand-in's hash: as long as a real one, all zeros, which no HMAC gives. */
export const STAND_IN_HASH = "0".repeat(64);

// mysql2 returns VARBINARY as a Buffer; every other text column, in both drivers, is a string.
function text(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}

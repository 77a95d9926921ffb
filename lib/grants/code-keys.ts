/**
 * Where a code is kept and what its hash is, in one place, so the grant built when a code is sent
 * and the lookup made when it comes back agree by construction.
 */
import type { Identifier } from "../types.js";
import { identifierKey } from "../keys.js";
import { bareCodeId, hashCode } from "../tokens.js";

/** The store id and hash of a code. */
export interface CodeLookup {
  id: string;
  hash: string;
}

/**
 * Where a code sent under any of the rotated `secrets` (newest first) would be: one lookup per
 * distinct id (codes stored under their identifier share one), every hash it may carry.
 */
export function codeLookups(
  secrets: readonly string[],
  withoutIdentifier: boolean,
  identifier: Identifier | null,
  code: string,
): { ids: string[]; hashes: string[] } {
  const lookups = secrets.map((secret) => codeLookup(secret, withoutIdentifier, identifier, code));
  return { ids: [...new Set(lookups.map((l) => l.id))], hashes: lookups.map((l) => l.hash) };
}

/**
 * A code is stored under its identifier, hashed with it (so the digits are worthless for any other
 * account). With the `codes.withoutIdentifier` opt-in it is stored under a keyed hash of the digits
 * alone, whatever identifier comes with it.
 */
export function codeLookup(
  secret: string,
  withoutIdentifier: boolean,
  identifier: Identifier | null,
  code: string,
): CodeLookup {
  if (withoutIdentifier || !identifier) {
    const id = bareCodeId(secret, code);
    return { id, hash: id };
  }
  return { id: identifierKey(identifier), hash: hashCode(secret, identifier, code) };
}

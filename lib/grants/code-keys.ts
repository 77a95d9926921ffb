/**
 * Where a code is kept and what its hash is, in one place, so the grant built when a code is sent
 * and the lookup made when it comes back agree by construction.
 */
import type { Identifier } from "../types.js";
import { identifierKey } from "../keys.js";
import { tagged, type RealmKey } from "../realm.js";
import { bareCodeId, hashCode } from "../tokens.js";

/** The store id and hash of a code. */
export interface CodeLookup {
  id: string;
  hash: string;
}

/**
 * Where a code sent under any of the realm's rotated keys (`realm.keys`, newest first) would be:
 * one lookup per distinct id, every hash it may carry.
 */
export function codeLookups(
  keys: readonly RealmKey[],
  withoutIdentifier: boolean,
  identifier: Identifier | null,
  code: string,
): { ids: string[]; hashes: string[] } {
  const lookups = keys.map((key) => codeLookup(key, withoutIdentifier, identifier, code));
  return { ids: [...new Set(lookups.map((l) => l.id))], hashes: lookups.map((l) => l.hash) };
}

/**
 * A code is stored under its identifier, tagged with the realm (so a router sharing the store keeps
 * its own code for the same identifier), and hashed with it (so the digits are worthless for any
 * other account). With the `codes.withoutIdentifier` opt-in it is stored under a keyed hash of the
 * digits alone, whatever identifier comes with it.
 */
export function codeLookup(
  key: RealmKey,
  withoutIdentifier: boolean,
  identifier: Identifier | null,
  code: string,
): CodeLookup {
  if (withoutIdentifier || !identifier) {
    const id = bareCodeId(key, code);
    return { id, hash: id };
  }
  return { id: tagged(key, identifierKey(identifier)), hash: hashCode(key, identifier, code) };
}

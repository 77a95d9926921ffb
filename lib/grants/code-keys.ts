/**
 * Where a code is kept and what its hash is, in one place, so the grant built when a code is sent
 * and the lookup made when it comes back agree by construction.
 */
import type { Identifier } from "../types.js";
import { identifierKey } from "../keys.js";
import type { Settings } from "../settings/settings.js";
import { bareCodeId, hashCode } from "../tokens.js";

/** The store id and hash of a code. */
export interface CodeLookup {
  id: string;
  hash: string;
}

/**
 * Where a code sent under any of the rotated keys would be, newest key first: one lookup per
 * distinct id (codes stored under their identifier share one), every hash it may carry.
 */
export function codeLookups(
  settings: Settings,
  identifier: Identifier | null,
  code: string,
): { ids: string[]; hashes: string[] } {
  const lookups = settings.secrets.map((secret) => codeLookup({ ...settings, secret }, identifier, code));
  return { ids: [...new Set(lookups.map((l) => l.id))], hashes: lookups.map((l) => l.hash) };
}

/**
 * A code is stored under its identifier, hashed with it (so the digits are worthless for any other
 * account). With the `codesWithoutIdentifier` opt-in it is stored under a keyed hash of the digits
 * alone, whatever identifier comes with it.
 */
export function codeLookup(settings: Settings, identifier: Identifier | null, code: string): CodeLookup {
  if (settings.codesWithoutIdentifier || !identifier) {
    const id = bareCodeId(settings.secret, code);
    return { id, hash: id };
  }
  return { id: identifierKey(identifier), hash: hashCode(settings.secret, identifier, code) };
}

/**
 * Where a code is kept and what its hash is, in one place, so the grant built when a code is sent
 * and the lookup made when it comes back agree by construction.
 */
import { createHmac } from "node:crypto";
import type { Grant, Identifier } from "../types.js";
import { identifierKey } from "../keys.js";
import { tagged, type RealmKey } from "../realm.js";
import { bareCodeId, hashCode, hashesEqual } from "../tokens.js";

/**
 * Hex characters of a code's stored hash that hold the HMAC of its digits (192 bits); the last 16
 * hold the tag of its origin, the network that asked for it. The hash keeps the length and alphabet
 * of every other hash, so any store, a user's own included, keeps it as it is: no new field to drop.
 */
const DIGITS_HEX = 48;

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

/**
 * The code a grant holds: a code grant's own id and hash, or the code of a `"link+code"` grant
 * (`Grant.code`); `null` for a grant no code opens.
 */
export function codeOf(grant: Grant): CodeLookup | null {
  if (grant.kind === "code") return { id: grant.id, hash: grant.hash };
  return grant.code ? { id: grant.code.id, hash: grant.code.hash } : null;
}

/**
 * The tag of the network a code was asked for from: a keyed hash, different for every grant, from
 * which no one without the secret can tell the network (or that two codes came from one).
 */
export function originTag(key: RealmKey, grant: Pick<Grant, "id" | "createdAt">, network: string): string {
  return createHmac("sha256", key.key)
    .update(`origin\u0000${grant.id}\u0000${grant.createdAt}\u0000${network}`, "utf8")
    .digest("hex")
    .slice(DIGITS_HEX);
}

/** A code's hash as stored: the HMAC of its digits, its tail replaced by its origin's tag. */
export function withOrigin(hash: string, tag: string): string {
  return hash.slice(0, DIGITS_HEX) + tag;
}

/**
 * A presented code's hash as `stored` would read were the digits right: its digits' part, then the
 * stored grant's origin tag. Comparing that with `stored` compares the digits alone.
 */
export function asStored(presented: string, stored: string): string {
  return presented.slice(0, DIGITS_HEX) + stored.slice(DIGITS_HEX);
}

/** Whether `network` is where the code of `grant` was asked for, under any of the rotated keys. */
export function fromOrigin(keys: readonly RealmKey[], grant: Grant, network: string): boolean {
  const stored = grant.hash.slice(DIGITS_HEX);
  // Every key is tried, found or not, so the work does not tell which one matched.
  return keys
    .map((key) => hashesEqual(stored, originTag(key, grant, network)))
    .reduce((any, match) => any || match, false);
}

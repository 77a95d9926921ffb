/**
 * Credential stamps (`ResetUser.stamp`): a grant remembers a keyed hash of the account's stamp at
 * issue, and a claim refuses it once the account's stamp differs, so a grant dies the moment the
 * password or the address changes elsewhere, with no `revokeUser` call.
 *
 * The hash rides in the grant's `binding`, which every store (and a user's own) already keeps as
 * an opaque string, so no store or table changes: `<bindTo hash>~<stamp hash>`, either part
 * possibly empty. Only the part before `~` is the `bindTo` binding.
 */
import { realmHash, type Realm, type RealmKey } from "../realm.js";
import { hashesEqual } from "../tokens.js";
import type { Grant } from "../types.js";

const SEPARATOR = "~";

/** The keyed hash of `stamp` for the account `userId` under one realm key. */
function stampHash(key: RealmKey, userId: string, stamp: string): string {
  return realmHash(key, "stamp", userId, stamp);
}

/** A grant's `binding` with the stamp's hash added (the binding as it was when there is no stamp). */
export function withStamp(
  binding: string | undefined,
  realm: Realm,
  userId: string,
  stamp: string | undefined,
): string | undefined {
  if (stamp === undefined) return binding;
  return `${binding ?? ""}${SEPARATOR}${stampHash(realm.keys[0], userId, stamp)}`;
}

/** The `bindTo` part of a stored `binding`, `undefined` when it has none. */
export function bindingOf(binding: string | undefined): string | undefined {
  if (binding === undefined) return undefined;
  const part = binding.split(SEPARATOR)[0] ?? "";
  return part === "" ? undefined : part;
}

/** The stamp part of a stored `binding`, `undefined` when it has none. */
function stampOf(binding: string | undefined): string | undefined {
  if (binding === undefined) return undefined;
  const at = binding.indexOf(SEPARATOR);
  return at === -1 ? undefined : binding.slice(at + 1);
}

/** The stamp part of `binding` joined to a new `bindTo` hash (a reset session keeps its grant's stamp). */
export function keepStamp(newBinding: string | undefined, from: string | undefined): string | undefined {
  const stamp = stampOf(from);
  return stamp === undefined ? newBinding : `${newBinding ?? ""}${SEPARATOR}${stamp}`;
}

/**
 * True when `grant` was issued under the stamp the account has now (`userId` the app's id): both
 * without one, or the same under any of the realm's rotated keys. A stamp that appeared or vanished
 * since is a change.
 */
export function stampUnchanged(
  grant: Grant,
  realm: Realm,
  userId: string,
  stamp: string | undefined,
): boolean {
  const kept = stampOf(grant.binding);
  if (kept === undefined || stamp === undefined) return kept === undefined && stamp === undefined;
  return realm.keys
    .map((key) => hashesEqual(kept, stampHash(key, userId, stamp)))
    .reduce((any, match) => any || match, false);
}

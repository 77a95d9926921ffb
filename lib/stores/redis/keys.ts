/**
 * The Redis store's key layout, one layout for a single Redis and a cluster.
 *
 * On a cluster a script may only touch keys of one hash slot, and a `{tag}` in a key name picks the
 * slot. A user's grants and the index of them therefore live together under the user's tag:
 *
 * - `<prefix>{u:<H>}:g:<kind>:<id>` — the grant (a hash: JSON, hash, retainUntil, claimedUntil),
 * - `<prefix>{u:<H>}:grants` — the set of the user's grant keys, so supersede and `revokeUser`
 *   need no scan,
 *
 * where `<H>` is 128 bits of SHA-256 of the user id ({@link userTag}). A grant is looked up by its
 * public id alone (link selector, code key, session jti), which the core builds and which cannot
 * carry the user's tag. So a small **locator** key per grant, `<prefix>loc:<kind>:<id>` →
 * `<H>.<nonce>` (in whatever slot its name hashes to), says which user slot holds it; `store.ts`
 * says why it is only ever a routing hint. Attempt counters are `<prefix>attempt:<key>`, one key
 * each.
 */
import { createHash } from "node:crypto";
import type { GrantKind } from "../../types.js";

/** The names of every key the store writes, under one prefix. */
export class RedisKeys {
  readonly #prefix: string;

  /** Names keys under `prefix` (the store's `prefix` option). */
  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** The locator of the grant `ref`: which user slot holds it. */
  locator(ref: string): string {
    return `${this.#prefix}loc:${ref}`;
  }

  // The `{u:<tag>}` comes right after the prefix in every key of a user's slot, so even a prefix
  // with a `{` of its own puts them all in one slot.
  /** The grant `ref` in the slot of the user tagged `tag`. */
  grant(tag: string, ref: string): string {
    return `${this.#prefix}{u:${tag}}:g:${ref}`;
  }

  /** The set of a user's grant keys, in the same slot as the grants. */
  index(tag: string): string {
    return `${this.#prefix}{u:${tag}}:grants`;
  }

  /** The attempt counter `key` (rate limits and code guesses). */
  attempt(key: string): string {
    return `${this.#prefix}attempt:${key}`;
  }
}

/** How a grant is named in locators and in the user index: `<kind>:<id>`. */
export function grantRef(kind: GrantKind, id: string): string {
  return `${kind}:${id}`;
}

/** 128 bits of SHA-256 of the user id: spreads users over the slots, never collides in practice. */
export function userTag(userId: string): string {
  return createHash("sha256").update(`user\0${userId}`).digest("base64url").slice(0, 22);
}

/** A tag no user has (another hash domain), for the lookup of an unknown grant. */
export function absentTag(ref: string): string {
  return createHash("sha256").update(`absent\0${ref}`).digest("base64url").slice(0, 22);
}

/**
 * Reset secrets: link tokens, codes and the hashes the store keeps of them.
 *
 * A link token is `<selector>.<verifier>`: the selector (128 bits) is the public lookup key, the
 * verifier (256 bits) is the secret. The store keeps only an HMAC of the verifier under the realm's
 * key (see realm.ts), and the verifier is checked with a constant-time comparison, so neither a
 * store leak, nor response timing, nor another router sharing the store gets a usable token.
 */
import { createHash, randomFillSync, randomInt, timingSafeEqual } from "node:crypto";
import { identifierKey } from "./keys.js";
import { realmHash, type Realm, type RealmKey } from "./realm.js";
import type { Identifier } from "./types.js";

const SELECTOR_BYTES = 16;
const VERIFIER_BYTES = 32;
const TOKEN_PATTERN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** A freshly made link token and what the store keeps of it. */
export interface LinkToken {
  /** What goes into the link. */
  token: string;
  /** The store key. */
  selector: string;
  /** The keyed hash of the verifier ({@link linkHash}), hex. */
  hash: string;
}

const TOKEN_BYTES = SELECTOR_BYTES + VERIFIER_BYTES;
/**
 * Random bytes for 64 tokens, drawn from the CSPRNG at once: one `randomFillSync` per 64 forgot
 * requests instead of two per request (the dearest step of a forgot after the collector). Each
 * token's bytes are used once, then zeroed, so the pool never holds a token already handed out.
 */
const pool = Buffer.alloc(TOKEN_BYTES * 64);
let taken = pool.length;

/** The next {@link TOKEN_BYTES} bytes of the pool, refilled from `crypto.randomFillSync` when spent. */
function tokenBytes(): Buffer {
  if (taken + TOKEN_BYTES > pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  const bytes = pool.subarray(taken, taken + TOKEN_BYTES);
  taken += TOKEN_BYTES;
  return bytes;
}

/**
 * What a link token is for: a reset link, or the "this wasn't me" link of a password-changed
 * notice. The purpose enters the hash, so a token of one kind is never accepted as the other.
 */
export type LinkPurpose = "link" | "report";

/** Makes a link token from `crypto.randomFillSync`, its hash under the realm's newest key. */
export function createLinkToken(realm: Realm, purpose: LinkPurpose = "link"): LinkToken {
  const bytes = tokenBytes();
  const selector = bytes.toString("base64url", 0, SELECTOR_BYTES);
  const verifier = bytes.toString("base64url", SELECTOR_BYTES);
  bytes.fill(0);
  return {
    token: `${selector}.${verifier}`,
    selector,
    hash: linkHash(realm.keys[0], purpose, selector, verifier),
  };
}

/**
 * Splits a presented link token into its selector and the hashes its verifier may be kept under
 * (one per rotated key of the realm); `null` when malformed.
 */
export function parseLinkToken(
  realm: Realm,
  token: string,
  purpose: LinkPurpose = "link",
): { selector: string; hashes: string[] } | null {
  const match = TOKEN_PATTERN.exec(token);
  const [, selector, verifier] = match ?? [];
  if (!selector || !verifier) return null;
  return { selector, hashes: realm.keys.map((key) => linkHash(key, purpose, selector, verifier)) };
}

/**
 * What the store keeps of a link: an HMAC of the whole token under the realm's key. Another
 * router's key (another `secret` or `accounts.namespace`) never produces it, so a link is worth
 * nothing on a router that shares the store but did not issue it.
 */
function linkHash(key: RealmKey, purpose: LinkPurpose, selector: string, verifier: string): string {
  return realmHash(key, purpose, selector, verifier);
}

/** A code of `length` digits, each uniform from `crypto.randomInt`. */
export function createCode(length: number): string {
  let code = "";
  for (let i = 0; i < length; i++) code += String(randomInt(10));
  return code;
}

/**
 * Keyed hash of a code, bound to its identifier: the same digits presented with another
 * account's identifier hash differently, so a code is worthless for any other account. The key
 * is the realm's (the router's `secret` and namespace): a code space of a million is no protection
 * against someone who has read the store, but an HMAC under a key they lack is.
 */
export function hashCode(key: RealmKey, identifier: Identifier, code: string): string {
  return realmHash(key, identifierKey(identifier), code);
}

/**
 * Store key and hash of a code looked up by itself (the `codes.withoutIdentifier` opt-in): an HMAC
 * of the code alone, so the store still never holds the digits.
 */
export function bareCodeId(key: RealmKey, code: string): string {
  return `bare:${realmHash(key, "bare", code)}`;
}

/** Keyed hash of a `bindTo` context, as a grant keeps it. */
export function bindingHash(key: RealmKey, binding: string): string {
  return realmHash(key, "bind", binding);
}

/** SHA-256, hex. */
export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Compares two hex hashes in constant time. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

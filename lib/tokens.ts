/**
 * Reset secrets: link tokens, codes and the hashes the store keeps of them.
 *
 * A link token is `<selector>.<verifier>`: the selector (128 bits) is the public lookup key, the
 * verifier (256 bits) is the secret. The store keeps only SHA-256 of the verifier, and the
 * verifier is checked with a constant-time comparison, so neither a store leak nor response
 * timing gives an attacker a usable token.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { identifierKey } from "./keys.js";
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
  /** SHA-256 of the verifier, hex. */
  hash: string;
}

/** Makes a link token from `crypto.randomBytes`. */
export function createLinkToken(): LinkToken {
  const selector = randomBytes(SELECTOR_BYTES).toString("base64url");
  const verifier = randomBytes(VERIFIER_BYTES).toString("base64url");
  return { token: `${selector}.${verifier}`, selector, hash: sha256(verifier) };
}

/** Splits a presented link token into selector and verifier hash; `null` when malformed. */
export function parseLinkToken(token: string): { selector: string; hash: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match?.[1] || !match[2]) return null;
  return { selector: match[1], hash: sha256(match[2]) };
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
 * is the router's `secret`: a code space of a million is no protection against someone who has
 * read the store, but an HMAC under a key they lack is.
 */
export function hashCode(secret: string, identifier: Identifier, code: string): string {
  return createHmac("sha256", secret)
    .update(`${identifierKey(identifier)}\u0000${code}`, "utf8")
    .digest("hex");
}

/**
 * Store key and hash of a code looked up by itself (the `codes.withoutIdentifier` opt-in): an HMAC
 * of the code alone, so the store still never holds the digits.
 */
export function bareCodeId(secret: string, code: string): string {
  return `bare:${createHmac("sha256", secret).update(`bare\u0000${code}`, "utf8").digest("hex")}`;
}

/** Keyed hash of a `bindTo` context, as a grant keeps it. */
export function bindingHash(secret: string, binding: string): string {
  return createHmac("sha256", secret).update(`bind\u0000${binding}`, "utf8").digest("hex");
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

/**
 * Names of the counters kept in the token store. Identifiers and networks appear only as a keyed
 * hash (HMAC under the router's `secret`, or its realm's key, see realm.ts): every unknown email
 * anyone types would otherwise sit in the shared store for a whole window. Plain identifiers are
 * kept only in grants of real accounts.
 */
import { createHmac } from "node:crypto";
import type { Identifier, RateLimitName } from "./types.js";

/**
 * A keyed, shortened hash of `parts`, stable across instances that share the key (the `secret`, or
 * a realm's key: `RealmKey.key`).
 */
export function keyedHash(secret: string | Buffer, ...parts: string[]): string {
  return createHmac("sha256", secret).update(parts.join("\u0000"), "utf8").digest("base64url").slice(0, 27);
}

/** The counter of a rate limit for one subject (an identifier, a network, an account), under `secret`. */
export function limitKey(secret: string | Buffer, name: RateLimitName, subject: string): string {
  return `limit:${name}:${keyedHash(secret, "limit", subject)}`;
}

/** The store key of a code grant, and the subject of identifier limits: one per identifier. */
export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}:${identifier.value}`;
}

/**
 * Redirect origins, as plain functions of strings: what a bare origin is (for
 * `delivery.allowedRedirectOrigins`, a list at construction or a tenant's list at request time),
 * and which origin a redirect URL truly names. The string itself must begin with that origin, so
 * parser quirks (`https:evil`, `\\`, `user@host`, default ports spelled out) cannot smuggle in
 * another destination.
 */
import { validationError, type RequestError } from "./errors.js";

/** The origin of `value` when it is a bare origin (`scheme://host[:port]`, no path); else `undefined`. */
export function bareOrigin(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.origin !== "null" && url.origin === value.replace(/\/$/, "") ? url.origin : undefined;
}

/**
 * The bare origins of `value`, an array of them, as a set; else `bad`: the first entry that is no
 * bare origin (or `value` itself when it is no array), for the message naming the fix.
 */
export function bareOrigins(value: unknown): { origins: ReadonlySet<string> } | { bad: unknown } {
  if (!Array.isArray(value)) return { bad: value };
  const origins = new Set<string>();
  for (const entry of value as unknown[]) {
    const origin = bareOrigin(entry);
    if (origin === undefined) return { bad: entry };
    origins.add(origin);
  }
  return { origins };
}

/**
 * The origin `value` sends a browser to, when it is an absolute http(s) URL without credentials
 * whose text begins with that origin; `undefined` for anything a redirect must never be.
 */
export function redirectOrigin(value: string): string | undefined {
  if (value.includes("\\") || /\s/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username !== "" || url.password !== "") {
    return undefined;
  }
  const rest = value.slice(url.origin.length);
  return value.toLowerCase().startsWith(url.origin.toLowerCase()) &&
    (rest === "" || "/?#".includes(rest[0] ?? ""))
    ? url.origin
    : undefined;
}

/** True when `value` is an absolute http(s) URL on one of `allowedOrigins`, with no credentials. */
export function isAllowed(value: string, allowedOrigins: ReadonlySet<string>): boolean {
  // Most routers allow no origin at all: nothing to parse then.
  if (allowedOrigins.size === 0) return false;
  const origin = redirectOrigin(value);
  return origin !== undefined && allowedOrigins.has(origin);
}

/** The 400 a redirect off the allowed origins gets, naming the field as the client sent it. */
export function redirectRefused(field: string): RequestError {
  return validationError([{ field, message: `${field} is not an allowed redirect destination` }]);
}

/**
 * The router's rate limits: fixed windows on the token store's own atomic counter, so limits live
 * wherever grants live (memory, Redis, PostgreSQL) and several instances sharing a store share them
 * with nothing else to set up. Identifier limits are keyed on the normalised identifier, never on
 * whether the account exists, so known and unknown accounts get byte-identical 429s.
 */
import { RequestError } from "./errors.js";
import { limitKey } from "./keys.js";
import type { Scope } from "./scope.js";
import type { RateLimitName } from "./types.js";

/**
 * Limits that count an identifier or an account belong to the realm (see realm.ts): a staff
 * router's budget for `ops-admin` is not spent by a customer router's requests for its own
 * `ops-admin`. Per-network limits and the SMS budget are the app's, whatever the realm.
 */
const REALM_LIMITS: ReadonlySet<RateLimitName> = new Set(["forgotPerIdentifier"]);

/**
 * Counts one request of `subject` against the limit `name`; throws `RATE_LIMITED` with
 * `Retry-After` (the seconds left in the window) once the window's points are spent. The store is
 * an adapter like any other: bounded in time, and a failure fails the request closed. A limit taken
 * after the answer (in a background delivery) gives the `reason` its `rate_limited` event says,
 * since no answer will report the refusal.
 */
export async function takeLimit(
  scope: Scope,
  name: RateLimitName,
  subject: string,
  reason?: string,
): Promise<void> {
  const { settings, store } = scope.runtime;
  const rule = settings.limits.rules[name];
  if (!rule) return;
  const key = limitKey(
    REALM_LIMITS.has(name) ? scope.realm.keys[0].key : settings.keys.secret,
    name,
    subject,
  );
  const windowMs = rule.durationSeconds * 1000;
  const { count, resetAt } = await scope.call(`rateLimit.${name}`, () => store.countAttempt(key, windowMs));
  if (count > rule.points) {
    if (reason !== undefined) scope.emit("rate_limited", { reason });
    throw rateLimited(resetAt - settings.advanced.now(), windowMs);
  }
}

/** A `RATE_LIMITED` error telling the client to come back in `msLeft` (within one window). */
export function rateLimited(msLeft: number, windowMs: number): RequestError {
  const seconds = Math.min(Math.ceil(windowMs / 1000), Math.max(1, Math.ceil(msLeft / 1000)));
  return new RequestError("RATE_LIMITED", { headers: { "Retry-After": String(seconds) } });
}

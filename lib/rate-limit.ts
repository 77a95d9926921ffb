/**
 * Rate limits, with rate-limiter-flexible. Limiters come from the token store when it offers
 * them (Redis, PostgreSQL: limits shared by every instance) and are in memory otherwise.
 * Identifier limits are keyed on the normalised identifier, never on whether the account
 * exists, so known and unknown accounts get byte-identical 429s.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { RequestError } from "./errors.js";
import type { ResolvedConfig } from "./options.js";

/** The router's limiters; `null` where a limit is turned off. */
export interface Limiters {
  forgotPerIdentifier: RateLimiterAbstract | null;
  forgotPerIp: RateLimiterAbstract | null;
  verifyResetPerIp: RateLimiterAbstract | null;
}

const KEY_PREFIXES: Record<keyof Limiters, string> = {
  forgotPerIdentifier: "pwreset_forgot_id",
  forgotPerIp: "pwreset_forgot_ip",
  verifyResetPerIp: "pwreset_verify_reset_ip",
};

/** Builds the limiters the config asks for. */
export function createLimiters(config: ResolvedConfig): Limiters {
  const build = (name: keyof Limiters): RateLimiterAbstract | null => {
    const rule = config.rateLimit[name];
    if (!rule) return null;
    const spec = { keyPrefix: KEY_PREFIXES[name], points: rule.points, duration: rule.durationSeconds };
    return config.store.createRateLimiter?.(spec) ?? new RateLimiterMemory(spec);
  };
  return {
    forgotPerIdentifier: build("forgotPerIdentifier"),
    forgotPerIp: build("forgotPerIp"),
    verifyResetPerIp: build("verifyResetPerIp"),
  };
}

/**
 * Spends one point of `key` on `limiter`; throws `RATE_LIMITED` with `Retry-After` when none
 * is left. A backend failure propagates as an ordinary error (the request fails closed).
 */
export async function consume(limiter: RateLimiterAbstract | null, key: string): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new RequestError("RATE_LIMITED", { headers: { "Retry-After": String(seconds) } });
  }
}

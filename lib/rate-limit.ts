/**
 * Rate limits, with rate-limiter-flexible. Limiters come from the token store when it offers
 * them (Redis, PostgreSQL: limits shared by every instance) and are in memory otherwise.
 * Identifier limits are keyed on the normalised identifier, never on whether the account
 * exists, so known and unknown accounts get byte-identical 429s.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { RequestError } from "./errors.js";
import type { FlowContext } from "./context.js";
import type { EventInput } from "./events.js";
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
 * Spends one point of `key` on the named limiter; throws `RATE_LIMITED` with `Retry-After` when
 * none is left. The limiter's backend is an adapter like any other: bounded by `adapterTimeoutMs`,
 * and a failure is reported and fails the request closed.
 */
export async function consume(
  ctx: FlowContext,
  name: keyof Limiters,
  key: string,
  event: Partial<EventInput>,
): Promise<void> {
  const limiter = ctx.limiters[name];
  if (!limiter) return;
  const refusal = await ctx.call(`rateLimit.${name}`, event, [], async () => {
    try {
      await limiter.consume(key);
      return null;
    } catch (rejection) {
      // rate-limiter-flexible rejects with a RateLimiterRes when the limit is reached, and with an
      // Error when its backend fails: only the latter is a failure.
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    }
  });
  if (refusal) {
    const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw new RequestError("RATE_LIMITED", { headers: { "Retry-After": String(seconds) } });
  }
}

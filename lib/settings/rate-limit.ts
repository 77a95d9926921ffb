/**
 * `rateLimit`: `false`, or rules overriding the defaults one by one, and the IPv6 prefix clients are
 * grouped by (which code guess budgets use too, so it holds even with every limit off).
 */
import { PasswordResetConfigError } from "../config-error.js";
import type { RateLimitName, RateLimitRule } from "../types.js";
import { RATE_LIMIT_NAMES } from "../vocabulary.js";
import { integer, isObject, rejectUnknownKeys } from "./checks.js";
import type { GivenOptions } from "./given.js";
import type { LimitSettings } from "./settings.js";

const DEFAULT_LIMITS: Readonly<Record<RateLimitName, RateLimitRule>> = {
  forgotPerIdentifier: { points: 3, durationSeconds: 900 },
  forgotPerIp: { points: 20, durationSeconds: 900 },
  verifyResetPerIp: { points: 20, durationSeconds: 900 },
  smsPerWindow: { points: 1000, durationSeconds: 3600 },
};

/** Resolves `rateLimit`. */
export function resolveRateLimit(given: GivenOptions): LimitSettings {
  const ipv6Subnet = integer(...given.entry("rateLimit.ipv6Subnet"), 56, 16, 128);
  if (given.get("rateLimit") === false) {
    const off = { forgotPerIdentifier: null, forgotPerIp: null, verifyResetPerIp: null, smsPerWindow: null };
    return { rules: off, ipv6Subnet };
  }
  const rules: Record<RateLimitName, RateLimitRule | null> = { ...DEFAULT_LIMITS };
  for (const name of RATE_LIMIT_NAMES) {
    const rule = given.get(`rateLimit.${name}`);
    if (rule === undefined) continue;
    rules[name] = rule === false ? null : resolveRule(name, rule);
  }
  return { rules, ipv6Subnet };
}

function resolveRule(name: RateLimitName, rule: unknown): RateLimitRule {
  if (!isObject(rule)) {
    throw new PasswordResetConfigError(
      `rateLimit.${name}`,
      "must be false or `{ points, durationSeconds }`.",
    );
  }
  rejectUnknownKeys(`rateLimit.${name}.`, rule, ["points", "durationSeconds"]);
  const fallback = DEFAULT_LIMITS[name];
  return {
    points: integer(`rateLimit.${name}.points`, rule.points, fallback.points, 1, 1_000_000),
    durationSeconds: integer(
      `rateLimit.${name}.durationSeconds`,
      rule.durationSeconds,
      fallback.durationSeconds,
      1,
      86400 * 7,
    ),
  };
}

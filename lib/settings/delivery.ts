/** `delivery`: link or code by email, link lifetime, redirect origins, SMS countries, the report page. */
import { PasswordResetConfigError } from "../config-error.js";
import { integer, oneOf } from "./checks.js";
import { resolveLinkUrl } from "./core.js";
import type { GivenOptions } from "./given.js";
import type { DeliverySettings, ReportUrlSetting } from "./settings.js";
import { bareOrigins } from "../origins.js";
import type { RedirectOriginsFunction } from "../types.js";

/** Resolves `delivery`. */
export function resolveDelivery(given: GivenOptions): DeliverySettings {
  return {
    email: oneOf(...given.entry("delivery.email"), ["link", "code", "link+code"], "link"),
    linkTtlMs: integer(...given.entry("delivery.linkTtlSeconds"), 3600, 60, 7 * 86400) * 1000,
    allowedRedirectOrigins: resolveOrigins(...given.entry("delivery.allowedRedirectOrigins")),
    smsCountries: resolveSmsCountries(...given.entry("delivery.smsCountries")),
    reportUrl: resolveLinkUrl(...given.entry("delivery.reportUrl")) as ReportUrlSetting,
  };
}

/**
 * `delivery.allowedRedirectOrigins` (spelled `name`): bare origins only, so a path or credentials
 * cannot sneak in; or the app's function of `{ tenant }`, whose answers tenants.ts checks the same way.
 */
function resolveOrigins(name: string, value: unknown): ReadonlySet<string> | RedirectOriginsFunction {
  if (value === undefined) return new Set();
  if (typeof value === "function") return value as RedirectOriginsFunction;
  const read = bareOrigins(value);
  if ("origins" in read) return read.origins;
  throw new PasswordResetConfigError(
    name,
    Array.isArray(value)
      ? `must hold bare origins (scheme://host[:port], no path); got ${JSON.stringify(read.bad)}.`
      : 'must be an array of origins such as ["https://app.example.com"], or a function of { tenant } ' +
          "returning the tenant's array (a record of tenants is `({ tenant }) => table[tenant]`).",
  );
}

/** `delivery.smsCountries` (spelled `name`): calling-code prefixes, or `null` for every country. */
function resolveSmsCountries(name: string, value: unknown): readonly string[] | null {
  if (value === undefined) return null;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((p) => typeof p !== "string" || !/^\+[1-9]\d{0,3}$/.test(p))
  ) {
    throw new PasswordResetConfigError(
      name,
      'must be a non-empty array of calling-code prefixes such as ["+1", "+44"].',
    );
  }
  return [...(value as string[])];
}

/** `delivery`: link or code by email, link lifetime, redirect origins, SMS countries, the report page. */
import { PasswordResetConfigError } from "../config-error.js";
import { integer, oneOf } from "./checks.js";
import { resolveLinkUrl } from "./core.js";
import type { GivenOptions } from "./given.js";
import type { DeliverySettings, ReportUrlSetting } from "./settings.js";

/** Resolves `delivery`. */
export function resolveDelivery(given: GivenOptions): DeliverySettings {
  return {
    email: oneOf(...given.entry("delivery.email"), ["link", "code"], "link"),
    linkTtlMs: integer(...given.entry("delivery.linkTtlSeconds"), 3600, 60, 7 * 86400) * 1000,
    allowedRedirectOrigins: resolveOrigins(...given.entry("delivery.allowedRedirectOrigins")),
    smsCountries: resolveSmsCountries(...given.entry("delivery.smsCountries")),
    reportUrl: resolveLinkUrl(...given.entry("delivery.reportUrl")) as ReportUrlSetting,
  };
}

/** `delivery.allowedRedirectOrigins` (spelled `name`): bare origins only, so a path or credentials cannot sneak in. */
function resolveOrigins(name: string, value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) {
    throw new PasswordResetConfigError(
      name,
      'must be an array of origins such as ["https://app.example.com"].',
    );
  }
  return new Set(
    value.map((origin: unknown) => {
      let url: URL | undefined;
      try {
        url = typeof origin === "string" ? new URL(origin) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || url.origin === "null" || url.origin !== String(origin).replace(/\/$/, "")) {
        throw new PasswordResetConfigError(
          name,
          `must hold bare origins (scheme://host[:port], no path); got ${JSON.stringify(origin)}.`,
        );
      }
      return url.origin;
    }),
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

/**
 * Resolvers for the options that need more than a type check: identifiers, the reset URL, the
 * secret, rate limits, redirect origins, paths and the logger. Each returns plain data.
 */
import { PasswordResetConfigError } from "../errors.js";
import type { Logger, RateLimitName, RateLimitRule, IdentifierType } from "../types.js";
import { IDENTIFIER_TYPES, RATE_LIMIT_NAMES, ROUTE_NAMES } from "../vocabulary.js";
import { integer, isObject, rejectUnknownKeys, suggest } from "./checks.js";
import { normalizePath } from "./paths.js";
import type { CoreRouteName, ResetUrlSetting, RoutePaths } from "./settings.js";

const DEFAULT_LIMITS: Readonly<Record<RateLimitName, RateLimitRule>> = {
  forgotPerIdentifier: { points: 3, durationSeconds: 900 },
  forgotPerIp: { points: 20, durationSeconds: 900 },
  verifyResetPerIp: { points: 20, durationSeconds: 900 },
  smsPerWindow: { points: 1000, durationSeconds: 3600 },
};

/** `identifiers`: a non-empty list of known types [`["email"]`]. */
export function resolveIdentifiers(value: unknown): ReadonlySet<IdentifierType> {
  if (value === undefined) return new Set(["email"]);
  if (!Array.isArray(value) || value.length === 0) {
    throw new PasswordResetConfigError(
      "identifiers",
      'must be a non-empty array of "email", "mobile", "username".',
    );
  }
  for (const type of value) {
    if (!(IDENTIFIER_TYPES as readonly unknown[]).includes(type)) {
      // `phone` is a request field (an alias of mobile), not a type: point at the type it means.
      const hint =
        suggest(String(type), ["phone"]) !== ""
          ? ' Did you mean `mobile`? ("phone" is accepted as a request field for it.)'
          : suggest(String(type), IDENTIFIER_TYPES);
      throw new PasswordResetConfigError(
        "identifiers",
        `has an unknown type ${JSON.stringify(type)}; use "email", "mobile" or "username".${hint}`,
      );
    }
  }
  return new Set(value as IdentifierType[]);
}

/**
 * `resetUrl`: a function, or an absolute http(s) URL. Required only when links can be sent (email
 * delivery by link with a mailer). With `NODE_ENV=production`, plain `http:` is refused except for
 * loopback hosts: a reset link sent over http can be read and used by anyone on the path.
 */
export function resolveResetUrl(value: unknown, required: boolean): ResetUrlSetting {
  if (typeof value === "function") {
    return { kind: "function", build: value as Extract<ResetUrlSetting, { kind: "function" }>["build"] };
  }
  if (value === undefined) {
    if (required) {
      throw new PasswordResetConfigError(
        "resetUrl",
        'is required: the page the emailed link opens, e.g. "https://app.example.com/reset-password".',
      );
    }
    return { kind: "none" };
  }
  if (typeof value !== "string") {
    throw new PasswordResetConfigError("resetUrl", "must be a URL string or a function returning the link.");
  }
  let base: URL;
  try {
    base = new URL(value);
  } catch {
    throw new PasswordResetConfigError(
      "resetUrl",
      `must be an absolute URL such as "https://app.example.com/reset-password"; got ${JSON.stringify(value)}.`,
    );
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new PasswordResetConfigError("resetUrl", "must be an http: or https: URL.");
  }
  if (base.protocol === "http:" && process.env.NODE_ENV === "production" && !isLoopback(base.hostname)) {
    throw new PasswordResetConfigError(
      "resetUrl",
      `must be an https: URL in production (NODE_ENV=production); got ${JSON.stringify(value)}. Links sent over http: can be read on the way.`,
    );
  }
  return { kind: "url", base: base.href };
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** `logger`: an object with `warn` and `error` [console]. */
export function resolveLogger(value: unknown): Logger {
  if (value === undefined) return console;
  if (!isObject(value) || typeof value.warn !== "function" || typeof value.error !== "function") {
    throw new PasswordResetConfigError(
      "logger",
      "must have `warn` and `error` methods (and optionally `info`).",
    );
  }
  return value as unknown as Logger;
}

/** `rateLimit`: `false`, or rules overriding the defaults one by one. */
export function resolveRateLimit(value: unknown): Record<RateLimitName, RateLimitRule | null> {
  if (value === false) {
    return { forgotPerIdentifier: null, forgotPerIp: null, verifyResetPerIp: null, smsPerWindow: null };
  }
  const resolved: Record<RateLimitName, RateLimitRule | null> = { ...DEFAULT_LIMITS };
  if (value === undefined) return resolved;
  if (!isObject(value)) {
    throw new PasswordResetConfigError(
      "rateLimit",
      "must be false or an object such as `{ forgotPerIdentifier: { points: 3, durationSeconds: 900 } }`.",
    );
  }
  rejectUnknownKeys("rateLimit.", value, RATE_LIMIT_NAMES);
  for (const name of RATE_LIMIT_NAMES) {
    const rule = value[name];
    if (rule === undefined) continue;
    if (rule === false) {
      resolved[name] = null;
      continue;
    }
    if (!isObject(rule)) {
      throw new PasswordResetConfigError(
        `rateLimit.${name}`,
        "must be false or `{ points, durationSeconds }`.",
      );
    }
    rejectUnknownKeys(`rateLimit.${name}.`, rule, ["points", "durationSeconds"]);
    const fallback = DEFAULT_LIMITS[name];
    resolved[name] = {
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
  return resolved;
}

/** `allowedRedirectOrigins`: bare origins only, so a path or credentials cannot sneak in. */
export function resolveOrigins(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) {
    throw new PasswordResetConfigError(
      "allowedRedirectOrigins",
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
          "allowedRedirectOrigins",
          `must hold bare origins (scheme://host[:port], no path); got ${JSON.stringify(origin)}.`,
        );
      }
      return url.origin;
    }),
  );
}

/**
 * `paths`: one distinct path per route, normalised as the router compares them. Routes may share
 * a path only when `shared` (a `parseRequest` is given to tell them apart). `check` has no default:
 * it answers only where it is given a path.
 */
export function resolvePaths(value: unknown, shared: boolean): RoutePaths {
  const paths: Record<CoreRouteName, string> & { check?: string } = {
    forgot: "/forgot",
    verify: "/verify",
    reset: "/reset",
  };
  if (value === undefined) return paths;
  if (!isObject(value))
    throw new PasswordResetConfigError("paths", "must be an object `{ forgot, verify, reset, check }`.");
  rejectUnknownKeys("paths.", value, ROUTE_NAMES);
  for (const route of ROUTE_NAMES) {
    const path = value[route];
    if (path === undefined) continue;
    if (typeof path !== "string" || !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path)) {
      throw new PasswordResetConfigError(
        `paths.${route}`,
        `must be a path starting with "/", such as "/${route}".`,
      );
    }
    paths[route] = normalizePath(path);
  }
  const all = Object.values(paths);
  if (!shared && new Set(all).size !== all.length) {
    throw new PasswordResetConfigError(
      "paths",
      "must give each route its own path. Routes may share a path only with `parseRequest`, which says which route each request is.",
    );
  }
  return paths;
}

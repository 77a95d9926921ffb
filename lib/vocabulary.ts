/**
 * The lists that several parts of the package must agree on, each kept once as an `as const`
 * array: the public types in `types.ts` are derived from them, so a name added here is a name
 * everywhere (option checks, request reading, sessions) and cannot drift.
 */

/** The kinds of identifier a user can reset by. */
export const IDENTIFIER_TYPES = ["email", "mobile", "username"] as const;

/**
 * The router's routes. `check` (is this link or code still good? spending nothing) answers only
 * where `http.paths.check` is configured.
 */
export const ROUTE_NAMES = ["forgot", "verify", "reset", "check"] as const;

/** Every request field the package reads under its own name; `aliases` may rename them. */
export const REQUEST_FIELDS = [
  "email",
  "mobile",
  "username",
  "identifierType",
  "identifierValue",
  "token",
  "code",
  "resetToken",
  "requestToken",
  "password",
  "passwordConfirm",
  "redirectUrl",
] as const;

/** The router's rate limits, by option name. */
export const RATE_LIMIT_NAMES = [
  "forgotPerIdentifier",
  "forgotPerIp",
  "verifyResetPerIp",
  "smsPerWindow",
] as const;

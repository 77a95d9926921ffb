/**
 * The lists that several parts of the package must agree on, each kept once as an `as const`
 * array: the public types in `types.ts` are derived from them, so a name added here is a name
 * everywhere (option checks, request reading, sessions) and cannot drift. Likewise the field
 * length limits, which the request readers and the OpenAPI document both state.
 */

/** The kinds of identifier a user can reset by. */
export const IDENTIFIER_TYPES = ["email", "mobile", "username"] as const;

/**
 * The router's routes. `check` (is this link or code still good? spending nothing) answers only
 * where `http.paths.check` is configured; `report` takes the "this wasn't me" link of a
 * password-changed notice.
 */
export const ROUTE_NAMES = ["forgot", "verify", "reset", "check", "report"] as const;

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
  "otp",
] as const;

/** The router's rate limits, by option name. */
export const RATE_LIMIT_NAMES = [
  "forgotPerIdentifier",
  "forgotPerIp",
  "verifyResetPerIp",
  "smsPerWindow",
] as const;

/**
 * The longest value, in characters, the package accepts in each bounded request field: the
 * readers in `http/` refuse a longer one, and the OpenAPI document states the same bound.
 */
export const FIELD_MAX_LENGTHS = {
  email: 254,
  username: 128,
  token: 512,
  code: 64,
  resetToken: 4096,
  requestToken: 4096,
  password: 1024,
  passwordConfirm: 1024,
  redirectUrl: 2048,
  // A TOTP or recovery code is short; a WebAuthn assertion as JSON is a few kB.
  otp: 8192,
} as const satisfies Partial<Record<(typeof REQUEST_FIELDS)[number], number>>;

/**
 * The router's option names. `satisfies Record<keyof PasswordResetOptions, true>` makes the
 * compiler refuse this list when it misses or invents an option, so unknown-key checks cannot drift
 * from the public type.
 */
import type { PasswordResetOptions } from "../types.js";

const KNOWN = {
  users: true,
  appName: true,
  mailer: true,
  sms: true,
  resetUrl: true,
  identifiers: true,
  normalizeIdentifier: true,
  delivery: true,
  tokenStore: true,
  secret: true,
  linkTtlSeconds: true,
  codeTtlSeconds: true,
  sessionTtlSeconds: true,
  codeLength: true,
  maxCodeAttempts: true,
  password: true,
  hashPassword: true,
  bcryptRounds: true,
  rateLimit: true,
  revealUnknownUser: true,
  allowedRedirectOrigins: true,
  afterReset: true,
  onEvent: true,
  logger: true,
  formatResponse: true,
  paths: true,
  parseRequest: true,
  now: true,
  aliases: true,
  fields: true,
  authorize: true,
  requestTokens: true,
  codesWithoutIdentifier: true,
  bindTo: true,
  ipv6Subnet: true,
  smsCountries: true,
  bodyTimeoutMs: true,
  maxBodyBytes: true,
  adapterTimeoutMs: true,
  pages: true,
} satisfies Record<keyof PasswordResetOptions, true>;

/** Every option name of {@link PasswordResetOptions}. */
export const OPTION_KEYS: readonly string[] = Object.keys(KNOWN);

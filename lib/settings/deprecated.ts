/**
 * The 0.2 spellings and how each becomes its 1.0 form: the path it moved to, and for the options
 * whose shape changed, how its value is checked (under the name the app used) and adapted — a hook
 * taking positional arguments is wrapped once into one taking a context object, milliseconds become
 * seconds, `bcryptRounds` becomes a `bcryptHasher`. The flows only ever see the 1.0 shape.
 */
import { PasswordResetConfigError } from "../config-error.js";
import { BCRYPT_ROUNDS, bcryptHasher } from "../policy/bcrypt.js";
import type {
  AfterResetContext,
  AuthorizeContext,
  DeprecatedOptions,
  DeprecatedPasswordPolicy,
  FormatResponseContext,
  PasswordRuleContext,
  RawIdentifier,
  RequestContext,
} from "../types.js";
import { integer } from "./checks.js";

/** How one 0.2 spelling maps onto 1.0. */
export interface Deprecation {
  /** The 1.0 path the value moved to, e.g. `codes.maxAttempts`. */
  readonly to: string;
  /** The 1.0 spelling as the warning shows it, when it says more than `to`. [`to`] */
  readonly use?: string;
  /** What the warning adds after the 1.0 spelling (a change of unit or of kind). [nothing] */
  readonly note?: string;
  /** Checks the 0.2 value under the name `name` the app used, and turns it into the 1.0 value. */
  readonly upgrade?: (value: unknown, name: string) => unknown;
}

/**
 * 0.2's `hashPassword`, a bare function where 1.0 takes a `PasswordHasher`; kept apart because its
 * byte limit differs (72 by default, up to 4096 when `password.maxBytes` asks for it).
 */
export class HashFunction {
  /** The app's `hashPassword`. */
  readonly hash: (plain: string) => Promise<string>;

  /** Wraps `hash`. */
  constructor(hash: (plain: string) => Promise<string>) {
    this.hash = hash;
  }
}

type Fn<Args extends unknown[], Result> = (...args: Args) => Result;

/** Checks a 0.2 function option and wraps it once into its 1.0 shape. */
function hook<Args extends unknown[], Result, Context>(
  adapt: (fn: Fn<Args, Result>) => (context: Context) => Result,
): (value: unknown, name: string) => unknown {
  return (value, name) => {
    if (typeof value !== "function") throw new PasswordResetConfigError(name, "must be a function.");
    return adapt(value as Fn<Args, Result>);
  };
}

/** A 0.2 duration in milliseconds, checked in its own range, as 1.0 seconds. */
function milliseconds(min: number, max: number): (value: unknown, name: string) => unknown {
  return (value, name) => integer(name, value, min, min, max) / 1000;
}

type DeprecatedKey = keyof DeprecatedOptions | `password.${keyof DeprecatedPasswordPolicy}`;
type Hook<K extends keyof DeprecatedOptions> = NonNullable<DeprecatedOptions[K]>;

/** Every 0.2 spelling, in the order its warning is logged. */
export const DEPRECATED = {
  identifiers: { to: "accounts.identifiers" },
  normalizeIdentifier: {
    to: "accounts.normalizeIdentifier",
    use: "accounts.normalizeIdentifier({ type, value })",
    upgrade: hook(
      (fn: Hook<"normalizeIdentifier">) =>
        ({ type, value }: RawIdentifier) =>
          fn(type, value),
    ),
  },
  revealUnknownUser: { to: "accounts.revealUnknown" },
  linkTtlSeconds: { to: "delivery.linkTtlSeconds" },
  allowedRedirectOrigins: { to: "delivery.allowedRedirectOrigins" },
  smsCountries: { to: "delivery.smsCountries" },
  codeTtlSeconds: { to: "codes.ttlSeconds" },
  codeLength: { to: "codes.length" },
  maxCodeAttempts: { to: "codes.maxAttempts" },
  requestTokens: { to: "codes.requestTokens" },
  codesWithoutIdentifier: { to: "codes.withoutIdentifier" },
  hashPassword: {
    to: "password.hasher",
    note: ", a PasswordHasher such as bcryptHasher() or scryptHasher()",
    upgrade: (value, name) => {
      if (typeof value !== "function") throw new PasswordResetConfigError(name, "must be a function.");
      return new HashFunction(value as Hook<"hashPassword">);
    },
  },
  bcryptRounds: {
    to: "password.hasher",
    use: "password.hasher: bcryptHasher({ rounds })",
    upgrade: (value, name) =>
      bcryptHasher({ rounds: integer(name, value, 0, BCRYPT_ROUNDS.min, BCRYPT_ROUNDS.max) }),
  },
  "password.validate": {
    to: "password.rule",
    use: "password.rule({ password, user })",
    upgrade: hook(
      (fn: NonNullable<DeprecatedPasswordPolicy["validate"]>) =>
        ({ password, user }: PasswordRuleContext) =>
          fn(password, user),
    ),
  },
  ipv6Subnet: { to: "rateLimit.ipv6Subnet" },
  paths: { to: "http.paths" },
  aliases: { to: "http.aliases" },
  fields: { to: "http.fields" },
  parseRequest: {
    to: "http.parseRequest",
    use: "http.parseRequest({ req, route, body })",
    upgrade: hook(
      (fn: Hook<"parseRequest">) =>
        ({ req, route, body }: RequestContext) =>
          fn(req, route, body),
    ),
  },
  formatResponse: {
    to: "http.formatResponse",
    use: "http.formatResponse({ outcome, req })",
    upgrade: hook(
      (fn: Hook<"formatResponse">) =>
        ({ outcome, req }: FormatResponseContext) =>
          fn(outcome, req),
    ),
  },
  authorize: {
    to: "http.authorize",
    use: "http.authorize({ req, route })",
    upgrade: hook(
      (fn: Hook<"authorize">) =>
        ({ req, route }: AuthorizeContext) =>
          fn(req, route),
    ),
  },
  bindTo: {
    to: "http.bindTo",
    use: "http.bindTo({ req, route, body })",
    upgrade: hook(
      (fn: Hook<"bindTo">) =>
        ({ req, route, body }: RequestContext) =>
          fn(req, route, body),
    ),
  },
  maxBodyBytes: { to: "http.maxBodyBytes" },
  bodyTimeoutMs: {
    to: "http.bodyTimeoutSeconds",
    note: ", in seconds",
    upgrade: milliseconds(100, 600_000),
  },
  sessionTtlSeconds: { to: "http.sessionTtlSeconds" },
  afterReset: {
    to: "hooks.afterReset",
    use: "hooks.afterReset({ user, req })",
    upgrade: hook(
      (fn: Hook<"afterReset">) =>
        ({ user, req }: AfterResetContext) =>
          fn(user, req),
    ),
  },
  onEvent: { to: "hooks.onEvent" },
  logger: { to: "advanced.logger" },
  now: { to: "advanced.now" },
  adapterTimeoutMs: {
    to: "advanced.adapterTimeoutSeconds",
    note: ", in seconds",
    upgrade: milliseconds(1, 600_000),
  },
} as const satisfies Record<DeprecatedKey, Deprecation>;

/** The warning for a 0.2 spelling in use, as express-rate-limit words its `max` → `limit`. */
export function deprecationWarning(key: string, deprecation: Deprecation): string {
  return (
    `express-password-reset: \`${key}\` is deprecated; use \`${deprecation.use ?? deprecation.to}\`` +
    `${deprecation.note ?? ""} (0.2 spellings keep working through 1.x).`
  );
}

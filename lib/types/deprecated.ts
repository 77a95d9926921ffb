/**
 * The 0.2 spellings of the options. Each keeps working through 1.x with its 0.2 signature; a router
 * given one logs one warning naming its 1.0 spelling. Giving both spellings of one option throws.
 * The upgrade table is in CHANGELOG.md ("Upgrading to 1.0").
 */
import type { Request } from "express";
import type { Schema } from "joi";
import type { IdentifierType, ResetUser } from "./adapters.js";
import type { Logger } from "./advanced.js";
import type { PasswordResetEvent } from "./hooks.js";
import type { FormattedResponse, Outcome, ParsedRequest, RequestField, RouteName } from "./http.js";

/** The 0.2 spelling inside `password`. */
export interface DeprecatedPasswordPolicy<User extends ResetUser = ResetUser> {
  /**
   * 0.2: the app's own rule, `(password, user)`.
   * @deprecated Use `password.rule({ password, user })`.
   */
  validate?(
    password: string,
    user: NoInfer<User>,
  ): string | void | undefined | Promise<string | void | undefined>;
}

/** The 0.2 top-level spellings of options that 1.0 keeps in a group. */
export interface DeprecatedOptions<User extends ResetUser = ResetUser> {
  /**
   * 0.2: identifier types accepted.
   * @deprecated Use `accounts.identifiers`.
   */
  identifiers?: IdentifierType[];
  /**
   * 0.2: replaces normalisation, `(type, raw)`.
   * @deprecated Use `accounts.normalizeIdentifier({ type, value })`.
   */
  normalizeIdentifier?: (type: IdentifierType, raw: string) => string;
  /**
   * 0.2: answer `NOT_FOUND` / `OPERATION_FAILED` from `forgot`.
   * @deprecated Use `accounts.revealUnknown`.
   */
  revealUnknownUser?: boolean;
  /**
   * 0.2: link lifetime in seconds.
   * @deprecated Use `delivery.linkTtlSeconds`.
   */
  linkTtlSeconds?: number;
  /**
   * 0.2: origins a `redirectUrl` may point to.
   * @deprecated Use `delivery.allowedRedirectOrigins`.
   */
  allowedRedirectOrigins?: string[];
  /**
   * 0.2: calling-code prefixes SMS may go to.
   * @deprecated Use `delivery.smsCountries`.
   */
  smsCountries?: string[];
  /**
   * 0.2: code lifetime in seconds.
   * @deprecated Use `codes.ttlSeconds`.
   */
  codeTtlSeconds?: number;
  /**
   * 0.2: digits in a code.
   * @deprecated Use `codes.length`.
   */
  codeLength?: number;
  /**
   * 0.2: wrong code guesses per identifier and network.
   * @deprecated Use `codes.maxAttempts`.
   */
  maxCodeAttempts?: number;
  /**
   * 0.2: forgot answers a request token.
   * @deprecated Use `codes.requestTokens`.
   */
  requestTokens?: boolean;
  /**
   * 0.2: codes looked up without an identifier (unsafe).
   * @deprecated Use `codes.withoutIdentifier`.
   */
  codesWithoutIdentifier?: boolean;
  /**
   * 0.2: hashes a password, `(plain) => Promise<string>`. Cannot be given with `password.hasher`.
   * @deprecated Use `password.hasher` (a PasswordHasher such as `bcryptHasher()` or `scryptHasher()`).
   */
  hashPassword?: (plain: string) => Promise<string>;
  /**
   * 0.2: bcrypt cost of the default hasher.
   * @deprecated Use `password.hasher: bcryptHasher({ rounds })`.
   */
  bcryptRounds?: number;
  /**
   * 0.2: IPv6 prefix length per-IP limits and budgets count by.
   * @deprecated Use `rateLimit.ipv6Subnet`.
   */
  ipv6Subnet?: number;
  /**
   * 0.2: route paths inside the mount point.
   * @deprecated Use `http.paths`.
   */
  paths?: { forgot?: string; verify?: string; reset?: string; check?: string };
  /**
   * 0.2: other names for request fields.
   * @deprecated Use `http.aliases`.
   */
  aliases?: Partial<Record<RequestField, string[]>>;
  /**
   * 0.2: extra body fields per route, as joi schemas.
   * @deprecated Use `http.fields`.
   */
  fields?: Partial<Record<RouteName, Record<string, Schema>>>;
  /**
   * 0.2: maps a client's request to the package's fields, `(req, route, body)`.
   * @deprecated Use `http.parseRequest({ req, route, body })`.
   */
  parseRequest?: (
    req: Request,
    route: RouteName,
    body: Readonly<Record<string, unknown>>,
  ) => ParsedRequest | undefined | Promise<ParsedRequest | undefined>;
  /**
   * 0.2: reshapes every response, `(outcome, req)`.
   * @deprecated Use `http.formatResponse({ outcome, req })`.
   */
  formatResponse?: (outcome: Outcome, req: Request) => FormattedResponse;
  /**
   * 0.2: whether a request may use the route, `(req, route)`.
   * @deprecated Use `http.authorize({ req, route })`.
   */
  authorize?: (req: Request, route: RouteName) => boolean | Promise<boolean>;
  /**
   * 0.2: binds grants to a context of the request, `(req, route, body)`.
   * @deprecated Use `http.bindTo({ req, route, body })`.
   */
  bindTo?: (
    req: Request,
    route: RouteName,
    body: Readonly<Record<string, unknown>>,
  ) => string | undefined | Promise<string | undefined>;
  /**
   * 0.2: largest accepted body in bytes.
   * @deprecated Use `http.maxBodyBytes`.
   */
  maxBodyBytes?: number;
  /**
   * 0.2: longest a body may take to arrive, in milliseconds.
   * @deprecated Use `http.bodyTimeoutSeconds` (in seconds).
   */
  bodyTimeoutMs?: number;
  /**
   * 0.2: reset session lifetime in seconds.
   * @deprecated Use `http.sessionTtlSeconds`.
   */
  sessionTtlSeconds?: number;
  /**
   * 0.2: runs after a successful reset, `(user, req)`.
   * @deprecated Use `hooks.afterReset({ user, req })`.
   */
  afterReset?: (user: NoInfer<User>, req: Request) => Promise<void | Record<string, unknown>>;
  /**
   * 0.2: receives audit events.
   * @deprecated Use `hooks.onEvent`.
   */
  onEvent?: (event: PasswordResetEvent) => void;
  /**
   * 0.2: log sink.
   * @deprecated Use `advanced.logger`.
   */
  logger?: Logger;
  /**
   * 0.2: clock in epoch ms.
   * @deprecated Use `advanced.now`.
   */
  now?: () => number;
  /**
   * 0.2: longest an adapter call may take, in milliseconds.
   * @deprecated Use `advanced.adapterTimeoutSeconds` (in seconds).
   */
  adapterTimeoutMs?: number;
}

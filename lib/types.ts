/**
 * The public types of express-password-reset: options, adapter interfaces, the token store,
 * events and response outcomes. Everything a user types against lives here.
 */
import type { NextFunction, Request, Response } from "express";
import type { Schema } from "joi";
import type { OpenApiDocument, OpenApiOptions } from "./openapi/types.js";
import type { PagesOptions } from "./pages/index.js";
import type { BreachedPasswordCheck, PasswordHasher } from "./policy/types.js";
import type { IDENTIFIER_TYPES, RATE_LIMIT_NAMES, REQUEST_FIELDS, ROUTE_NAMES } from "./vocabulary.js";

/** The kinds of identifier a user can reset by: `"email" | "mobile" | "username"`. */
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** A normalised identifier, as handed to {@link UserAdapter.findUser}. */
export interface Identifier {
  /** Which kind of identifier `value` is. */
  type: IdentifierType;
  /** Trimmed; email and username NFKC + lower-cased; mobile `+` and digits (E.164). */
  value: string;
}

/** A user record as the package needs it: the id and where to send messages. */
export interface ResetUser {
  /**
   * The app's own user id, a string or a number (a `serial` column), handed back to
   * {@link UserAdapter.updatePassword} exactly as given. Stores keep its string form.
   */
  id: string | number;
  /** Address reset mail is sent to (the stored one, never the one typed in the request). */
  email?: string;
  /** Number reset codes are sent to, E.164 (`+14155550100`). */
  mobile?: string;
  /** The account's username, if it has one. */
  username?: string;
  /** Display name, used in message templates. */
  name?: string;
}

/** The app's own user table, as the package sees it. */
export interface UserAdapter {
  /** Looks a user up by a normalised identifier; `null` when there is none. */
  findUser(identifier: Identifier): Promise<ResetUser | null>;
  /** Stores a new password hash (never a plain password) for the user, by the id `findUser` gave. */
  updatePassword(userId: ResetUser["id"], passwordHash: string): Promise<void>;
}

/** What {@link Mailer.sendPasswordReset} receives: a link or a code, never both. */
export interface PasswordResetMessage {
  /** The address on the user record. */
  to: string;
  /** The user the message is for. */
  user: ResetUser;
  /** The reset link (link delivery). */
  link?: string;
  /** The reset code (code delivery). */
  code?: string;
  /** When the link or code stops working. */
  expiresAt: Date;
  /** The allowed redirect URL the request carried, if any. */
  redirectUrl?: string;
}

/** What {@link Mailer.sendPasswordChanged} receives. It carries no token or password. */
export interface PasswordChangedMessage {
  /** The address on the user record. */
  to: string;
  /** The user whose password changed. */
  user: ResetUser;
  /** When the password was changed. */
  changedAt: Date;
}

/** Sends reset mail. */
export interface Mailer {
  /** Sends the reset link or code. */
  sendPasswordReset(message: PasswordResetMessage): Promise<void>;
  /** Optional: tells the user their password was changed. */
  sendPasswordChanged?(message: PasswordChangedMessage): Promise<void>;
}

/** What {@link SmsSender.sendPasswordResetCode} receives. */
export interface PasswordResetCodeSms {
  /** The number on the user record, E.164. */
  to: string;
  /** The user the code is for. */
  user: ResetUser;
  /** The reset code. */
  code: string;
  /** When the code stops working. */
  expiresAt: Date;
}

/** Sends reset codes by SMS. */
export interface SmsSender {
  /** Sends one reset code. */
  sendPasswordResetCode(message: PasswordResetCodeSms): Promise<void>;
  /**
   * Optional: tells the user by SMS that their password was changed. Used when the account has no
   * email address (or the mailer cannot send the notice). The message carries no token or password.
   */
  sendPasswordChanged?(message: PasswordChangedMessage): Promise<void>;
}

/** The three secrets a user can present: an emailed link token, a code, a verify-step session. */
export type GrantKind = "link" | "code" | "session";

/**
 * One outstanding reset secret, as a {@link TokenStore} keeps it. Only a hash of the secret is
 * stored; the secret itself exists only in the message sent to the user.
 */
export interface Grant {
  /** Which kind of secret this is. */
  kind: GrantKind;
  /** Lookup key: a link's public selector, a code's identifier key, a session's `jti`. */
  id: string;
  /** The user the grant resets. */
  userId: string;
  /** The identifier the user was found by; looked up again when the grant is used. */
  identifier: Identifier;
  /** Hex SHA-256 of the secret (salted and bound to the identifier for codes). */
  hash: string;
  /** Epoch ms the grant was issued. */
  createdAt: number;
  /** Epoch ms after which the grant answers `TOKEN_EXPIRED`. */
  expiresAt: number;
  /** Epoch ms after which the store may forget the grant entirely (it then answers `INVALID_TOKEN`). */
  retainUntil: number;
  /** The allowed redirect URL of the request that created the grant. */
  redirectUrl?: string;
  /** Keyed hash of the `bindTo` context of the request that created the grant. */
  binding?: string;
}

/** What {@link TokenStore.countAttempt} answers. */
export interface AttemptCount {
  /** Attempts counted against the key in the current window, this one included. */
  count: number;
  /** Epoch ms at which the current window ends (for `Retry-After`). */
  resetAt: number;
}

/**
 * Where grants live. Single use rests on {@link TokenStore.claim} being atomic inside the
 * backend: of any number of concurrent claims of one grant, at most one succeeds.
 * `express-password-reset/testing` exports a contract suite every store should pass.
 */
export interface TokenStore {
  /** Saves a grant and, in the same atomic step, deletes every other grant of `grant.userId`. */
  issue(grant: Grant): Promise<void>;
  /** The grant of that kind and id, expired or not, or `null` once it is gone or past `retainUntil`. */
  find(kind: GrantKind, id: string): Promise<Grant | null>;
  /**
   * Atomically marks the grant as in use for `leaseMs` when it exists, its hash is `hash`, and no
   * other claim holds it. Resolves `true` for exactly one of any concurrent callers.
   */
  claim(kind: GrantKind, id: string, hash: string, leaseMs: number): Promise<boolean>;
  /** Ends a claim without spending the grant (the password change failed). */
  release(kind: GrantKind, id: string, hash: string): Promise<void>;
  /** Deletes one grant. */
  remove(kind: GrantKind, id: string): Promise<void>;
  /** Deletes every grant of a user. */
  revokeUser(userId: string): Promise<void>;
  /**
   * Counts one attempt against `key` and returns the count within the window, which starts at
   * the first attempt and lasts `windowMs`, and when that window ends. Atomic: of `n` concurrent
   * calls on one key, each gets its own count from 1 to `n`. The router's rate limits and code
   * guess budgets are all built on this one counter.
   */
  countAttempt(key: string, windowMs: number): Promise<AttemptCount>;
  /** Forgets the attempts counted against `key`. */
  clearAttempts(key: string): Promise<void>;
  /** Optional: stops timers. Never closes a client the store was given. */
  close?(): Promise<void>;
}

/** A rate limit: `points` requests per `durationSeconds`. */
export interface RateLimitRule {
  /** Requests allowed per window. */
  points: number;
  /** Window length in seconds. */
  durationSeconds: number;
}

/** The names of the router's rate limits. */
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

/** Rate limits; each one may be `false` to turn it off. */
export interface RateLimitOptions {
  /** `POST /forgot` per normalised identifier. [3 per 900 s] */
  forgotPerIdentifier?: RateLimitRule | false;
  /** `POST /forgot` per client IP (`req.ip`). [20 per 900 s] */
  forgotPerIp?: RateLimitRule | false;
  /** `POST /verify` and `POST /reset` together, per client IP. [20 per 900 s] */
  verifyResetPerIp?: RateLimitRule | false;
  /**
   * Reset codes sent by SMS, all accounts together, so nobody can pump SMS to registered numbers at
   * your expense faster than this; refusals are `rate_limited` events (`reason: "sms_budget"`). [1000 per 3600 s]
   */
  smsPerWindow?: RateLimitRule | false;
}

/** Password policy. */
export interface PasswordPolicy {
  /** Minimum length in characters. [8] */
  minLength?: number;
  /**
   * Maximum length in UTF-8 bytes; longer passwords are refused, never truncated. At most 72 with
   * the default bcrypt hasher. [72, or the `hasher`'s limit]
   */
  maxBytes?: number;
  /** Whether `passwordConfirm` (or `confirmPassword`) is required. [true] */
  requireConfirmation?: boolean;
  /**
   * Refuse the most common passwords (49,000 from public breach corpora, case-insensitive, and
   * trivially decorated variants such as "Password1!"). [true]
   */
  commonPasswords?: boolean;
  /** A breached-password check, e.g. `haveIBeenPwned()`; its failures are `breach_check.failed` events. [none] */
  breached?: BreachedPasswordCheck;
  /** Minimum zxcvbn score (0–4) with the account's identifiers as inputs; needs `@zxcvbn-ts/core`. [0: off] */
  minStrength?: number;
  /**
   * The hasher of new passwords, e.g. `scryptHasher()` for passwords past bcrypt's 72 bytes;
   * `maxBytes` then defaults to the hasher's limit. [bcrypt at `bcryptRounds`, in worker threads]
   */
  hasher?: PasswordHasher;
  /**
   * Extra rule, run before the built-in checks (its message wins): returns an error message to
   * refuse the password, or nothing to accept it.
   */
  validate?(
    password: string,
    user: ResetUser,
  ): string | void | undefined | Promise<string | void | undefined>;
}

/**
 * The route names of the router: `"forgot" | "verify" | "reset" | "check"`. `check` answers only
 * where `paths.check` is configured.
 */
export type RouteName = (typeof ROUTE_NAMES)[number];

/** Every error type the HTTP API answers with. */
export type ErrorType =
  | "VALIDATION_ERROR"
  | "INVALID_TOKEN"
  | "TOKEN_EXPIRED"
  | "NOT_FOUND"
  | "UNAUTHORIZED"
  | "METHOD_NOT_ALLOWED"
  | "PAYLOAD_TOO_LARGE"
  | "REQUEST_TIMEOUT"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "OPERATION_FAILED"
  | "INTERNAL_ERROR";

/** One field-level problem in a `VALIDATION_ERROR`. */
export interface FieldError {
  /** The request field at fault. */
  field: string;
  /** What is wrong with it. */
  message: string;
}

/** The error part of an outcome. */
export interface OutcomeError {
  /** The error type. */
  type: ErrorType;
  /** A message safe to show to the client. */
  message: string;
  /** Field-level problems, for `VALIDATION_ERROR`. */
  details?: FieldError[];
}

/** What a route decided, before it is written as a response. `formatResponse` sees every one. */
export interface Outcome {
  /** The route that answered. */
  route: RouteName;
  /** The HTTP status the default envelope uses. */
  status: number;
  /** Whether the request succeeded. */
  success: boolean;
  /** The success payload. */
  data?: Record<string, unknown>;
  /** The error, when `success` is false. */
  error?: OutcomeError;
}

/** A response as `formatResponse` shapes it. */
export interface FormattedResponse {
  /** HTTP status. [the outcome's] */
  status?: number;
  /** Extra headers (the security headers are always set). */
  headers?: Record<string, string>;
  /** The JSON body. */
  body: unknown;
}

/** Names of the audit events. */
export type PasswordResetEventType =
  | "forgot.requested"
  | "forgot.unknown_user"
  | "delivery.sent"
  | "delivery.failed"
  | "verify.succeeded"
  | "reset.succeeded"
  | "notice.sent"
  | "notice.failed"
  | "request.refused"
  | "rate_limited"
  | "adapter.failed"
  | "breach_check.failed";

/** An audit event. It never holds a token, code, password or hash. */
export interface PasswordResetEvent {
  /** What happened. */
  type: PasswordResetEventType;
  /** Epoch ms, from the `now` option. */
  at: number;
  /** The route the event belongs to. */
  route?: RouteName;
  /** The client IP (`req.ip`). */
  ip?: string;
  /** The user concerned, once known. */
  userId?: string;
  /** The kind of identifier in the request. */
  identifierType?: IdentifierType;
  /** Delivery channel. */
  channel?: "email" | "sms";
  /** The kind of secret involved. */
  grant?: GrantKind;
  /** Why a request was refused or a step failed (an error type or a short reason). */
  reason?: string;
  /** The adapter operation that failed. */
  operation?: string;
  /** The error an adapter raised; its message is scrubbed of every secret of the request. */
  error?: { name: string; message: string };
}

/** Where the package writes its rare log lines. [console] */
export interface Logger {
  /** Informational lines. */
  info?(message: string): void;
  /** Warnings, such as a missing `secret` in production. */
  warn(message: string): void;
  /** Errors an adapter raised. */
  error(message: string): void;
}

/** What a `resetUrl` function receives. */
export interface ResetUrlContext {
  /** The link token to put in the URL. */
  token: string;
  /** The user the link is for. */
  user: ResetUser;
  /** The allowed redirect URL of the request, if any. */
  redirectUrl?: string;
}

/** Request fields the package reads, which {@link PasswordResetOptions.aliases} may rename. */
export type RequestField = (typeof REQUEST_FIELDS)[number];

/**
 * Request fields under the package's own names, as {@link PasswordResetOptions.parseRequest}
 * returns them; any other key is an extra field for the `fields` option. Values are checked as any
 * body's are (strings only, bounded), so a wrong type still answers `VALIDATION_ERROR`.
 */
export type RequestFields = { [F in RequestField]?: string } & Record<string, unknown>;

/** What {@link PasswordResetOptions.parseRequest} returns. */
export interface ParsedRequest {
  /** The request's fields under the package's names (aliases do not apply to them). */
  fields: RequestFields;
  /**
   * Which route the request is, where several share its path; it must be one of them. Elsewhere
   * it may be left out, or must name the path's own route. [the path's route]
   */
  route?: RouteName;
}

/** Options of {@link createPasswordResetRouter}. `undefined` always means "use the default". */
export interface PasswordResetOptions {
  /** The app's user table. Required. */
  users: UserAdapter;
  /** The app's name: shown on the hosted pages, and refused as part of a new password. [none] */
  appName?: string;
  /** Sends reset mail; required when email delivery is possible. */
  mailer?: Mailer;
  /** Sends reset codes by SMS; required when `identifiers` includes `mobile`. */
  sms?: SmsSender;
  /**
   * The page the emailed link opens. A string gets `?token=…` (and `redirect=…`) appended; a
   * function returns the whole link. Never built from the request's Host header.
   */
  resetUrl?: string | ((context: ResetUrlContext) => string);
  /** Identifier types accepted. [`["email"]`] */
  identifiers?: IdentifierType[];
  /**
   * Replaces the contract's normalisation (trim; NFKC + lower case for email and username; `+` and
   * digits for mobile), e.g. to turn national phone numbers into E.164 with a default country. The
   * result is still checked (a mobile must come out as `+` and 7 to 15 digits). The default is
   * exported as `normalizeIdentifier`, to wrap. [the contract's]
   */
  normalizeIdentifier?: (type: IdentifierType, raw: string) => string;
  /** How email is delivered: a link or a code. [`{ email: "link" }`] */
  delivery?: { email?: "link" | "code" };
  /** Where grants live. [a {@link MemoryTokenStore}] */
  tokenStore?: TokenStore;
  /**
   * Key for reset sessions (HS256), code hashes and counter names, at least 32 bytes, the same on
   * every instance. A list, newest first, rotates keys: the first signs and hashes, every one
   * verifies, so outstanding codes and sessions survive the roll. [random per process, warned in
   * production]
   */
  secret?: string | string[];
  /** Link lifetime in seconds. [3600] */
  linkTtlSeconds?: number;
  /** Code lifetime in seconds; also the window of the code attempt budget. [900] */
  codeTtlSeconds?: number;
  /** Reset session lifetime in seconds. [600] */
  sessionTtlSeconds?: number;
  /** Digits in a code. [6] */
  codeLength?: number;
  /** Wrong code guesses per identifier and window before codes die. [5] */
  maxCodeAttempts?: number;
  /** Password policy. */
  password?: PasswordPolicy;
  /** Hashes a password. [bcryptjs at cost `bcryptRounds`] */
  hashPassword?: (plain: string) => Promise<string>;
  /** bcrypt cost of the default `hashPassword`. [10] */
  bcryptRounds?: number;
  /** Rate limits, or `false` to turn them all off. */
  rateLimit?: RateLimitOptions | false;
  /** Answer `NOT_FOUND` / `OPERATION_FAILED` from `forgot` synchronously. Reveals accounts. [false] */
  revealUnknownUser?: boolean;
  /** Exact origins (`https://app.example.com`) a `redirectUrl` may point to. [none] */
  allowedRedirectOrigins?: string[];
  /** Runs after a successful reset; what it returns is merged into the response's `data`. */
  afterReset?: (user: ResetUser, req: Request) => Promise<void | Record<string, unknown>>;
  /** Receives audit events. */
  onEvent?: (event: PasswordResetEvent) => void;
  /** Log sink. [console] */
  logger?: Logger;
  /** Reshapes every response, errors included. */
  formatResponse?: (outcome: Outcome, req: Request) => FormattedResponse;
  /**
   * Route paths inside the mount point. [`/forgot`, `/verify`, `/reset`; `check` off] Each route
   * has its own path, except with `parseRequest`, which may serve several routes on one path and
   * says which route each request is.
   */
  paths?: {
    /** `POST`: ask for a link or code. [`/forgot`] */
    forgot?: string;
    /** `POST`: exchange a link token or code for a reset session. [`/verify`] */
    verify?: string;
    /** `POST`: set the new password. [`/reset`] */
    reset?: string;
    /**
     * `POST`: is this link token (or identifier + code) still good? Answers `{ valid: true }` or
     * the usual INVALID_TOKEN / TOKEN_EXPIRED, spending nothing; counts against `verifyResetPerIp`
     * and the code guess budget. [off]
     */
    check?: string;
  };
  /**
   * Maps any client's request to the package's own fields: nested bodies, arrays of `{ id, value }`,
   * values in the query or headers. Gets the body as read (by the router or the host's parser) and
   * the route the path names (on a shared path, the first of its routes in the order forgot, verify,
   * reset, check); returns `{ fields }`, plus `route` where routes share the path, or `undefined` to
   * read the body as it is. Runs before `authorize`, within `adapterTimeoutMs`; a throw, a timeout or
   * a malformed result answers 500 `INTERNAL_ERROR` with an `adapter.failed` event. The body and the
   * returned fields both pass the hostile-input check, then the same limits and typed reading as any
   * body: it can rename and move fields, never switch a check off. [none]
   */
  parseRequest?: (
    req: Request,
    route: RouteName,
    body: Readonly<Record<string, unknown>>,
  ) => ParsedRequest | undefined | Promise<ParsedRequest | undefined>;
  /** Clock in epoch ms. [Date.now] */
  now?: () => number;
  /**
   * Other names clients use for the package's request fields, e.g. `{ resetToken: ["sessionId"] }`.
   * A field under its own name wins over an alias. [none]
   */
  aliases?: Partial<Record<RequestField, string[]>>;
  /**
   * Extra body fields each route requires or checks, as joi schemas, e.g.
   * `{ reset: { brand: Joi.string().required() } }`. Failures answer `VALIDATION_ERROR`. [none]
   */
  fields?: Partial<Record<RouteName, Record<string, Schema>>>;
  /**
   * Decides whether a request may use the route at all (API keys, client ids, `Origin`). `false`
   * answers 401 `UNAUTHORIZED`. Runs before any field is read. [every request allowed]
   */
  authorize?: (req: Request, route: RouteName) => boolean | Promise<boolean>;
  /**
   * Answer forgot with `data.requestToken`: a signed token naming the identifier (not the account,
   * so known and unknown accounts get the same kind of answer). A code may then be presented with
   * it (body `requestToken` or `Authorization: Bearer`) instead of the identifier. [false]
   */
  requestTokens?: boolean;
  /**
   * UNSAFE opt-in for clients that send a code back without any identifier: codes are then looked up
   * by themselves, across all accounts. A guess is then a guess against every outstanding code, so
   * use a long `codeLength` and tight limits; guesses are budgeted per IP. [false]
   */
  codesWithoutIdentifier?: boolean;
  /**
   * Binds every grant to a context the app derives from the request that created it (a device id,
   * a client id): a later request presenting the grant must derive the same string, or it answers
   * INVALID_TOKEN. `undefined` means unbound. [none]
   */
  bindTo?: (
    req: Request,
    route: RouteName,
    body: Readonly<Record<string, unknown>>,
  ) => string | undefined | Promise<string | undefined>;
  /**
   * How per-IP limits and code budgets group IPv6 clients: by this prefix length, since one
   * subscriber holds a whole /56 or /64. IPv4-mapped IPv6 addresses always count as IPv4. [56]
   */
  ipv6Subnet?: number;
  /**
   * Country calling-code prefixes SMS may go to, e.g. `["+1", "+44"]`; a code for a number elsewhere
   * is not sent (a `delivery.failed` event, `reason: "sms_country"`). [every country]
   */
  smsCountries?: string[];
  /** Longest the router waits for a request body to arrive; a slower one answers 408. [10000] */
  bodyTimeoutMs?: number;
  /** Largest accepted request body in bytes. [16384] */
  maxBodyBytes?: number;
  /** Longest an adapter call (users, mailer, sms, store) may take before it counts as failed. [10000] */
  adapterTimeoutMs?: number;
  /**
   * Hosted pages: `GET` on `paths.forgot` and `paths.reset` answer HTML forms (translated, no
   * script, strict CSP, CSRF-protected), and a browser's form post gets a page back
   * (post/redirect/get); JSON clients get the envelope as before. Needs `resetUrl` as a string
   * naming the hosted reset page: public origin + mount path + `paths.reset`. `true` takes every
   * default; an object sets {@link PagesOptions}. [false]
   */
  pages?: boolean | PagesOptions;
}

/** Options of {@link PasswordResetRouter.sendResetLink}. */
export interface SendResetLinkOptions {
  /** Where the page should go after the reset; must be on `allowedRedirectOrigins`. [none] */
  redirectUrl?: string;
}

/**
 * What {@link PasswordResetRouter.sendResetLink} did: sent, or why not (`unknown_user`: no account;
 * `rate_limited`: the per-account budget is spent; `not_sent`: no address, SMS not allowed, or the
 * mailer failed — the events say which).
 */
export type SendResetLinkResult =
  { sent: true } | { sent: false; reason: "unknown_user" | "rate_limited" | "not_sent" };

/** The router returned by {@link createPasswordResetRouter}: Express middleware plus lifecycle. */
export interface PasswordResetRouter {
  /** Express middleware; mount it with `app.use(path, router)`. */
  (req: Request, res: Response, next: NextFunction): void;
  /** Resolves when every background delivery started so far has finished. */
  drain(): Promise<void>;
  /** Drains, then stops the package's timers so the process can exit. */
  close(): Promise<void>;
  /** Kills every outstanding token, code and reset session of a user. */
  revokeUser(userId: ResetUser["id"]): Promise<void>;
  /**
   * Sends a reset link (or code) as `forgot` would, started by the app itself (an admin's "send
   * reset link", an invitation): no HTTP, no per-IP limit; the same lookup, supersession, per-account
   * limit and events. A string is an email address. Resolves once the message is handed over; an
   * adapter that fails rejects; a malformed identifier throws a `TypeError`.
   */
  sendResetLink(
    identifier: Identifier | string,
    options?: SendResetLinkOptions,
  ): Promise<SendResetLinkResult>;
  /**
   * The OpenAPI 3.1 document of this router as configured: its paths (relative to the mount point
   * unless `options.mountPath` or `options.serverUrl` says where it is), request fields with their
   * aliases and `fields` extras, the envelope and every error type each route can answer with, and
   * the hosted pages when they are on. Plain data: serve it with `res.json(router.openapi())`.
   */
  openapi(options?: OpenApiOptions): OpenApiDocument;
}

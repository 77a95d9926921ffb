/**
 * The router's settings: every option checked and filled in, as plain data. Nothing here is
 * live (no store, pool, timer or compiled reader): `runtime.ts` builds and closes those.
 */
import type {
  FormattedResponse,
  IdentifierType,
  Logger,
  Mailer,
  Outcome,
  PasswordResetOptions,
  RateLimitName,
  RateLimitRule,
  RequestField,
  ResetUrlContext,
  ResetUser,
  RouteName,
  SmsSender,
  TokenStore,
  UserAdapter,
} from "../types.js";
import type { Request } from "express";
import type { Schema } from "joi";
import type { BreachedPasswordCheck, PasswordHasher } from "../policy/types.js";

/** Where a `resetUrl` string or function leads. */
export type ResetUrlSetting =
  | { kind: "url"; base: string }
  | { kind: "function"; build: (context: ResetUrlContext) => string }
  | { kind: "none" };

/** The routes that always answer: every route but `check`. */
export type CoreRouteName = Exclude<RouteName, "check">;

/** Each route's path; `check` is there only when configured. */
export type RoutePaths = Readonly<Record<CoreRouteName, string>> & { readonly check?: string };

/** One alias: a client's name for a package field. */
export interface AliasSetting {
  /** The name the client sends. */
  alias: string;
  /** The package field it stands for. */
  field: RequestField;
  /**
   * Built-in aliases (`phone`, `confirmPassword`, `redirect_url`) refuse a body that also sends the
   * field itself; the app's own aliases yield to it.
   */
  builtIn: boolean;
}

/** The new-password policy, filled in. */
export interface PasswordSettings {
  minLength: number;
  maxBytes: number;
  requireConfirmation: boolean;
  commonPasswords: boolean;
  breached: BreachedPasswordCheck | undefined;
  minStrength: number;
  /** The app's hasher object, if any (else bcrypt in the router's pool, or `hashPassword`). */
  hasher: PasswordHasher | undefined;
  validate: NonNullable<PasswordResetOptions["password"]>["validate"];
}

/** Every option, checked and filled in. */
export interface Settings {
  users: UserAdapter;
  appName: string | undefined;
  mailer: Mailer | undefined;
  sms: SmsSender | undefined;
  resetUrl: ResetUrlSetting;
  identifiers: ReadonlySet<IdentifierType>;
  normalizeIdentifier: (type: IdentifierType, raw: string) => string;
  emailDelivery: "link" | "code";
  /** The app's store, or `undefined` for the router's own memory store. */
  tokenStore: TokenStore | undefined;
  /** The newest key: signs sessions, hashes new codes and names counters. */
  secret: string;
  /** Every key, newest first: each one verifies. */
  secrets: readonly string[];
  linkTtlMs: number;
  codeTtlMs: number;
  sessionTtlMs: number;
  codeLength: number;
  maxCodeAttempts: number;
  password: PasswordSettings;
  /** The app's hasher, or `undefined` for bcrypt in the router's worker pool. */
  hashPassword: ((plain: string) => Promise<string>) | undefined;
  bcryptRounds: number;
  rateLimit: Readonly<Record<RateLimitName, RateLimitRule | null>>;
  revealUnknownUser: boolean;
  allowedRedirectOrigins: ReadonlySet<string>;
  afterReset: ((user: ResetUser, req: Request) => Promise<void | Record<string, unknown>>) | undefined;
  onEvent: PasswordResetOptions["onEvent"];
  logger: Logger;
  formatResponse: ((outcome: Outcome, req: Request) => FormattedResponse) | undefined;
  /** Route paths, normalised (lower case, no trailing slash); `check` only when configured. */
  paths: RoutePaths;
  /** The app's request mapper, if any. */
  parseRequest: PasswordResetOptions["parseRequest"];
  now: () => number;
  /** Built-in aliases first, then the app's. */
  aliases: readonly AliasSetting[];
  /** The `fields` option's joi schemas per route. */
  fields: Partial<Record<RouteName, Readonly<Record<string, Schema>>>>;
  authorize: PasswordResetOptions["authorize"];
  requestTokens: boolean;
  codesWithoutIdentifier: boolean;
  bindTo: PasswordResetOptions["bindTo"];
  ipv6Subnet: number;
  /** Allowed E.164 prefixes for SMS, or `null` for all. */
  smsCountries: readonly string[] | null;
  bodyTimeoutMs: number;
  maxBodyBytes: number;
  adapterTimeoutMs: number;
  /** How long a grant is kept past expiry, so a late click answers TOKEN_EXPIRED, not INVALID_TOKEN. */
  retainExpiredMs: number;
}

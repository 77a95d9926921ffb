/**
 * The router's settings: every option checked and filled in, as plain data, in slices — one per
 * option group, plus the keys — so a module is handed the slice it needs rather than all of them.
 * `pages` is not here: the pages resolve their own option behind their door (`pages/index.ts`).
 * Durations are in milliseconds here (options give seconds). Nothing here is live (no store, pool,
 * timer or compiled reader): `runtime.ts` builds and closes those. Every hook has the 1.0 shape
 * (one context object): 0.2 spellings were adapted once, when the options were read.
 */
import type { Schema } from "joi";
import type { BreachedPasswordCheck } from "../policy/types.js";
import type {
  AccountsOptions,
  AfterResetContext,
  AuthorizeContext,
  CompromiseReportedContext,
  FormattedResponse,
  FormatResponseContext,
  IdentifierType,
  Logger,
  Mailer,
  ParsedRequest,
  PasswordResetEvent,
  PasswordRuleContext,
  RateLimitName,
  SecondFactorOptions,
  RateLimitRule,
  RedirectOriginsFunction,
  RawIdentifier,
  RequestContext,
  RequestField,
  ReportUrlContext,
  ResetUrlContext,
  RouteName,
  SmsSender,
  TokenStore,
  UserAdapter,
} from "../types.js";

/** Where a `resetUrl` string or function leads. */
export type ResetUrlSetting =
  | { kind: "url"; base: string }
  | { kind: "function"; build: (context: ResetUrlContext) => string | Promise<string> }
  | { kind: "none" };

/** Where a `delivery.reportUrl` string or function leads. */
export type ReportUrlSetting =
  | { kind: "url"; base: string }
  | { kind: "function"; build: (context: ReportUrlContext) => string | Promise<string> }
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

/** The adapters and core values. */
export interface CoreSettings {
  readonly users: UserAdapter;
  readonly mailer: Mailer | undefined;
  readonly sms: SmsSender | undefined;
  /** The app's store, or `undefined` for the router's own memory store. */
  readonly tokenStore: TokenStore | undefined;
  readonly resetUrl: ResetUrlSetting;
  readonly appName: string | undefined;
}

/** `secret`, as keys. */
export interface KeySettings {
  /** The newest key: signs sessions, hashes new codes and names counters. */
  readonly secret: string;
  /** Every key, newest first: each one verifies. */
  readonly secrets: readonly string[];
}

/** `accounts`. */
export interface AccountSettings {
  readonly identifiers: ReadonlySet<IdentifierType>;
  readonly normalizeIdentifier: (identifier: RawIdentifier) => string;
  readonly revealUnknown: boolean;
  /** `accounts.secondFactor`, both functions checked; `undefined` when off. */
  readonly secondFactor: SecondFactorOptions | undefined;
  /** `accounts.namespace`: the router's part of the realm of its secrets (realm.ts). */
  readonly namespace: string;
  /** `accounts.tenant`, checked to be a function; `undefined` without tenants. */
  readonly tenant: AccountsOptions["tenant"];
}

/** `delivery`. */
export interface DeliverySettings {
  readonly email: "link" | "code" | "link+code";
  readonly linkTtlMs: number;
  /** The bare origins of the list, or the app's function of `{ tenant }` (tenants.ts asks it). */
  readonly allowedRedirectOrigins: ReadonlySet<string> | RedirectOriginsFunction;
  /** Allowed E.164 prefixes for SMS, or `null` for all. */
  readonly smsCountries: readonly string[] | null;
  /** `delivery.reportUrl`: the app's "this wasn't me" page, used when `pages` is off. */
  readonly reportUrl: ReportUrlSetting;
}

/** `codes`. */
export interface CodeSettings {
  readonly ttlMs: number;
  readonly length: number;
  readonly maxAttempts: number;
  readonly requestTokens: boolean;
  readonly withoutIdentifier: boolean;
}

/** How new passwords are hashed. */
export type HashingSetting =
  /** bcrypt at `rounds`, in the router's own worker pool. */
  | { readonly kind: "pool"; readonly rounds: number }
  /** The app's hasher (or 0.2's `hashPassword`), called as it is. */
  | { readonly kind: "hasher"; readonly hash: (plain: string) => Promise<string> };

/** `password`: the policy and the hasher. */
export interface PasswordSettings {
  readonly minLength: number;
  readonly maxBytes: number;
  readonly requireConfirmation: boolean;
  readonly commonPasswords: boolean;
  readonly breached: BreachedPasswordCheck | undefined;
  readonly minStrength: number;
  readonly hashing: HashingSetting;
  readonly rule:
    | ((context: PasswordRuleContext) => string | void | undefined | Promise<string | void | undefined>)
    | undefined;
  /** The rule's option as the app spelled it (`password.rule`, or 0.2's `password.validate`): events name it. */
  readonly ruleName: string;
}

/** `rateLimit`: each limit's rule (`null` when off), and how clients are grouped. */
export interface LimitSettings {
  readonly rules: Readonly<Record<RateLimitName, RateLimitRule | null>>;
  readonly ipv6Subnet: number;
}

/** `http`. */
export interface HttpSettings {
  /** Route paths, normalised (lower case, no trailing slash); `check` only when configured. */
  readonly paths: RoutePaths;
  /** Built-in aliases first, then the app's. */
  readonly aliases: readonly AliasSetting[];
  /** The `fields` option's joi schemas per route. */
  readonly fields: Partial<Record<RouteName, Readonly<Record<string, Schema>>>>;
  readonly parseRequest:
    ((context: RequestContext) => ParsedRequest | undefined | Promise<ParsedRequest | undefined>) | undefined;
  readonly formatResponse: ((context: FormatResponseContext) => FormattedResponse) | undefined;
  readonly authorize: ((context: AuthorizeContext) => boolean | Promise<boolean>) | undefined;
  readonly bindTo:
    ((context: RequestContext) => string | undefined | Promise<string | undefined>) | undefined;
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  readonly sessionTtlMs: number;
  /** Error messages in the request's language. */
  readonly translateMessages: boolean;
}

/** `hooks`. */
export interface HookSettings {
  readonly afterReset: ((context: AfterResetContext) => Promise<void | Record<string, unknown>>) | undefined;
  readonly onEvent: ((event: PasswordResetEvent) => void) | undefined;
  readonly onCompromiseReported: ((context: CompromiseReportedContext) => void | Promise<void>) | undefined;
}

/** `advanced`. */
export interface AdvancedSettings {
  readonly logger: Logger;
  readonly now: () => number;
  readonly adapterTimeoutMs: number;
  /** `advanced.telemetry`: spans and metrics through `@opentelemetry/api`. */
  readonly telemetry: boolean;
}

/** Every option, checked and filled in, by slice. */
export interface Settings {
  readonly core: CoreSettings;
  readonly keys: KeySettings;
  readonly accounts: AccountSettings;
  readonly delivery: DeliverySettings;
  readonly codes: CodeSettings;
  readonly password: PasswordSettings;
  readonly limits: LimitSettings;
  readonly http: HttpSettings;
  readonly hooks: HookSettings;
  readonly advanced: AdvancedSettings;
}

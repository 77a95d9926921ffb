/**
 * Options: checked once at construction, with messages that name the option and the fix, then
 * resolved into a fully filled internal config. The caller's object is read, never mutated.
 */
import { randomBytes } from "node:crypto";
import { PasswordResetConfigError } from "./errors.js";
import { normalizeIdentifier } from "./identifiers.js";
import { createWorkerHasher, type WorkerHasher } from "./hash-worker.js";
import { fieldReader, REQUEST_FIELDS } from "./input.js";
import { MemoryTokenStore } from "./stores/memory.js";
import type {
  FormattedResponse,
  IdentifierType,
  Logger,
  Mailer,
  Outcome,
  PasswordPolicy,
  PasswordResetEvent,
  PasswordResetOptions,
  RateLimitRule,
  RequestField,
  ResetUrlContext,
  ResetUser,
  RouteName,
  SmsSender,
  TokenStore,
  UserAdapter,
} from "./types.js";
import type { Request } from "express";
import Joi, { type Schema } from "joi";

/** The internal config every flow reads: nothing optional that has a default. */
export interface ResolvedConfig {
  users: UserAdapter;
  mailer: Mailer | undefined;
  sms: SmsSender | undefined;
  buildLink: (context: ResetUrlContext) => string;
  identifiers: ReadonlySet<IdentifierType>;
  normalizeIdentifier: (type: IdentifierType, raw: string) => string;
  emailDelivery: "link" | "code";
  store: TokenStore;
  /** True when the router made the store and so must close it. */
  ownsStore: boolean;
  secret: string;
  linkTtlMs: number;
  codeTtlMs: number;
  sessionTtlMs: number;
  codeLength: number;
  maxCodeAttempts: number;
  password: {
    minLength: number;
    maxBytes: number;
    requireConfirmation: boolean;
    validate: PasswordPolicy["validate"];
  };
  hashPassword: (plain: string) => Promise<string>;
  /** The default hasher's worker pool, which `close()` stops; absent with a custom `hashPassword`. */
  workerHasher: WorkerHasher | undefined;
  rateLimit: Record<"forgotPerIdentifier" | "forgotPerIp" | "verifyResetPerIp", RateLimitRule | null>;
  revealUnknownUser: boolean;
  allowedRedirectOrigins: ReadonlySet<string>;
  afterReset: ((user: ResetUser, req: Request) => Promise<void | Record<string, unknown>>) | undefined;
  onEvent: ((event: PasswordResetEvent) => void) | undefined;
  logger: Logger;
  formatResponse: ((outcome: Outcome, req: Request) => FormattedResponse) | undefined;
  paths: Record<RouteName, string>;
  now: () => number;
  /** Alias → the field it stands for. */
  aliases: ReadonlyMap<string, RequestField>;
  /** Readers of the `fields` option's extra fields, per route, compiled once. */
  fields: Partial<Record<RouteName, (body: Record<string, unknown>) => unknown>>;
  authorize: ((req: Request, route: RouteName) => boolean | Promise<boolean>) | undefined;
  requestTokens: boolean;
  codesWithoutIdentifier: boolean;
  bindTo: PasswordResetOptions["bindTo"];
  maxBodyBytes: number;
  adapterTimeoutMs: number;
  /** How long a grant is kept past expiry, so a late click answers TOKEN_EXPIRED, not INVALID_TOKEN. */
  retainExpiredMs: number;
}

const OPTION_KEYS = [
  "users",
  "mailer",
  "sms",
  "resetUrl",
  "identifiers",
  "normalizeIdentifier",
  "delivery",
  "tokenStore",
  "secret",
  "linkTtlSeconds",
  "codeTtlSeconds",
  "sessionTtlSeconds",
  "codeLength",
  "maxCodeAttempts",
  "password",
  "hashPassword",
  "bcryptRounds",
  "rateLimit",
  "revealUnknownUser",
  "allowedRedirectOrigins",
  "afterReset",
  "onEvent",
  "logger",
  "formatResponse",
  "paths",
  "now",
  "aliases",
  "fields",
  "authorize",
  "requestTokens",
  "codesWithoutIdentifier",
  "bindTo",
  "maxBodyBytes",
  "adapterTimeoutMs",
] as const;

const IDENTIFIER_TYPES: readonly IdentifierType[] = ["email", "mobile", "username"];
const DEFAULT_LIMITS: ResolvedConfig["rateLimit"] = {
  forgotPerIdentifier: { points: 3, durationSeconds: 900 },
  forgotPerIp: { points: 20, durationSeconds: 900 },
  verifyResetPerIp: { points: 20, durationSeconds: 900 },
};
const TOKEN_STORE_METHODS = [
  "issue",
  "find",
  "claim",
  "release",
  "remove",
  "revokeUser",
  "countAttempt",
  "clearAttempts",
] as const;

/** Checks `options` and resolves them into a {@link ResolvedConfig}. Throws {@link PasswordResetConfigError}. */
export function resolveOptions(options: PasswordResetOptions): ResolvedConfig {
  if (!isObject(options)) {
    throw new PasswordResetConfigError("options", "must be an object such as `{ users, mailer, resetUrl }`.");
  }
  rejectUnknownKeys("", options, OPTION_KEYS);

  const users = requireAdapter<UserAdapter>(
    "users",
    options.users,
    ["findUser", "updatePassword"],
    "your UserAdapter",
  );
  const identifiers = resolveIdentifiers(options.identifiers);
  const emailDelivery = oneOf("delivery.email", options.delivery?.email, ["link", "code"], "link");
  if (options.delivery !== undefined) rejectUnknownKeys("delivery.", options.delivery, ["email"]);
  const emailPossible = identifiers.has("email") || identifiers.has("username");
  const mailer =
    options.mailer === undefined
      ? undefined
      : requireAdapter<Mailer>("mailer", options.mailer, ["sendPasswordReset"], "a Mailer");
  if (
    emailPossible &&
    !mailer &&
    !(identifiers.has("username") && !identifiers.has("email") && options.sms)
  ) {
    throw new PasswordResetConfigError(
      "mailer",
      "is required when `identifiers` includes email or username. Pass a Mailer (ConsoleMailer for development).",
    );
  }
  const sms =
    options.sms === undefined
      ? undefined
      : requireAdapter<SmsSender>("sms", options.sms, ["sendPasswordResetCode"], "an SmsSender");
  if (identifiers.has("mobile") && !sms) {
    throw new PasswordResetConfigError(
      "sms",
      "is required when `identifiers` includes mobile. Pass an SmsSender (ConsoleSmsSender for development).",
    );
  }
  const linksPossible = emailPossible && emailDelivery === "link" && mailer !== undefined;
  const buildLink = resolveResetUrl(options.resetUrl, linksPossible);

  const now = optionalFunction("now", options.now) ?? Date.now;
  const store = options.tokenStore ?? new MemoryTokenStore({ now });
  if (options.tokenStore !== undefined)
    requireAdapter<TokenStore>("tokenStore", store, TOKEN_STORE_METHODS, "a TokenStore");

  const logger = resolveLogger(options.logger);
  // A store other than memory suggests several instances, which must share the secret.
  const sharedStore = options.tokenStore !== undefined && !(options.tokenStore instanceof MemoryTokenStore);
  const secret = resolveSecret(options.secret, logger, sharedStore);
  const bcryptRounds = integer("bcryptRounds", options.bcryptRounds, 10, 4, 31);
  // bcrypt on the main thread stalls the host app for the whole hash (bench: a burst of 32 resets
  // blocked a neighbouring route for 2.6 s); the default hashes in worker threads instead.
  const customHash = optionalFunction("hashPassword", options.hashPassword);
  const workerHasher = customHash ? undefined : createWorkerHasher(bcryptRounds);
  const hashPassword = customHash ?? workerHasher!.hash;

  const password: PasswordPolicy = options.password ?? {};
  if (!isObject(options.password ?? {})) throw new PasswordResetConfigError("password", "must be an object.");
  rejectUnknownKeys("password.", password, ["minLength", "maxBytes", "requireConfirmation", "validate"]);
  const maxBytes = integer("password.maxBytes", password.maxBytes, 72, 1, 4096);
  const minLength = integer("password.minLength", password.minLength, 8, 1, maxBytes);

  const linkTtlSeconds = integer("linkTtlSeconds", options.linkTtlSeconds, 3600, 60, 7 * 86400);
  return {
    users,
    mailer,
    sms,
    buildLink,
    identifiers,
    normalizeIdentifier:
      optionalFunction("normalizeIdentifier", options.normalizeIdentifier) ?? normalizeIdentifier,
    emailDelivery,
    store,
    ownsStore: options.tokenStore === undefined,
    secret,
    linkTtlMs: linkTtlSeconds * 1000,
    codeTtlMs: integer("codeTtlSeconds", options.codeTtlSeconds, 900, 30, 86400) * 1000,
    sessionTtlMs: integer("sessionTtlSeconds", options.sessionTtlSeconds, 600, 30, 86400) * 1000,
    codeLength: integer("codeLength", options.codeLength, 6, 4, 12),
    maxCodeAttempts: integer("maxCodeAttempts", options.maxCodeAttempts, 5, 1, 100),
    password: {
      minLength,
      maxBytes,
      requireConfirmation: boolean("password.requireConfirmation", password.requireConfirmation, true),
      validate: optionalFunction<PasswordPolicy["validate"]>("password.validate", password.validate),
    },
    hashPassword,
    workerHasher,
    rateLimit: resolveRateLimit(options.rateLimit),
    revealUnknownUser: boolean("revealUnknownUser", options.revealUnknownUser, false),
    allowedRedirectOrigins: resolveOrigins(options.allowedRedirectOrigins),
    afterReset: optionalFunction("afterReset", options.afterReset),
    onEvent: optionalFunction("onEvent", options.onEvent),
    logger,
    formatResponse: optionalFunction("formatResponse", options.formatResponse),
    paths: resolvePaths(options.paths),
    now,
    aliases: resolveAliases(options.aliases, linksPossible),
    fields: resolveFields(options.fields),
    authorize: optionalFunction("authorize", options.authorize),
    requestTokens: boolean("requestTokens", options.requestTokens, false),
    codesWithoutIdentifier: boolean("codesWithoutIdentifier", options.codesWithoutIdentifier, false),
    bindTo: optionalFunction("bindTo", options.bindTo),
    maxBodyBytes: integer("maxBodyBytes", options.maxBodyBytes, 16 * 1024, 256, 1024 * 1024),
    adapterTimeoutMs: integer("adapterTimeoutMs", options.adapterTimeoutMs, 10_000, 1, 600_000),
    retainExpiredMs: 24 * 3600 * 1000,
  };
}

function resolveAliases(value: unknown, linksPossible: boolean): ReadonlyMap<string, RequestField> {
  const aliases = new Map<string, RequestField>();
  if (value === undefined) return aliases;
  if (!isObject(value)) {
    throw new PasswordResetConfigError(
      "aliases",
      'must be an object such as `{ resetToken: ["sessionId"] }`.',
    );
  }
  rejectUnknownKeys("aliases.", value, REQUEST_FIELDS);
  for (const [field, names] of Object.entries(value)) {
    if (names === undefined) continue;
    if (!Array.isArray(names) || names.some((name) => typeof name !== "string" || name === "")) {
      throw new PasswordResetConfigError(`aliases.${field}`, "must be an array of field names.");
    }
    for (const name of names as string[]) {
      // A package field's own name may be an alias: it is then renamed, and no longer means itself.
      if (name === field || aliases.has(name)) {
        throw new PasswordResetConfigError(
          `aliases.${field}`,
          `cannot use "${name}": it already names a field.`,
        );
      }
      if (name === "token" && linksPossible) {
        throw new PasswordResetConfigError(
          `aliases.${field}`,
          'cannot rename "token": this router sends links, whose tokens come back as `token`.',
        );
      }
      aliases.set(name, field as RequestField);
    }
  }
  for (const [name, field] of aliases) {
    if ([...aliases.values()].includes(name as RequestField)) {
      throw new PasswordResetConfigError(
        `aliases.${field}`,
        `cannot rename "${name}" and give it aliases at once.`,
      );
    }
  }
  return aliases;
}

function resolveFields(value: unknown): ResolvedConfig["fields"] {
  if (value === undefined) return {};
  if (!isObject(value)) {
    throw new PasswordResetConfigError(
      "fields",
      "must be an object such as `{ reset: { brand: Joi.string().required() } }`.",
    );
  }
  rejectUnknownKeys("fields.", value, ["forgot", "verify", "reset"]);
  const resolved: ResolvedConfig["fields"] = {};
  for (const [route, schemas] of Object.entries(value)) {
    if (schemas === undefined) continue;
    if (!isObject(schemas) || Object.values(schemas).some((schema) => !Joi.isSchema(schema))) {
      throw new PasswordResetConfigError(`fields.${route}`, "must map field names to joi schemas.");
    }
    resolved[route as RouteName] = fieldReader({ ...(schemas as Record<string, Schema>) });
  }
  return resolved;
}

function resolveIdentifiers(value: unknown): ReadonlySet<IdentifierType> {
  if (value === undefined) return new Set(["email"]);
  if (!Array.isArray(value) || value.length === 0) {
    throw new PasswordResetConfigError(
      "identifiers",
      'must be a non-empty array of "email", "mobile", "username".',
    );
  }
  for (const type of value) {
    if (!IDENTIFIER_TYPES.includes(type as IdentifierType)) {
      const hint = suggest(String(type), [...IDENTIFIER_TYPES, "phone"]);
      throw new PasswordResetConfigError(
        "identifiers",
        `has an unknown type ${JSON.stringify(type)}; use "email", "mobile" or "username".${hint}`,
      );
    }
  }
  return new Set(value as IdentifierType[]);
}

function resolveResetUrl(value: unknown, required: boolean): (context: ResetUrlContext) => string {
  if (typeof value === "function") return value as (context: ResetUrlContext) => string;
  if (value === undefined) {
    if (required) {
      throw new PasswordResetConfigError(
        "resetUrl",
        'is required: the page the emailed link opens, e.g. "https://app.example.com/reset-password".',
      );
    }
    return () => {
      throw new Error("resetUrl is not configured");
    };
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
  return ({ token, redirectUrl }) => {
    const link = new URL(base.href);
    link.searchParams.set("token", token);
    if (redirectUrl !== undefined) link.searchParams.set("redirect", redirectUrl);
    return link.href;
  };
}

function resolveSecret(value: unknown, logger: Logger, sharedStore: boolean): string {
  if (value !== undefined) {
    if (typeof value !== "string" || Buffer.byteLength(value) < 32) {
      throw new PasswordResetConfigError(
        "secret",
        "must be a string of at least 32 bytes, e.g. `crypto.randomBytes(32).toString('hex')`, shared by every instance.",
      );
    }
    return value;
  }
  if (process.env.NODE_ENV === "production" || sharedStore) {
    logger.warn(
      "express-password-reset: no `secret` given; using a random one for this process. Reset sessions and " +
        "codes will not survive a restart or work across instances. Set `secret` to a shared 32-byte value.",
    );
  }
  return randomBytes(32).toString("hex");
}

function resolveRateLimit(value: unknown): ResolvedConfig["rateLimit"] {
  if (value === false) return { forgotPerIdentifier: null, forgotPerIp: null, verifyResetPerIp: null };
  if (value === undefined) return { ...DEFAULT_LIMITS };
  if (!isObject(value)) {
    throw new PasswordResetConfigError(
      "rateLimit",
      "must be false or an object such as `{ forgotPerIdentifier: { points: 3, durationSeconds: 900 } }`.",
    );
  }
  rejectUnknownKeys("rateLimit.", value, Object.keys(DEFAULT_LIMITS));
  const resolved = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof typeof DEFAULT_LIMITS)[]) {
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
      points: integer(`rateLimit.${name}.points`, rule.points, fallback?.points ?? 1, 1, 1_000_000),
      durationSeconds: integer(
        `rateLimit.${name}.durationSeconds`,
        rule.durationSeconds,
        fallback?.durationSeconds ?? 900,
        1,
        86400 * 7,
      ),
    };
  }
  return resolved;
}

function resolveOrigins(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) {
    throw new PasswordResetConfigError(
      "allowedRedirectOrigins",
      'must be an array of origins such as ["https://app.example.com"].',
    );
  }
  return new Set(
    value.map((origin) => {
      let url: URL | undefined;
      try {
        url = typeof origin === "string" ? new URL(origin) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || url.origin === "null" || url.origin !== origin.replace(/\/$/, "")) {
        throw new PasswordResetConfigError(
          "allowedRedirectOrigins",
          `must hold bare origins (scheme://host[:port], no path); got ${JSON.stringify(origin)}.`,
        );
      }
      return url.origin;
    }),
  );
}

function resolvePaths(value: unknown): Record<RouteName, string> {
  const paths: Record<RouteName, string> = { forgot: "/forgot", verify: "/verify", reset: "/reset" };
  if (value === undefined) return paths;
  if (!isObject(value))
    throw new PasswordResetConfigError("paths", "must be an object `{ forgot, verify, reset }`.");
  rejectUnknownKeys("paths.", value, Object.keys(paths));
  for (const route of Object.keys(paths) as RouteName[]) {
    const path = value[route];
    if (path === undefined) continue;
    if (typeof path !== "string" || !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path)) {
      throw new PasswordResetConfigError(
        `paths.${route}`,
        'must be a path starting with "/", such as "/forgot".',
      );
    }
    paths[route] = normalizePath(path);
  }
  const all = Object.values(paths);
  if (new Set(all).size !== all.length) {
    throw new PasswordResetConfigError("paths", "must give each route its own path.");
  }
  return paths;
}

/** Lower-cases a path and drops a trailing slash, as Express's default routing compares them. */
export function normalizePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return (trimmed || "/").toLowerCase();
}

function resolveLogger(value: unknown): Logger {
  if (value === undefined) return console;
  if (!isObject(value) || typeof value.warn !== "function" || typeof value.error !== "function") {
    throw new PasswordResetConfigError(
      "logger",
      "must have `warn` and `error` methods (and optionally `info`).",
    );
  }
  return value as unknown as Logger;
}

function requireAdapter<T>(name: string, value: unknown, methods: readonly string[], what: string): T {
  if (value === undefined || value === null) {
    throw new PasswordResetConfigError(name, `is required: pass ${what} with ${methods.join(", ")}.`);
  }
  if (typeof value !== "object") throw new PasswordResetConfigError(name, `must be ${what} object.`);
  for (const method of methods) {
    if (typeof (value as Record<string, unknown>)[method] !== "function") {
      throw new PasswordResetConfigError(`${name}.${method}`, "must be a function.");
    }
  }
  return value as T;
}

function rejectUnknownKeys(prefix: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new PasswordResetConfigError(`${prefix}${key}`, `is not an option.${suggest(key, known)}`);
    }
  }
}

function integer(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new PasswordResetConfigError(
      name,
      `must be an integer from ${min} to ${max}; got ${String(value)}.`,
    );
  }
  return value;
}

function boolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new PasswordResetConfigError(name, "must be true or false.");
  return value;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new PasswordResetConfigError(name, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}.`);
  }
  return value as T;
}

function optionalFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw new PasswordResetConfigError(name, "must be a function.");
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** " Did you mean `x`?" for the closest known name within two edits, else "". */
function suggest(key: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? "" : ` Did you mean \`${best}\`?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

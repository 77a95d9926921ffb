/**
 * Options → settings: every option checked once at construction, with messages that name the
 * option and the fix, then filled in as plain data. The caller's object is read, never mutated.
 * Rules that tie options together are commented where they are enforced.
 */
import { randomBytes } from "node:crypto";
import Joi from "joi";
import { PasswordResetConfigError } from "../errors.js";
import { normalizeIdentifier } from "../http/identifiers.js";
import { resolveChecksSettings } from "../policy/checks.js";
import type { PasswordChecksSettings, PasswordHasher } from "../policy/types.js";
import { MemoryTokenStore } from "../stores/memory.js";
import type {
  PasswordPolicy,
  Logger,
  Mailer,
  PasswordResetOptions,
  RequestField,
  SmsSender,
  TokenStore,
  UserAdapter,
} from "../types.js";
import { REQUEST_FIELDS, ROUTE_NAMES } from "../vocabulary.js";
import {
  boolean,
  integer,
  isObject,
  oneOf,
  optionalFunction,
  rejectUnknownKeys,
  requireAdapter,
} from "./checks.js";
import { OPTION_KEYS } from "./option-keys.js";
import {
  resolveIdentifiers,
  resolveLogger,
  resolveOrigins,
  resolvePaths,
  resolveRateLimit,
  resolveResetUrl,
} from "./parts.js";
import type { AliasSetting, PasswordSettings, Settings } from "./settings.js";

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

/** Aliases every router accepts: other spellings clients commonly use for the package's fields. */
const BUILT_IN_ALIASES: readonly AliasSetting[] = [
  { alias: "phone", field: "mobile", builtIn: true },
  { alias: "confirmPassword", field: "passwordConfirm", builtIn: true },
  { alias: "redirect_url", field: "redirectUrl", builtIn: true },
];

const PASSWORD_KEYS = [
  "minLength",
  "maxBytes",
  "requireConfirmation",
  "validate",
  "commonPasswords",
  "breached",
  "minStrength",
  "hasher",
] as const satisfies readonly (keyof PasswordPolicy)[];

/** The bcrypt hasher reads 72 bytes at most; past that it would silently ignore the rest. */
const BCRYPT_MAX_BYTES = 72;

/** Checks `options` and fills them in. Throws {@link PasswordResetConfigError}. */
export function resolveSettings(options: PasswordResetOptions): Settings {
  if (typeof options === "function") {
    // `app.use(path, createPasswordResetRouter)`: the factory itself passed as middleware.
    throw new PasswordResetConfigError(
      "options",
      "must be an object, not a function. Call the factory: `app.use(path, createPasswordResetRouter({ users, mailer, resetUrl }))`.",
    );
  }
  if (!isObject(options)) {
    throw new PasswordResetConfigError("options", "must be an object such as `{ users, mailer, resetUrl }`.");
  }
  refuseMisuse(options);
  rejectUnknownKeys("", options, OPTION_KEYS);

  const users = requireAdapter<UserAdapter>(
    "users",
    options.users,
    ["findUser", "updatePassword"],
    "your UserAdapter",
  );
  const identifiers = resolveIdentifiers(options.identifiers);
  if (options.delivery !== undefined) rejectUnknownKeys("delivery.", options.delivery, ["email"]);
  const emailDelivery = oneOf("delivery.email", options.delivery?.email, ["link", "code"], "link");
  const mailer =
    options.mailer === undefined
      ? undefined
      : requireAdapter<Mailer>("mailer", options.mailer, ["sendPasswordReset"], "a Mailer");
  const sms =
    options.sms === undefined
      ? undefined
      : requireAdapter<SmsSender>("sms", options.sms, ["sendPasswordResetCode"], "an SmsSender");
  // Email identifiers need a mailer; a username can do with SMS alone when email is not accepted.
  const emailPossible = identifiers.has("email") || identifiers.has("username");
  if (emailPossible && !mailer && !(identifiers.has("username") && !identifiers.has("email") && sms)) {
    throw new PasswordResetConfigError(
      "mailer",
      "is required when `identifiers` includes email or username. Pass a Mailer (ConsoleMailer for development).",
    );
  }
  if (identifiers.has("mobile") && !sms) {
    throw new PasswordResetConfigError(
      "sms",
      "is required when `identifiers` includes mobile. Pass an SmsSender (ConsoleSmsSender for development).",
    );
  }
  // A reset URL is needed only when this router can send links.
  const linksPossible = emailPossible && emailDelivery === "link" && mailer !== undefined;

  const tokenStore =
    options.tokenStore === undefined
      ? undefined
      : requireAdapter<TokenStore>(
          "tokenStore",
          options.tokenStore,
          TOKEN_STORE_METHODS,
          "a TokenStore",
          "Pass one of the package's stores, e.g. `new PostgresTokenStore({ pool })` from express-password-reset/postgres or `new RedisTokenStore({ client })` from express-password-reset/redis, not the database client itself.",
        );
  const logger = resolveLogger(options.logger);
  // A store other than memory suggests several instances, which must share the secret.
  const sharedStore = tokenStore !== undefined && !(tokenStore instanceof MemoryTokenStore);
  const customHash = optionalFunction("hashPassword", options.hashPassword);
  if (
    options.appName !== undefined &&
    (typeof options.appName !== "string" || options.appName.trim() === "")
  ) {
    throw new PasswordResetConfigError("appName", 'must be a non-empty string, e.g. "Acme".');
  }
  const appName = options.appName?.trim();
  const linkTtlSeconds = integer("linkTtlSeconds", options.linkTtlSeconds, 3600, 60, 7 * 86400);
  const resetUrl = resolveResetUrl(options.resetUrl, linksPossible);
  const parseRequest = optionalFunction("parseRequest", options.parseRequest);
  const paths = resolvePaths(options.paths, parseRequest !== undefined);

  return {
    users,
    appName,
    mailer,
    sms,
    resetUrl,
    identifiers,
    normalizeIdentifier:
      optionalFunction("normalizeIdentifier", options.normalizeIdentifier) ?? normalizeIdentifier,
    emailDelivery,
    tokenStore,
    ...resolveSecrets(options.secret, logger, sharedStore),
    linkTtlMs: linkTtlSeconds * 1000,
    codeTtlMs: integer("codeTtlSeconds", options.codeTtlSeconds, 900, 30, 86400) * 1000,
    sessionTtlMs: integer("sessionTtlSeconds", options.sessionTtlSeconds, 600, 30, 86400) * 1000,
    codeLength: integer("codeLength", options.codeLength, 6, 4, 12),
    maxCodeAttempts: integer("maxCodeAttempts", options.maxCodeAttempts, 5, 1, 100),
    password: resolvePassword(options.password, customHash !== undefined, appName),
    hashPassword: customHash,
    bcryptRounds: integer("bcryptRounds", options.bcryptRounds, 10, 4, 31),
    rateLimit: resolveRateLimit(options.rateLimit),
    revealUnknownUser: boolean("revealUnknownUser", options.revealUnknownUser, false),
    allowedRedirectOrigins: resolveOrigins(options.allowedRedirectOrigins),
    afterReset: optionalFunction("afterReset", options.afterReset),
    onEvent: optionalFunction("onEvent", options.onEvent),
    logger,
    formatResponse: optionalFunction("formatResponse", options.formatResponse),
    paths,
    parseRequest,
    now: optionalFunction("now", options.now) ?? Date.now,
    aliases: [...BUILT_IN_ALIASES, ...resolveAliases(options.aliases, linksPossible)],
    fields: resolveFields(options.fields),
    authorize: optionalFunction("authorize", options.authorize),
    requestTokens: boolean("requestTokens", options.requestTokens, false),
    codesWithoutIdentifier: boolean("codesWithoutIdentifier", options.codesWithoutIdentifier, false),
    bindTo: optionalFunction("bindTo", options.bindTo),
    ipv6Subnet: integer("ipv6Subnet", options.ipv6Subnet, 56, 16, 128),
    smsCountries: resolveSmsCountries(options.smsCountries),
    bodyTimeoutMs: integer("bodyTimeoutMs", options.bodyTimeoutMs, 10_000, 100, 600_000),
    maxBodyBytes: integer("maxBodyBytes", options.maxBodyBytes, 16 * 1024, 256, 1024 * 1024),
    adapterTimeoutMs: integer("adapterTimeoutMs", options.adapterTimeoutMs, 10_000, 1, 600_000),
    retainExpiredMs: 24 * 3600 * 1000,
  };
}

/** Names the fix for the two ways the factory is commonly called wrong. */
function refuseMisuse(options: Record<string, unknown>): void {
  if ("socket" in options && "method" in options && "headers" in options) {
    // Express called the factory as middleware: `app.use(path, createPasswordResetRouter)`.
    throw new PasswordResetConfigError(
      "options",
      "is an HTTP request: the factory was mounted uncalled. Use `app.use(path, createPasswordResetRouter({ users, mailer, resetUrl }))`.",
    );
  }
  if (typeof options.findUser === "function" && typeof options.updatePassword === "function") {
    // `createPasswordResetRouter(users, mailer, ...)`: the options are one object.
    throw new PasswordResetConfigError(
      "options",
      "looks like a UserAdapter: the factory takes one options object. Use `createPasswordResetRouter({ users, mailer, resetUrl })`.",
    );
  }
}

function resolvePassword(value: unknown, customHash: boolean, appName: string | undefined): PasswordSettings {
  if (value === undefined) value = {};
  if (!isObject(value)) throw new PasswordResetConfigError("password", "must be an object.");
  rejectUnknownKeys("password.", value, PASSWORD_KEYS);
  const hasher =
    value.hasher === undefined
      ? undefined
      : requireAdapter<PasswordHasher>(
          "password.hasher",
          value.hasher,
          ["hash", "verify", "needsRehash"],
          "a PasswordHasher",
          "such as scryptHasher().",
        );
  if (hasher && customHash) {
    throw new PasswordResetConfigError(
      "password.hasher",
      "and `hashPassword` cannot both be given: pass one.",
    );
  }
  // The byte limit follows the hasher: bcrypt ignores every byte past the 72nd, so with it a larger
  // limit would let two passwords sharing 72 bytes open the same account.
  const hasherLimit = hasher ? hasher.maxBytes : customHash ? 4096 : BCRYPT_MAX_BYTES;
  const maxBytes = integer(
    "password.maxBytes",
    value.maxBytes,
    hasher ? hasherLimit : BCRYPT_MAX_BYTES,
    1,
    4096,
  );
  if (maxBytes > hasherLimit) {
    throw new PasswordResetConfigError(
      "password.maxBytes",
      hasher
        ? `must be at most ${hasherLimit}, the limit of the \`password.hasher\` given.`
        : `must be at most ${BCRYPT_MAX_BYTES} with the default bcrypt hasher, which ignores every byte past the 72nd; pass \`password.hasher: scryptHasher()\` to allow more.`,
    );
  }
  const checks = {
    commonPasswords: value.commonPasswords,
    breached: value.breached,
    minStrength: value.minStrength,
  };
  let resolvedChecks: ReturnType<typeof resolveChecksSettings>;
  try {
    resolvedChecks = resolveChecksSettings({ ...checks, appName } as PasswordChecksSettings, "password");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const option = /`(\w+)`/.exec(message)?.[1] ?? "";
    throw new PasswordResetConfigError(`password.${option}`, message.replace(/^password: `\w+` /, ""));
  }
  return {
    minLength: integer("password.minLength", value.minLength, 8, 1, maxBytes),
    maxBytes,
    requireConfirmation: boolean("password.requireConfirmation", value.requireConfirmation, true),
    commonPasswords: resolvedChecks.commonPasswords,
    breached: resolvedChecks.breached,
    minStrength: resolvedChecks.minStrength,
    hasher,
    validate: optionalFunction<PasswordSettings["validate"]>(
      "password.validate",
      value.validate as PasswordSettings["validate"],
    ),
  };
}

function resolveSmsCountries(value: unknown): readonly string[] | null {
  if (value === undefined) return null;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((p) => typeof p !== "string" || !/^\+[1-9]\d{0,3}$/.test(p))
  ) {
    throw new PasswordResetConfigError(
      "smsCountries",
      'must be a non-empty array of calling-code prefixes such as ["+1", "+44"].',
    );
  }
  return [...(value as string[])];
}

function resolveSecrets(
  value: unknown,
  logger: Logger,
  sharedStore: boolean,
): { secret: string; secrets: readonly string[] } {
  if (value !== undefined) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || list.some((key) => typeof key !== "string" || Buffer.byteLength(key) < 32)) {
      throw new PasswordResetConfigError(
        "secret",
        "must be a string of at least 32 bytes, e.g. `crypto.randomBytes(32).toString('hex')`, shared by every instance (or a list of them, newest first, to rotate keys).",
      );
    }
    return { secret: list[0] as string, secrets: [...(list as string[])] };
  }
  if (process.env.NODE_ENV === "production" || sharedStore) {
    logger.warn(
      "express-password-reset: no `secret` given; using a random one for this process. Reset sessions and " +
        "codes will not survive a restart or work across instances, and instances sharing a store will not " +
        "share rate limits (their keys are keyed hashes under the secret). Set `secret` to a shared 32-byte value.",
    );
  }
  const secret = randomBytes(32).toString("hex");
  return { secret, secrets: [secret] };
}

function resolveAliases(value: unknown, linksPossible: boolean): AliasSetting[] {
  if (value === undefined) return [];
  if (!isObject(value)) {
    throw new PasswordResetConfigError(
      "aliases",
      'must be an object such as `{ resetToken: ["sessionId"] }`.',
    );
  }
  rejectUnknownKeys("aliases.", value, REQUEST_FIELDS);
  const aliases: AliasSetting[] = [];
  const taken = new Set<string>();
  for (const [field, names] of Object.entries(value)) {
    if (names === undefined) continue;
    if (!Array.isArray(names) || names.some((name) => typeof name !== "string" || name === "")) {
      throw new PasswordResetConfigError(`aliases.${field}`, "must be an array of field names.");
    }
    for (const name of names as string[]) {
      // A package field's own name may be an alias: it is then renamed, and no longer means itself.
      if (name === field || taken.has(name)) {
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
      taken.add(name);
      aliases.push({ alias: name, field: field as RequestField, builtIn: false });
    }
  }
  for (const { alias, field } of aliases) {
    if (aliases.some((other) => other.field === alias)) {
      throw new PasswordResetConfigError(
        `aliases.${field}`,
        `cannot rename "${alias}" and give it aliases at once.`,
      );
    }
  }
  return aliases;
}

function resolveFields(value: unknown): Settings["fields"] {
  if (value === undefined) return {};
  if (!isObject(value)) {
    throw new PasswordResetConfigError(
      "fields",
      "must be an object such as `{ reset: { brand: Joi.string().required() } }`.",
    );
  }
  rejectUnknownKeys("fields.", value, ROUTE_NAMES);
  const resolved: Settings["fields"] = {};
  for (const route of ROUTE_NAMES) {
    const schemas = value[route];
    if (schemas === undefined) continue;
    if (!isObject(schemas) || Object.values(schemas).some((schema) => !Joi.isSchema(schema))) {
      throw new PasswordResetConfigError(`fields.${route}`, "must map field names to joi schemas.");
    }
    resolved[route] = { ...(schemas as Record<string, Joi.Schema>) };
  }
  return resolved;
}

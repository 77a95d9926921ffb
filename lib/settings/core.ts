/**
 * The adapters and core values: `users`, `mailer`, `sms`, `tokenStore`, `resetUrl`, `appName`.
 * Which senders and whether a `resetUrl` are required follows from `accounts.identifiers` and
 * `delivery.email`.
 */
import { PasswordResetConfigError } from "../config-error.js";
import { canonicalLocale } from "../locale.js";
import type { Mailer, SmsSender, TokenStore, UserAdapter } from "../types.js";
import { sendsLinks } from "./channels.js";
import { requireAdapter } from "./checks.js";
import type { GivenOptions } from "./given.js";
import type { AccountSettings, CoreSettings, DeliverySettings, ResetUrlSetting } from "./settings.js";

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

/** Resolves the adapters and core values. */
export function resolveCore(
  given: GivenOptions,
  accounts: AccountSettings,
  delivery: DeliverySettings,
): CoreSettings {
  const users = requireAdapter<UserAdapter>(
    "users",
    given.get("users"),
    ["findUser", "updatePassword"],
    "your UserAdapter",
  );
  const { identifiers } = accounts;
  const mailer = optionalAdapter<Mailer>("mailer", given.get("mailer"), ["sendPasswordReset"], "a Mailer");
  const sms = optionalAdapter<SmsSender>("sms", given.get("sms"), ["sendPasswordResetCode"], "an SmsSender");
  checkLocales("mailer", mailer);
  checkLocales("sms", sms);
  // Email identifiers need a mailer; a username can do with SMS alone when email is not accepted.
  const emailPossible = identifiers.has("email") || identifiers.has("username");
  if (emailPossible && !mailer && !(identifiers.has("username") && !identifiers.has("email") && sms)) {
    throw new PasswordResetConfigError(
      "mailer",
      `is required when \`${given.name("accounts.identifiers")}\` includes email or username. Pass a Mailer (ConsoleMailer for development).`,
    );
  }
  if (identifiers.has("mobile") && !sms) {
    throw new PasswordResetConfigError(
      "sms",
      `is required when \`${given.name("accounts.identifiers")}\` includes mobile. Pass an SmsSender (ConsoleSmsSender for development).`,
    );
  }
  const tokenStore = optionalAdapter<TokenStore>(
    "tokenStore",
    given.get("tokenStore"),
    TOKEN_STORE_METHODS,
    "a TokenStore",
    "Pass one of the package's stores, e.g. `new PostgresTokenStore({ pool })` from express-password-reset/postgres or `new RedisTokenStore({ client })` from express-password-reset/redis, not the database client itself.",
  );
  checkLinkAndCode(given, delivery, tokenStore);
  const appName = given.get("appName");
  if (appName !== undefined && (typeof appName !== "string" || appName.trim() === "")) {
    throw new PasswordResetConfigError("appName", 'must be a non-empty string, e.g. "Acme".');
  }
  // A reset URL is needed only when this router can send links.
  const links = sendsLinks({ core: { mailer, sms }, accounts, delivery });
  return {
    users,
    mailer,
    sms,
    tokenStore,
    resetUrl: resolveResetUrl(given.get("resetUrl"), links),
    appName: appName?.trim(),
  };
}

/**
 * `"link+code"` makes one grant reachable two ways; a store that keeps only the first would mail
 * codes that never work. A store says it keeps both with `linkAndCode` (the memory store the router
 * makes without one does).
 */
function checkLinkAndCode(
  given: GivenOptions,
  delivery: DeliverySettings,
  store: TokenStore | undefined,
): void {
  if (delivery.email !== "link+code" || store === undefined || store.linkAndCode === true) return;
  throw new PasswordResetConfigError(
    given.name("delivery.email"),
    'is "link+code", but the `tokenStore` does not declare `linkAndCode: true`: it must find a grant by its ' +
      'code too (`find("code", grant.code.id)`) and delete both ways together. Use a store of the package ' +
      "(memory, Redis, PostgreSQL, MySQL), add that to yours and run `describeTokenStoreContract` from " +
      'express-password-reset/testing on it, or use "link" or "code".',
  );
}

// A sender's `locales` are what a request's Accept-Language is matched against; a tag that is no
// tag would never match, and the reader would get the default language without a word.
function checkLocales(name: string, sender: Mailer | SmsSender | undefined): void {
  const locales: unknown = sender?.locales;
  if (locales === undefined) return;
  const bad = Array.isArray(locales) ? locales.find((tag) => canonicalLocale(tag) === undefined) : locales;
  if (!Array.isArray(locales) || bad !== undefined || locales.length === 0) {
    throw new PasswordResetConfigError(
      `${name}.locales`,
      `must be a non-empty array of BCP 47 language tags such as ["en", "pt-BR"]${bad !== undefined ? `; got ${JSON.stringify(bad)}` : ""}.`,
    );
  }
}

function optionalAdapter<T>(
  name: string,
  value: unknown,
  methods: readonly string[],
  what: string,
  hint?: string,
): T | undefined {
  return value === undefined ? undefined : requireAdapter<T>(name, value, methods, what, hint);
}

/**
 * `resetUrl`: a function, or an absolute http(s) URL. Required only when links can be sent (email
 * delivery by link with a mailer). With `NODE_ENV=production`, plain `http:` is refused except for
 * loopback hosts: a reset link sent over http can be read and used by anyone on the path.
 */
function resolveResetUrl(value: unknown, required: boolean): ResetUrlSetting {
  if (value === undefined && required) {
    throw new PasswordResetConfigError(
      "resetUrl",
      'is required: the page the emailed link opens, e.g. "https://app.example.com/reset-password".',
    );
  }
  return resolveLinkUrl("resetUrl", value) as ResetUrlSetting;
}

/**
 * A link option (`resetUrl`, `delivery.reportUrl`, spelled `name`): a function, an absolute
 * http(s) URL (https in production but for loopback hosts), or `none` when not given.
 */
export function resolveLinkUrl(
  name: string,
  value: unknown,
):
  | { kind: "function"; build: (context: never) => unknown }
  | { kind: "url"; base: string }
  | { kind: "none" } {
  if (typeof value === "function") {
    return { kind: "function", build: value as (context: never) => unknown };
  }
  if (value === undefined) return { kind: "none" };
  if (typeof value !== "string") {
    throw new PasswordResetConfigError(name, "must be a URL string or a function returning the link.");
  }
  let base: URL;
  try {
    base = new URL(value);
  } catch {
    throw new PasswordResetConfigError(
      name,
      `must be an absolute URL such as "https://app.example.com/reset-password"; got ${JSON.stringify(value)}.`,
    );
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new PasswordResetConfigError(name, "must be an http: or https: URL.");
  }
  if (base.protocol === "http:" && process.env.NODE_ENV === "production" && !isLoopback(base.hostname)) {
    throw new PasswordResetConfigError(
      name,
      `must be an https: URL in production (NODE_ENV=production); got ${JSON.stringify(value)}. Links sent over http: can be read on the way.`,
    );
  }
  return { kind: "url", base: base.href };
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The router's option names, top level and inside each group. Each list `satisfies
 * Record<keyof …, true>`, so the compiler refuses it when it misses or invents an option and the
 * unknown-key check cannot drift from the public types. The 0.2 spellings come from the table in
 * `deprecated.ts`, which the compiler holds to `DeprecatedOptions` the same way.
 */
import type {
  AccountsOptions,
  AdvancedOptions,
  CodesOptions,
  DeliveryOptions,
  DeprecatedOptions,
  HooksOptions,
  HttpOptions,
  PasswordPolicy,
  PasswordResetOptions,
  RateLimitOptions,
} from "../types.js";
import { closest } from "./checks.js";
import { DEPRECATED } from "./deprecated.js";

const CURRENT = {
  users: true,
  mailer: true,
  sms: true,
  tokenStore: true,
  resetUrl: true,
  secret: true,
  appName: true,
  accounts: true,
  delivery: true,
  codes: true,
  password: true,
  rateLimit: true,
  http: true,
  hooks: true,
  pages: true,
  advanced: true,
} satisfies Record<Exclude<keyof PasswordResetOptions, keyof DeprecatedOptions>, true>;

/** The groups whose keys the router reads one by one (`pages` checks its own). */
export const GROUP_KEYS = {
  accounts: names({
    identifiers: true,
    normalizeIdentifier: true,
    revealUnknown: true,
    secondFactor: true,
    namespace: true,
    tenant: true,
  } satisfies Record<keyof AccountsOptions, true>),
  delivery: names({
    email: true,
    linkTtlSeconds: true,
    allowedRedirectOrigins: true,
    smsCountries: true,
    reportUrl: true,
  } satisfies Record<keyof DeliveryOptions, true>),
  codes: names({
    ttlSeconds: true,
    length: true,
    maxAttempts: true,
    requestTokens: true,
    withoutIdentifier: true,
  } satisfies Record<keyof CodesOptions, true>),
  password: names({
    minLength: true,
    maxBytes: true,
    requireConfirmation: true,
    commonPasswords: true,
    breached: true,
    minStrength: true,
    hasher: true,
    rule: true,
    validate: true,
  } satisfies Record<keyof PasswordPolicy, true>),
  rateLimit: names({
    forgotPerIdentifier: true,
    forgotPerIp: true,
    verifyResetPerIp: true,
    smsPerWindow: true,
    ipv6Subnet: true,
  } satisfies Record<keyof RateLimitOptions, true>),
  http: names({
    paths: true,
    aliases: true,
    fields: true,
    parseRequest: true,
    formatResponse: true,
    authorize: true,
    bindTo: true,
    maxBodyBytes: true,
    bodyTimeoutSeconds: true,
    sessionTtlSeconds: true,
    translateMessages: true,
  } satisfies Record<keyof HttpOptions, true>),
  hooks: names({ afterReset: true, onEvent: true, onCompromiseReported: true } satisfies Record<
    keyof HooksOptions,
    true
  >),
  advanced: names({
    logger: true,
    now: true,
    adapterTimeoutSeconds: true,
    telemetry: true,
  } satisfies Record<keyof AdvancedOptions, true>),
} as const;

/** A group the router reads key by key. */
export type OptionGroup = keyof typeof GROUP_KEYS;

/** The 1.0 top-level keys. */
export const CURRENT_KEYS: readonly string[] = Object.keys(CURRENT);

/** Every top-level key: the 1.0 ones, then the 0.2 spellings that still work. */
export const OPTION_KEYS: readonly string[] = [
  ...CURRENT_KEYS,
  ...Object.keys(DEPRECATED).filter((key) => !key.includes(".")),
];

/**
 * Names other libraries and tutorials give the adapters and core values, which no edit distance
 * connects to ours: `store` (express-rate-limit, express-session) is `tokenStore`, a `UserAdapter`
 * passed as `userAdapter` is `users`.
 */
const SYNONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    store: "tokenStore",
    tokenstorage: "tokenStore",
    useradapter: "users",
    usersadapter: "users",
    userstore: "users",
    adapter: "users",
    mail: "mailer",
    transport: "mailer",
    smssender: "sms",
    resetlink: "resetUrl",
    reseturi: "resetUrl",
  }),
);

/**
 * " Did you mean `x`?" for an unknown top-level key: a known synonym, the closest top-level name, or
 * a group's key written at the top (`maxAttempts` → `codes.maxAttempts`). A 0.2 name also gets its
 * 1.0 spelling.
 */
export function suggestOption(key: string): string {
  const synonym = SYNONYMS.get(key.toLowerCase());
  if (synonym !== undefined) return ` Did you mean \`${synonym}\`?`;
  const paths = Object.entries(GROUP_KEYS).flatMap(([group, keys]) => keys.map((leaf) => `${group}.${leaf}`));
  // Top-level names first, so they win a tie; a group's key is compared by its own name.
  const best = closest(key, [...OPTION_KEYS, ...paths], (name) => name.slice(name.indexOf(".") + 1));
  if (best === undefined) return "";
  const upgrade = (DEPRECATED as Record<string, { to: string } | undefined>)[best]?.to;
  return ` Did you mean \`${best}\`?${upgrade ? ` (Its 1.0 spelling is \`${upgrade}\`.)` : ""}`;
}

function names<T extends object>(known: T): ReadonlyArray<keyof T & string> {
  return Object.keys(known) as Array<keyof T & string>;
}

/**
 * Options → settings: every option checked once at construction, with messages that name the
 * option (as the app spelled it) and the fix, then filled in as plain data, one slice per group.
 * The caller's object is read, never mutated. Rules that tie options together are commented where
 * they are enforced.
 */
import { PasswordResetConfigError } from "../config-error.js";
import { MemoryTokenStore } from "../stores/memory.js";
import type { PasswordResetOptions } from "../types.js";
import { resolveAccounts } from "./accounts.js";
import { resolveAdvanced } from "./advanced.js";
import { sendsLinks } from "./channels.js";
import { isObject, rejectUnknownKeys } from "./checks.js";
import { resolveCodes } from "./codes.js";
import { resolveCore } from "./core.js";
import { resolveDelivery } from "./delivery.js";
import { GivenOptions } from "./given.js";
import { resolveHooks } from "./hooks.js";
import { resolveHttp } from "./http.js";
import { GROUP_KEYS, OPTION_KEYS, suggestOption, type OptionGroup } from "./option-keys.js";
import { resolvePassword } from "./password.js";
import { resolveRateLimit } from "./rate-limit.js";
import { resolveKeys } from "./secret.js";
import type { Settings } from "./settings.js";

/** Checks `options` and fills them in. Throws {@link PasswordResetConfigError}. */
export function resolveSettings(options: PasswordResetOptions): Settings {
  checkShape(options);
  const given = new GivenOptions(options);
  const advanced = resolveAdvanced(given);
  given.warnDeprecated(advanced.logger);

  const accounts = resolveAccounts(given);
  const delivery = resolveDelivery(given);
  const core = resolveCore(given, accounts, delivery);
  // A store other than memory suggests several instances, which must share the secret.
  const sharedStore = core.tokenStore !== undefined && !(core.tokenStore instanceof MemoryTokenStore);
  const keys = resolveKeys(given.get("secret"), advanced.logger, sharedStore);
  const http = resolveHttp(given, sendsLinks({ core, accounts, delivery }));
  return {
    core,
    keys,
    accounts,
    delivery,
    codes: resolveCodes(given),
    password: resolvePassword(given),
    limits: resolveRateLimit(given),
    http,
    hooks: resolveHooks(given),
    advanced,
  };
}

/**
 * The options are one object of known keys, each group an object of known keys (`rateLimit` may
 * be `false`; `pages` checks its own), with the two common ways of calling the factory wrong named.
 */
function checkShape(options: unknown): asserts options is Record<string, unknown> {
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
  const unknown = Object.keys(options).find((key) => !OPTION_KEYS.includes(key));
  if (unknown !== undefined) {
    throw new PasswordResetConfigError(unknown, `is not an option.${suggestOption(unknown)}`);
  }
  for (const [group, keys] of Object.entries(GROUP_KEYS) as Array<[OptionGroup, readonly string[]]>) {
    const value = options[group];
    if (value === undefined || (group === "rateLimit" && value === false)) continue;
    if (!isObject(value)) {
      throw new PasswordResetConfigError(
        group,
        group === "rateLimit"
          ? "must be false or an object such as `{ forgotPerIdentifier: { points: 3, durationSeconds: 900 } }`."
          : "must be an object.",
      );
    }
    rejectUnknownKeys(`${group}.`, value, keys);
  }
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

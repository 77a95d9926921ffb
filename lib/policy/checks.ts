/**
 * `createPasswordChecks()`: the built-in password checks, configured once and run per password in
 * a fixed order, cheapest first and the network last: common list, context words, strength
 * estimate, breached-password check. The first refusal wins.
 */
import { commonPasswords, isCommonPassword } from "./common.js";
import { contextWords, isContextPassword } from "./context.js";
import { policyRefusal } from "./messages.js";
import { strengthEstimator } from "./strength.js";
import type { PasswordChecks, PasswordChecksSettings, PasswordRefusal, PasswordUser } from "./types.js";

interface ResolvedSettings {
  commonPasswords: boolean;
  breached: PasswordChecksSettings["breached"];
  minStrength: number;
  appName: string | undefined;
}

const known = {
  commonPasswords: true,
  breached: true,
  minStrength: true,
  appName: true,
} satisfies Record<keyof PasswordChecksSettings, true>;

/** Checks `settings` and fills in the defaults; `where` names the caller in error messages. */
export function resolveChecksSettings(
  settings: PasswordChecksSettings,
  where: string,
  extraKeys: readonly string[] = [],
): ResolvedSettings {
  for (const key of Object.keys(settings)) {
    if (!(key in known) && !extraKeys.includes(key))
      throw new TypeError(`${where}: unknown option \`${key}\`.`);
  }
  const { commonPasswords: common = true, breached, minStrength = 0, appName } = settings;
  if (typeof common !== "boolean") throw new TypeError(`${where}: \`commonPasswords\` must be a boolean.`);
  if (breached !== undefined && typeof breached !== "function") {
    throw new TypeError(`${where}: \`breached\` must be a function such as haveIBeenPwned().`);
  }
  if (!Number.isInteger(minStrength) || minStrength < 0 || minStrength > 4) {
    throw new TypeError(
      `${where}: \`minStrength\` must be an integer from 0 to 4; got ${String(minStrength)}.`,
    );
  }
  if (appName !== undefined && typeof appName !== "string")
    throw new TypeError(`${where}: \`appName\` must be a string.`);
  return { commonPasswords: common, breached, minStrength, appName };
}

function userInputs(user: PasswordUser, appName: string | undefined): string[] {
  return [user.email, user.email?.split("@")[0], user.username, user.name, user.mobile, appName].filter(
    (value): value is string => typeof value === "string" && value !== "",
  );
}

/**
 * The built-in checks with `settings` (common list on by default). Throws a `TypeError` for a
 * setting out of range. `check` rejects only when a check is broken (the strength estimator is not
 * installed, a custom breached check threw); a breached-password service failure is a result.
 */
export function createPasswordChecks(settings: PasswordChecksSettings = {}): PasswordChecks {
  const resolved = resolveChecksSettings(settings, "createPasswordChecks");
  return {
    async check(password, user, observer): Promise<PasswordRefusal | undefined> {
      if (resolved.commonPasswords && (await isCommonPassword(password))) return policyRefusal("common");
      if (isContextPassword(password, contextWords(user, resolved.appName))) return policyRefusal("context");
      if (resolved.minStrength > 0) {
        const estimate = await strengthEstimator();
        if (estimate(password, userInputs(user, resolved.appName)) < resolved.minStrength)
          return policyRefusal("weak");
      }
      if (resolved.breached) {
        const result = await resolved.breached(password);
        if ("failed" in result) {
          observer?.onBreachCheckFailed?.(result.failed, result.refuse);
          if (result.refuse) return policyRefusal("breach_check_failed");
        } else if (result.breached) {
          return policyRefusal("breached");
        }
      }
      return undefined;
    },
    async preload() {
      if (resolved.commonPasswords) await commonPasswords();
      if (resolved.minStrength > 0) await strengthEstimator();
    },
  };
}

/**
 * `password`: the policy (length, confirmation, the built-in checks, the app's rule) and the one
 * hasher. The byte limit follows the hasher: bcrypt ignores every byte past the 72nd, so with it a
 * larger limit would let two passwords sharing 72 bytes open the same account.
 */
import { PasswordResetConfigError } from "../config-error.js";
import { BCRYPT_MAX_BYTES, DEFAULT_BCRYPT_ROUNDS, poolableRounds } from "../policy/bcrypt.js";
import type { PasswordHasher } from "../policy/types.js";
import { boolean, integer, optionalFunction, requireAdapter } from "./checks.js";
import { HashFunction } from "./deprecated.js";
import type { GivenOptions } from "./given.js";
import type { HashingSetting, PasswordSettings } from "./settings.js";

/** The longest password a 0.2 `hashPassword` may be asked to take, when `password.maxBytes` asks. */
const HASH_FUNCTION_MAX_BYTES = 4096;

/** The hasher, and what it means for the byte limit. */
interface Hashing {
  setting: HashingSetting;
  /** The most `password.maxBytes` may be. */
  limit: number;
  /** `password.maxBytes` when not given. */
  defaultMaxBytes: number;
  /** Why `maxBytes` cannot pass `limit`, for the message. */
  why: string;
}

/** Resolves `password`. */
export function resolvePassword(given: GivenOptions): PasswordSettings {
  const hashing = resolveHashing(given);
  const [maxName, maxValue] = given.entry("password.maxBytes");
  const maxBytes = integer(maxName, maxValue, hashing.defaultMaxBytes, 1, 4096);
  if (maxBytes > hashing.limit) {
    throw new PasswordResetConfigError(maxName, `must be at most ${hashing.limit}${hashing.why}`);
  }
  const [breachedName, breached] = given.entry("password.breached");
  if (breached !== undefined && typeof breached !== "function") {
    throw new PasswordResetConfigError(breachedName, "must be a function such as haveIBeenPwned().");
  }
  const [ruleName, rule] = given.entry("password.rule");
  return {
    minLength: integer(...given.entry("password.minLength"), 8, 1, maxBytes),
    maxBytes,
    requireConfirmation: boolean(...given.entry("password.requireConfirmation"), true),
    commonPasswords: boolean(...given.entry("password.commonPasswords"), true),
    breached: breached as PasswordSettings["breached"],
    minStrength: integer(...given.entry("password.minStrength"), 0, 0, 4),
    hashing: hashing.setting,
    rule: optionalFunction(ruleName, rule as PasswordSettings["rule"]),
    ruleName,
  };
}

/**
 * `password.hasher` (or 0.2's `hashPassword` / `bcryptRounds`). A `bcryptHasher()` that hashes with
 * bcryptjs itself runs in the router's worker pool: bcrypt on the main thread stalls the host app
 * for the whole hash.
 */
function resolveHashing(given: GivenOptions): Hashing {
  const [name, value] = given.entry("password.hasher");
  const bcryptLimit = {
    limit: BCRYPT_MAX_BYTES,
    defaultMaxBytes: BCRYPT_MAX_BYTES,
    why: " with bcrypt, which ignores every byte past the 72nd; pass `password.hasher: scryptHasher()` to allow more.",
  };
  if (value === undefined)
    return { setting: { kind: "pool", rounds: DEFAULT_BCRYPT_ROUNDS }, ...bcryptLimit };
  if (value instanceof HashFunction) {
    // 0.2's bare function: it says nothing of its limit, so the default stays bcrypt's.
    return {
      setting: { kind: "hasher", hash: value.hash },
      limit: HASH_FUNCTION_MAX_BYTES,
      defaultMaxBytes: BCRYPT_MAX_BYTES,
      why: ".",
    };
  }
  const hasher = requireAdapter<PasswordHasher>(
    name,
    value,
    ["hash", "verify", "needsRehash"],
    "a PasswordHasher",
    "such as scryptHasher().",
  );
  const rounds = poolableRounds(hasher);
  if (rounds !== undefined) return { setting: { kind: "pool", rounds }, ...bcryptLimit };
  const limit = hasher.maxBytes;
  return {
    setting: { kind: "hasher", hash: (plain) => hasher.hash(plain) },
    limit,
    defaultMaxBytes: limit,
    why: hasher.id === "bcrypt" ? bcryptLimit.why : `, the limit of the \`${name}\` given.`,
  };
}

/**
 * Public types of the password policy (NIST SP 800-63B 3.1.1.2, ASVS 5.0 V6.2): the checks a new
 * password goes through, the breached-password check, and the hashers behind `hashPassword`,
 * `verifyPassword` and `needsRehash`.
 */

/**
 * The account a password is being set for, as far as the context check needs it. A
 * `ResetUser` fits as it is. Every field is optional; `null` counts as absent.
 */
export interface PasswordUser {
  /** The account's email address; the whole address, its local part and the words in both count. */
  email?: string | null;
  /** The account's mobile number, in any format; only its digits count. */
  mobile?: string | null;
  /** The account's username. */
  username?: string | null;
  /** The account holder's display name; each word of it counts. */
  name?: string | null;
}

/**
 * Why a password was refused, as a short machine word for events and logs.
 * - `too_short`, `too_long`: length rules (only {@link checkPassword} reports these; the reset flow
 *   checks length itself).
 * - `common`: on the common-passwords list, or a listed password with a trivial decoration.
 * - `context`: built from the account's identifiers or the app's name.
 * - `weak`: the strength estimate is below `minStrength`.
 * - `breached`: the breached-password check found it.
 * - `breach_check_failed`: the breached-password check failed and its `onError` is `"refuse"`.
 */
export type PasswordRefusalReason =
  "too_short" | "too_long" | "common" | "context" | "weak" | "breached" | "breach_check_failed";

/** A refused password: the message to show the user and the reason to record. */
export interface PasswordRefusal {
  /** Short machine word for events; see {@link PasswordRefusalReason}. */
  reason: PasswordRefusalReason;
  /** A sentence the user can act on, from the package's table of policy messages. */
  message: string;
}

/**
 * What a {@link BreachedPasswordCheck} found.
 * - `{ breached, count }`: the service answered; `count` is how often the password was seen (0 when
 *   it was not).
 * - `{ failed, refuse }`: the service could not answer (unreachable, timed out, an HTTP error);
 *   `failed` says why and `refuse` whether the password must be refused for it (the check's
 *   `onError`). Either way the failure should be reported as an event.
 */
export type BreachCheckResult = { breached: boolean; count: number } | { failed: Error; refuse: boolean };

/**
 * A breached-password check, such as {@link haveIBeenPwned} returns: resolves to what it found and
 * never rejects for a service failure (that is `{ failed }`). A check that throws is a bug in it,
 * and its error propagates to the caller.
 */
export type BreachedPasswordCheck = (password: string) => Promise<BreachCheckResult>;

/** Options of {@link haveIBeenPwned}. `undefined` always means "use the default". */
export interface HaveIBeenPwnedOptions {
  /** Origin (and optional path) of the Pwned Passwords range API. [`"https://api.pwnedpasswords.com"`] */
  baseUrl?: string;
  /** Longest wait for the whole answer, in milliseconds, from 1 to 60,000. [2000] */
  timeoutMs?: number;
  /**
   * What a failure of the service means for the password: `"allow"` accepts it (the other checks
   * still ran), `"refuse"` refuses it with "We could not check this password right now; try again".
   * [`"allow"`]
   */
  onError?: "allow" | "refuse";
}

/** Settings of the built-in password checks. `undefined` always means "use the default". */
export interface PasswordChecksSettings {
  /** Refuse the most common passwords (about 49,000, from public breach corpora). [true] */
  commonPasswords?: boolean;
  /** A breached-password check, e.g. `haveIBeenPwned()`. [none] */
  breached?: BreachedPasswordCheck;
  /**
   * Lowest zxcvbn score (0 to 4) accepted; needs the optional peer `@zxcvbn-ts/core` (and, for
   * English words, `@zxcvbn-ts/language-en`). 0 or absent: no strength estimate. [none]
   */
  minStrength?: number;
  /** The app's name, refused as a context word like the account's identifiers. [none] */
  appName?: string;
}

/** Hooks for one {@link PasswordChecks.check} call, so its caller can record events. */
export interface PasswordCheckObserver {
  /**
   * Called when the breached-password check failed, with the failure and whether the password is
   * refused for it (`onError: "refuse"`). Not called when the check succeeded.
   */
  onBreachCheckFailed?(error: Error, refused: boolean): void;
}

/** The built-in checks, configured once. */
export interface PasswordChecks {
  /**
   * Runs the checks in order (common, context, strength, breached; the network last) and resolves
   * to the first refusal, or `undefined` when the password is accepted.
   */
  check(
    password: string,
    user: PasswordUser,
    observer?: PasswordCheckObserver,
  ): Promise<PasswordRefusal | undefined>;
  /**
   * Loads what the configured checks need (the common list, the strength estimator) now rather than
   * on the first check; rejects with a clear error when `minStrength` is set but `@zxcvbn-ts/core`
   * is not installed.
   */
  preload(): Promise<void>;
}

/** Options of {@link checkPassword}: the checks' settings plus the length rules. */
export interface CheckPasswordOptions extends PasswordChecksSettings {
  /** Minimum length in characters (code points). [8] */
  minLength?: number;
  /** Maximum length in UTF-8 bytes; longer is refused, never truncated. [the hasher's `maxBytes`] */
  maxBytes?: number;
  /** The hasher whose byte limit applies. [bcryptHasher(): 72 bytes] */
  hasher?: PasswordHasher;
}

/** The algorithms this package hashes with. */
export type PasswordHashAlgorithm = "bcrypt" | "scrypt" | "argon2id";

/**
 * Hashes and verifies passwords in one self-describing format. `hash` refuses (rejects with a
 * `RangeError`) a password over `maxBytes`; `verify` resolves `false` for one.
 */
export interface PasswordHasher {
  /** The algorithm this hasher produces. */
  readonly id: PasswordHashAlgorithm;
  /** Longest password in UTF-8 bytes it hashes without losing any of it. */
  readonly maxBytes: number;
  /** Hashes `plain` with a fresh random salt. */
  hash(plain: string): Promise<string>;
  /** Whether `plain` matches `hash`; `false` for a hash in another format. */
  verify(plain: string, hash: string): Promise<boolean>;
  /** Whether `hash` was made with another algorithm or other costs than this hasher's. */
  needsRehash(hash: string): boolean;
}

/** Options of {@link bcryptHasher}. */
export interface BcryptHasherOptions {
  /** bcrypt cost, 4 to 31. [10] */
  rounds?: number;
  /**
   * Replaces the hashing itself (e.g. a worker pool running bcryptjs at the same `rounds`); it must
   * return a bcrypt hash. [bcryptjs `hash` on the main thread]
   */
  hash?: (plain: string) => Promise<string>;
}

/**
 * Options of {@link scryptHasher}. The defaults are OWASP's first scrypt setting (Password Storage
 * Cheat Sheet): N = 2^17, r = 8, p = 1, which takes 128 MiB per hash. OWASP's equivalent lower-memory
 * settings are `{ ln: 16, p: 2 }` (64 MiB), `{ ln: 15, p: 3 }` (32 MiB), `{ ln: 14, p: 5 }` (16 MiB).
 */
export interface ScryptHasherOptions {
  /** log2 of the CPU/memory cost N, 10 to 24. [17] */
  ln?: number;
  /** Block size r, 1 to 32. [8] */
  r?: number;
  /** Parallelisation p, 1 to 16. [1] */
  p?: number;
  /** Longest password in UTF-8 bytes, 1 to 4096. [1024] */
  maxBytes?: number;
}

/**
 * Options of {@link argon2Hasher}. The defaults are OWASP's first argon2id setting (Password Storage
 * Cheat Sheet): m = 19456 KiB (19 MiB), t = 2, p = 1. OWASP's equivalent settings trade memory for
 * passes: `{ memoryCost: 47104, timeCost: 1 }`, `{ memoryCost: 12288, timeCost: 3 }`,
 * `{ memoryCost: 9216, timeCost: 4 }`, `{ memoryCost: 7168, timeCost: 5 }`.
 */
export interface Argon2HasherOptions {
  /** Memory per hash in KiB (m), 1024 to 4194304. [19456] */
  memoryCost?: number;
  /** Passes over the memory (t), 1 to 100. [2] */
  timeCost?: number;
  /** Lanes (p), 1 to 16; changes the hash, not only its speed. [1] */
  parallelism?: number;
  /** Longest password in UTF-8 bytes, 1 to 4096. [1024] */
  maxBytes?: number;
}

/** Options of {@link hashPassword} and {@link needsRehash}. */
export interface HashingOptions {
  /** The hasher to use or compare with. [bcryptHasher(): bcrypt, cost 10] */
  hasher?: PasswordHasher;
}

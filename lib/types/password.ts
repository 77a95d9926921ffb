/** The `password` option group: the policy a new password meets, and the one place to choose the hasher. */
import type { BreachedPasswordCheck, PasswordHasher } from "../policy/types.js";
import type { ResetUser } from "./adapters.js";
import type { DeprecatedPasswordPolicy } from "./deprecated.js";

/** What {@link PasswordPolicy.rule} receives. */
export interface PasswordRuleContext<User extends ResetUser = ResetUser> {
  /** The new password, already within the length limits. */
  password: string;
  /** The user it is for, as `findUser` returned it. */
  user: User;
}

/** `password`: the new-password policy and the hasher. */
export interface PasswordPolicy<User extends ResetUser = ResetUser> extends DeprecatedPasswordPolicy<User> {
  /** Minimum length in characters. [8] */
  minLength?: number;
  /**
   * Maximum length in UTF-8 bytes; longer passwords are refused, never truncated. At most the
   * hasher's limit: 72 with the default bcrypt hasher. [the hasher's limit: 72 for bcrypt]
   */
  maxBytes?: number;
  /** Whether `passwordConfirm` (or `confirmPassword`) is required. [true] */
  requireConfirmation?: boolean;
  /**
   * Refuse the most common passwords (49,000 from public breach corpora, case-insensitive, and
   * trivially decorated variants such as "Password1!"). [true]
   */
  commonPasswords?: boolean;
  /** A breached-password check, e.g. `haveIBeenPwned()`; its failures are `breach_check.failed` events. [none] */
  breached?: BreachedPasswordCheck;
  /** Minimum zxcvbn score (0–4) with the account's identifiers as inputs; needs `@zxcvbn-ts/core`. [0: off] */
  minStrength?: number;
  /**
   * The hasher of new passwords: `bcryptHasher({ rounds })`, `argon2Hasher()` (argon2id, OWASP's
   * first choice; needs `@node-rs/argon2`) or `scryptHasher()` (both take passwords past bcrypt's 72
   * bytes), or your own. A `bcryptHasher()` runs in the router's worker pool and `argon2Hasher()` on
   * the native binding's threads, both off the main thread; `maxBytes` defaults to the hasher's limit. [`bcryptHasher({ rounds: 10 })`, in
   * the pool]
   */
  hasher?: PasswordHasher;
  /**
   * The app's own rule, run before the built-in checks (its message wins): returns an error message
   * to refuse the password, or nothing to accept it. [none]
   */
  rule?: (
    context: PasswordRuleContext<User>,
  ) => string | void | undefined | Promise<string | void | undefined>;
}

/**
 * The hashing helpers an app uses for its own login, sign-up and change-password forms, so they
 * follow the same rules as the reset: `hashPassword`, `verifyPassword` and `needsRehash`.
 */
import { isArgon2Hash, verifyArgon2 } from "./argon2.js";
import { bcryptHasher, isBcryptHash, verifyBcrypt } from "./bcrypt.js";
import { isScryptHash, verifyScrypt } from "./scrypt.js";
import type { HashingOptions, PasswordHasher } from "./types.js";

let defaultHasher: PasswordHasher | undefined;

/** The package's default hasher: bcrypt at cost 10, as the reset flow uses by default. */
function resolveHasher(options: HashingOptions | undefined): PasswordHasher {
  if (options?.hasher !== undefined) return options.hasher;
  defaultHasher ??= bcryptHasher();
  return defaultHasher;
}

/**
 * Hashes `plain` with `options.hasher` [bcrypt, cost 10]. Rejects with a `RangeError` when the
 * password is longer than the hasher's `maxBytes`: check it first with `checkPassword`.
 */
export function hashPassword(plain: string, options?: HashingOptions): Promise<string> {
  return resolveHasher(options).hash(plain);
}

/**
 * Whether `plain` matches `hash`, for every format this package writes or reads: bcrypt (`$2a$`,
 * `$2b$`, `$2y$`, from this package or from the app before it), `$scrypt$` and `$argon2id$` (from
 * `argon2Hasher()` or any argon2 library; it needs `@node-rs/argon2` installed). A bcrypt hash and a
 * password over 72 bytes give `false`, never a match on the first 72. Rejects with a `TypeError`
 * for a hash in no known format, so a wrong column or a placeholder is noticed rather than read as
 * a wrong password.
 */
export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  if (typeof plain !== "string") return false;
  if (typeof hash === "string" && isBcryptHash(hash)) return verifyBcrypt(plain, hash);
  if (typeof hash === "string" && isScryptHash(hash)) return verifyScrypt(plain, hash);
  if (typeof hash === "string" && isArgon2Hash(hash)) return verifyArgon2(plain, hash);
  throw new TypeError(
    "verifyPassword: `hash` is not a bcrypt ($2a$, $2b$, $2y$), $scrypt$ or $argon2id$ hash.",
  );
}

/**
 * Whether `hash` should be replaced at the user's next successful login: it was made with another
 * algorithm or another cost than `options.hasher` [bcrypt, cost 10] uses now.
 */
export function needsRehash(hash: string, options?: HashingOptions): boolean {
  return resolveHasher(options).needsRehash(hash);
}

/**
 * `bcryptHasher()`: bcrypt through bcryptjs, the package's default. bcrypt reads only the first 72
 * bytes of a password, so this hasher refuses longer ones instead of letting two passwords that
 * share 72 bytes match each other.
 */
import { compare, getRounds, hash as bcryptHash } from "bcryptjs";
import type { BcryptHasherOptions, PasswordHasher } from "./types.js";

/** bcrypt's input limit in bytes. */
export const BCRYPT_MAX_BYTES = 72;

/** The bcrypt costs bcryptjs accepts (2^4 to 2^31 rounds). */
export const BCRYPT_ROUNDS = { min: 4, max: 31 } as const;

/**
 * Throws a `TypeError` unless `rounds` is a bcrypt cost, a whole number from 4 to 31; `option`
 * names what was given, as the message starts.
 */
export function checkBcryptRounds(rounds: number, option: string): void {
  if (!Number.isInteger(rounds) || rounds < BCRYPT_ROUNDS.min || rounds > BCRYPT_ROUNDS.max) {
    throw new TypeError(
      `${option} must be an integer from ${BCRYPT_ROUNDS.min} to ${BCRYPT_ROUNDS.max}; got ${String(rounds)}.`,
    );
  }
}

/** `$2a$`, `$2b$` and `$2y$` hashes are the same algorithm (`$2y$` is PHP's name for `$2b$`). */
const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/** Whether `hash` is a bcrypt hash this package can verify. */
export function isBcryptHash(hash: string): boolean {
  return BCRYPT_HASH.test(hash);
}

/** Verifies a bcrypt hash; `false` for a password over 72 bytes, never a match on its first 72. */
export async function verifyBcrypt(plain: string, hash: string): Promise<boolean> {
  if (!isBcryptHash(hash) || Buffer.byteLength(plain, "utf8") > BCRYPT_MAX_BYTES) return false;
  return compare(plain, hash);
}

/**
 * A bcrypt {@link PasswordHasher} at cost `rounds` [10]. `options.hash` replaces the hashing itself
 * (a worker pool running bcryptjs at the same cost, say); verifying stays here.
 */
export function bcryptHasher(options: BcryptHasherOptions = {}): PasswordHasher {
  const rounds = options.rounds ?? 10;
  checkBcryptRounds(rounds, "bcryptHasher: `rounds`");
  if (options.hash !== undefined && typeof options.hash !== "function") {
    throw new TypeError("bcryptHasher: `hash` must be a function returning a bcrypt hash.");
  }
  const hashWith = options.hash ?? ((plain: string) => bcryptHash(plain, rounds));
  return {
    id: "bcrypt",
    maxBytes: BCRYPT_MAX_BYTES,
    async hash(plain) {
      if (Buffer.byteLength(plain, "utf8") > BCRYPT_MAX_BYTES) {
        throw new RangeError(
          `bcrypt hashes at most ${BCRYPT_MAX_BYTES} bytes; refuse longer passwords first`,
        );
      }
      return hashWith(plain);
    },
    verify: verifyBcrypt,
    needsRehash(hash) {
      return !isBcryptHash(hash) || getRounds(hash) !== rounds;
    },
  };
}

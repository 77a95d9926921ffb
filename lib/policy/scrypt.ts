/**
 * `scryptHasher()`: scrypt from `node:crypto`, for apps that accept passwords longer than bcrypt's
 * 72 bytes (ASVS 5.0 6.2.9 asks for at least 64 characters: 64 x "é" is 128 bytes). scrypt
 * pre-hashes its input, so length costs nothing extra and nothing is truncated.
 *
 * The hash is a PHC string that names its own parameters, so a later change of cost still
 * verifies old hashes and `needsRehash` can spot them:
 * `$scrypt$ln=17,r=8,p=1$<salt, base64 without padding>$<32-byte key, base64 without padding>`.
 * Defaults: OWASP Password Storage Cheat Sheet, N = 2^17, r = 8, p = 1 (128 MiB and roughly a
 * few hundred milliseconds per hash; `bench/password-policy.ts` measures it). The work runs on
 * libuv's thread pool (4 threads unless `UV_THREADPOOL_SIZE` says otherwise), which also caps the
 * memory in use at once.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { PasswordHasher, ScryptHasherOptions } from "./types.js";

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** The highest `maxBytes` allowed; `verifyPassword` accepts scrypt passwords up to this. */
export const SCRYPT_MAX_BYTES_LIMIT = 4096;

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{16,})$/;

interface ScryptParameters {
  ln: number;
  r: number;
  p: number;
}

interface ParsedHash extends ScryptParameters {
  salt: Buffer;
  key: Buffer;
}

function inRange(value: number, low: number, high: number): boolean {
  return Number.isInteger(value) && value >= low && value <= high;
}

function validParameters({ ln, r, p }: ScryptParameters): boolean {
  return inRange(ln, 10, 24) && inRange(r, 1, 32) && inRange(p, 1, 16);
}

/** The parts of a `$scrypt$` hash, or `undefined` when it is not one this package can verify. */
function parse(hash: string): ParsedHash | undefined {
  const match = PHC.exec(hash);
  if (!match) return undefined;
  const parsed = {
    ln: Number(match[1]),
    r: Number(match[2]),
    p: Number(match[3]),
    salt: Buffer.from(match[4]!, "base64"),
    key: Buffer.from(match[5]!, "base64"),
  };
  return validParameters(parsed) && parsed.key.length >= 16 ? parsed : undefined;
}

/** Whether `hash` is a `$scrypt$` hash this package can verify. */
export function isScryptHash(hash: string): boolean {
  return parse(hash) !== undefined;
}

function derive(
  plain: string,
  salt: Buffer,
  length: number,
  { ln, r, p }: ScryptParameters,
): Promise<Buffer> {
  const N = 2 ** ln;
  // Node refuses to allocate more than `maxmem` (32 MiB by default); scrypt needs 128 * N * r
  // bytes plus 128 * r * p, so allow that with room to spare.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * r * (N + p + 2) + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize("NFC"), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function base64(bytes: Buffer): string {
  return bytes.toString("base64").replace(/=+$/, "");
}

/** Verifies a `$scrypt$` hash in constant time; `false` for another format or over `maxBytes`. */
export async function verifyScrypt(
  plain: string,
  hash: string,
  maxBytes = SCRYPT_MAX_BYTES_LIMIT,
): Promise<boolean> {
  const parsed = parse(hash);
  if (!parsed || Buffer.byteLength(plain, "utf8") > maxBytes) return false;
  const key = await derive(plain, parsed.salt, parsed.key.length, parsed);
  return timingSafeEqual(key, parsed.key);
}

/**
 * An scrypt {@link PasswordHasher}; defaults N = 2^17 (`ln: 17`), r = 8, p = 1, `maxBytes` 1024.
 * Passwords are NFC-normalised before hashing, so "é" typed as one code point or as "e" plus an
 * accent verifies the same (NIST SP 800-63B 5.1.1.2).
 */
export function scryptHasher(options: ScryptHasherOptions = {}): PasswordHasher {
  const known = { ln: true, r: true, p: true, maxBytes: true } satisfies Record<
    keyof ScryptHasherOptions,
    true
  >;
  for (const key of Object.keys(options)) {
    if (!(key in known)) throw new TypeError(`scryptHasher: unknown option \`${key}\`.`);
  }
  const parameters = { ln: options.ln ?? 17, r: options.r ?? 8, p: options.p ?? 1 };
  if (!validParameters(parameters)) {
    throw new TypeError(
      `scryptHasher: \`ln\` must be an integer from 10 to 24, \`r\` from 1 to 32, \`p\` from 1 to 16; got ${JSON.stringify(parameters)}.`,
    );
  }
  const maxBytes = options.maxBytes ?? 1024;
  if (!inRange(maxBytes, 1, SCRYPT_MAX_BYTES_LIMIT)) {
    throw new TypeError(
      `scryptHasher: \`maxBytes\` must be an integer from 1 to ${SCRYPT_MAX_BYTES_LIMIT}; got ${String(maxBytes)}.`,
    );
  }
  const { ln, r, p } = parameters;
  return {
    id: "scrypt",
    maxBytes,
    async hash(plain) {
      if (Buffer.byteLength(plain, "utf8") > maxBytes) {
        throw new RangeError(`scryptHasher hashes at most ${maxBytes} bytes; refuse longer passwords first`);
      }
      const salt = randomBytes(SALT_BYTES);
      const key = await derive(plain, salt, KEY_BYTES, parameters);
      return `$scrypt$ln=${ln},r=${r},p=${p}$${base64(salt)}$${base64(key)}`;
    },
    verify: (plain, hash) => verifyScrypt(plain, hash, maxBytes),
    needsRehash(hash) {
      const parsed = parse(hash);
      return (
        !parsed || parsed.ln !== ln || parsed.r !== r || parsed.p !== p || parsed.key.length !== KEY_BYTES
      );
    },
  };
}

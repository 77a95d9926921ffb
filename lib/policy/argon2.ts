/**
 * `argon2Hasher()`: argon2id, OWASP's first choice for password storage, through `@node-rs/argon2`
 * (prebuilt native binaries, no compiler needed). That package is an optional peer dependency,
 * imported only when an argon2 hash is made or checked: an app that never uses argon2 never loads it.
 *
 * The hash is the standard PHC string, `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>`, which names
 * its own parameters, so `verifyPassword` reads hashes made by other argon2 libraries and
 * `needsRehash` spots old costs. The binding hashes on libuv's thread pool, never on the main
 * thread; this hasher also keeps at most one hash per core running (the rest wait their turn in a
 * queue), so a burst of resets neither takes every libuv thread from the app's file and DNS work
 * nor holds more than cores x `memoryCost` of memory.
 */
import { availableParallelism } from "node:os";
import type { Argon2HasherOptions, PasswordHasher } from "./types.js";

/** The highest `maxBytes` allowed; `verifyPassword` accepts argon2 passwords up to this. */
export const ARGON2_MAX_BYTES_LIMIT = 4096;

/** `@node-rs/argon2`'s `Algorithm.Argon2id` and `Version.V0x13` (const enums: erased types). */
const ARGON2ID = 2; // @node-rs/argon2's Algorithm.Argon2id
const V0X13 = 1; // its Version.V0x13

/**
 * The part of `@node-rs/argon2` this hasher calls, declared here rather than imported so that the
 * package's type declarations never name the optional peer: an app without it must still
 * type-check. `test/policy/argon2.test.ts` holds the real binding to this shape.
 */
export interface Argon2Binding {
  hash(password: string, options: Argon2HashOptions): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

/** The options this hasher passes to the binding's `hash`, every one explicit. */
export interface Argon2HashOptions {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  outputLen: number;
  algorithm: number;
  version: number;
}
const KEY_BYTES = 32;

/**
 * `$argon2id$`, an optional version (absent means 0x10), m, t and p, then salt and key in base64
 * without padding. Other PHC parameters (`keyid`, `data`) are not read.
 */
const PHC =
  /^\$argon2id\$(?:v=(\d{1,3})\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{22,})$/;

interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

interface ParsedHash extends Argon2Parameters {
  version: number;
  keyLength: number;
}

function inRange(value: number, low: number, high: number): boolean {
  return Number.isInteger(value) && value >= low && value <= high;
}

/** What this hasher makes: 1 MiB to 4 GiB, 1 to 100 passes, 1 to 16 lanes. */
function validParameters({ memoryCost, timeCost, parallelism }: Argon2Parameters): boolean {
  return (
    inRange(memoryCost, 1024, 4 * 1024 * 1024) && inRange(timeCost, 1, 100) && inRange(parallelism, 1, 16)
  );
}

/**
 * The parts of a `$argon2id$` hash, or `undefined` when it is not one this package verifies. Hashes
 * made elsewhere may use smaller costs than this hasher makes (argon2's own floor is 8 KiB per lane),
 * but never more than 4 GiB: a hash from a wrong column must not make the app allocate without bound.
 */
function parse(hash: string): ParsedHash | undefined {
  const match = PHC.exec(hash);
  if (!match) return undefined;
  const parsed = {
    version: match[1] === undefined ? 16 : Number(match[1]),
    memoryCost: Number(match[2]),
    timeCost: Number(match[3]),
    parallelism: Number(match[4]),
    keyLength: Math.floor((match[6]!.length * 3) / 4),
  };
  const known =
    (parsed.version === 16 || parsed.version === 19) &&
    inRange(parsed.parallelism, 1, 255) &&
    inRange(parsed.memoryCost, 8 * parsed.parallelism, 4 * 1024 * 1024) &&
    inRange(parsed.timeCost, 1, 1000);
  return known ? parsed : undefined;
}

/** Whether `hash` is a `$argon2id$` hash this package can verify. */
export function isArgon2Hash(hash: string): boolean {
  return parse(hash) !== undefined;
}

let loading: Promise<Argon2Binding> | undefined;

/**
 * Runs `load` (the import of the optional peer; tests pass one that fails). A failure rejects with
 * the command that fixes it, whether the package is absent or its binary is not there for this
 * platform.
 */
export async function importArgon2(load: () => Promise<unknown>): Promise<Argon2Binding> {
  try {
    return (await load()) as Argon2Binding;
  } catch (error) {
    throw new Error(
      "argon2Hasher needs the optional peer dependency @node-rs/argon2 (prebuilt binaries, no " +
        `compiler needed): npm install @node-rs/argon2. Loading it failed: ${String(error)}`,
      { cause: error },
    );
  }
}

/** `@node-rs/argon2`, loaded on first use and shared; a failed load is tried again next time. */
function argon2(): Promise<Argon2Binding> {
  loading ??= importArgon2(() => import("@node-rs/argon2")).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Runs at most `limit` tasks at once, the others in arrival order. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** One queue for every argon2 hash and verify of the process: they share the same cores. */
let queue: (<T>(task: () => Promise<T>) => Promise<T>) | undefined;
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  queue ??= limiter(Math.max(1, availableParallelism()));
  return queue(task);
}

/**
 * Verifies a `$argon2id$` hash (constant-time inside the binding); `false` for another format or a
 * password over `maxBytes`. The password is tried NFC-normalised, as this package hashes it, and
 * also as typed when that differs, so hashes another app made from a decomposed "é" still verify.
 */
export async function verifyArgon2(
  plain: string,
  hash: string,
  maxBytes = ARGON2_MAX_BYTES_LIMIT,
): Promise<boolean> {
  if (!parse(hash) || Buffer.byteLength(plain, "utf8") > maxBytes) return false;
  const { verify } = await argon2();
  const normalized = plain.normalize("NFC");
  if (await inTurn(() => verify(hash, normalized))) return true;
  return normalized !== plain && inTurn(() => verify(hash, plain));
}

/**
 * An argon2id {@link PasswordHasher} on the optional peer `@node-rs/argon2`; defaults are OWASP's
 * (Password Storage Cheat Sheet): 19 MiB (`memoryCost: 19456` KiB), 2 passes, 1 lane, and `maxBytes`
 * 1024. Passwords are NFC-normalised before hashing, so "é" typed as one code point or as "e" plus
 * an accent verifies the same (NIST SP 800-63B 5.1.1.2). Without `@node-rs/argon2` installed,
 * `hash` and `verify` reject with an error naming `npm install @node-rs/argon2`.
 */
export function argon2Hasher(options: Argon2HasherOptions = {}): PasswordHasher {
  const known = { memoryCost: true, timeCost: true, parallelism: true, maxBytes: true } satisfies Record<
    keyof Argon2HasherOptions,
    true
  >;
  for (const key of Object.keys(options)) {
    if (!(key in known)) throw new TypeError(`argon2Hasher: unknown option \`${key}\`.`);
  }
  const parameters = {
    memoryCost: options.memoryCost ?? 19_456,
    timeCost: options.timeCost ?? 2,
    parallelism: options.parallelism ?? 1,
  };
  if (!validParameters(parameters)) {
    throw new TypeError(
      `argon2Hasher: \`memoryCost\` must be an integer from 1024 to 4194304 (KiB), \`timeCost\` from 1 to 100, \`parallelism\` from 1 to 16; got ${JSON.stringify(parameters)}.`,
    );
  }
  const maxBytes = options.maxBytes ?? 1024;
  if (!inRange(maxBytes, 1, ARGON2_MAX_BYTES_LIMIT)) {
    throw new TypeError(
      `argon2Hasher: \`maxBytes\` must be an integer from 1 to ${ARGON2_MAX_BYTES_LIMIT}; got ${String(maxBytes)}.`,
    );
  }
  // Given explicitly: @node-rs/argon2's own defaults changed between versions (2.0: 4 MiB, t = 3).
  const hashOptions: Argon2HashOptions = {
    ...parameters,
    outputLen: KEY_BYTES,
    algorithm: ARGON2ID,
    version: V0X13,
  };
  return {
    id: "argon2id",
    maxBytes,
    async hash(plain) {
      if (Buffer.byteLength(plain, "utf8") > maxBytes) {
        throw new RangeError(`argon2Hasher hashes at most ${maxBytes} bytes; refuse longer passwords first`);
      }
      const { hash } = await argon2();
      return inTurn(() => hash(plain.normalize("NFC"), hashOptions));
    },
    verify: (plain, hash) => verifyArgon2(plain, hash, maxBytes),
    needsRehash(hash) {
      const parsed = parse(hash);
      return (
        !parsed ||
        parsed.version !== 19 ||
        parsed.memoryCost !== parameters.memoryCost ||
        parsed.timeCost !== parameters.timeCost ||
        parsed.parallelism !== parameters.parallelism ||
        parsed.keyLength !== KEY_BYTES
      );
    },
  };
}

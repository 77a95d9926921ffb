/**
 * `checkPassword()`: the reset's password policy for the app's own sign-up and change-password
 * forms (ASVS applies there too): length in characters, the hasher's byte limit, then the
 * built-in checks.
 */
import { bcryptHasher } from "./bcrypt.js";
import { createPasswordChecks, resolveChecksSettings } from "./checks.js";
import { policyRefusal } from "./messages.js";
import type { CheckPasswordOptions, PasswordUser } from "./types.js";

const EXTRA_KEYS = [
  "minLength",
  "maxBytes",
  "hasher",
] as const satisfies readonly (keyof CheckPasswordOptions)[];

/**
 * The message refusing `password` for `user`, or `undefined` when the policy accepts it. Defaults:
 * at least 8 characters, at most the hasher's `maxBytes` (72 for the default bcrypt), common
 * passwords and context words refused. Throws a `TypeError` for options out of range.
 */
export async function checkPassword(
  password: string,
  user: PasswordUser,
  options: CheckPasswordOptions = {},
): Promise<string | undefined> {
  const { minLength = 8, maxBytes: requestedMax, hasher, ...settings } = options;
  resolveChecksSettings(options, "checkPassword", EXTRA_KEYS);
  const limit = hasher?.maxBytes ?? bcryptHasher().maxBytes;
  const maxBytes = requestedMax ?? limit;
  if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > limit) {
    throw new TypeError(
      `checkPassword: \`maxBytes\` must be an integer from 1 to ${limit} (the hasher's limit).`,
    );
  }
  if (!Number.isInteger(minLength) || minLength < 1 || minLength > maxBytes) {
    throw new TypeError(`checkPassword: \`minLength\` must be an integer from 1 to ${maxBytes}.`);
  }
  if (typeof password !== "string" || [...password].length < minLength) {
    return policyRefusal("too_short", { minLength }).message;
  }
  if (Buffer.byteLength(password, "utf8") > maxBytes) return policyRefusal("too_long", { maxBytes }).message;
  return (await createPasswordChecks(settings).check(password, user))?.message;
}

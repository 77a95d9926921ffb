/**
 * `secret`: one key of at least 32 bytes, or a list of them newest first. Without one, a random key
 * for this process, with a warning where that cannot work (production, or a store several
 * instances share) — except in production with a shared store, where it throws: instances that
 * share a store but not a secret share no rate limit, code or reset session, and a warning let such
 * a deployment start and half-work. (A bend of 0.2's default, which only warned.)
 */
import { randomBytes } from "node:crypto";
import { PasswordResetConfigError } from "../config-error.js";
import type { Logger } from "../types.js";
import type { KeySettings } from "./settings.js";

/** Resolves `secret`; `sharedStore` when the token store is one several instances may share. */
export function resolveKeys(value: unknown, logger: Logger, sharedStore: boolean): KeySettings {
  if (value !== undefined) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || list.some((key) => typeof key !== "string" || Buffer.byteLength(key) < 32)) {
      throw new PasswordResetConfigError(
        "secret",
        "must be a string of at least 32 bytes, e.g. `crypto.randomBytes(32).toString('hex')`, shared by every instance (or a list of them, newest first, to rotate keys).",
      );
    }
    return { secret: list[0] as string, secrets: [...(list as string[])] };
  }
  if (process.env.NODE_ENV === "production" && sharedStore) {
    throw new PasswordResetConfigError(
      "secret",
      "is required with NODE_ENV=production and a token store other than MemoryTokenStore: every instance " +
        "must use the same one, or they share no rate limit, code or reset session. Generate it once with " +
        "`node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"`, keep it in your " +
        "secret manager and pass it, e.g. `secret: process.env.PASSWORD_RESET_SECRET`.",
    );
  }
  if (process.env.NODE_ENV === "production" || sharedStore) {
    logger.warn(
      "express-password-reset: no `secret` given; using a random one for this process. Reset sessions and " +
        "codes will not survive a restart or work across instances, and instances sharing a store will not " +
        "share rate limits (their keys are keyed hashes under the secret). Set `secret` to a shared 32-byte value.",
    );
  }
  const secret = randomBytes(32).toString("hex");
  return { secret, secrets: [secret] };
}

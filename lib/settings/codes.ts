/** `codes`: lifetime, length, guess budget, request tokens, and the unsafe codes-alone opt-in. */
import { boolean, integer } from "./checks.js";
import type { GivenOptions } from "./given.js";
import type { CodeSettings } from "./settings.js";

/** Resolves `codes`. */
export function resolveCodes(given: GivenOptions): CodeSettings {
  return {
    ttlMs: integer(...given.entry("codes.ttlSeconds"), 900, 30, 86400) * 1000,
    length: integer(...given.entry("codes.length"), 6, 4, 12),
    maxAttempts: integer(...given.entry("codes.maxAttempts"), 5, 1, 100),
    requestTokens: boolean(...given.entry("codes.requestTokens"), false),
    withoutIdentifier: boolean(...given.entry("codes.withoutIdentifier"), false),
  };
}

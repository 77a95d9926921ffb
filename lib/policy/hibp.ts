/**
 * `haveIBeenPwned()`: the breached-password check against the Pwned Passwords range API, by
 * k-anonymity. Only the first 5 hex characters of the password's SHA-1 leave the process; the
 * service answers with every suffix it knows under that prefix (about a thousand, padded with
 * fake rows of count 0 when `Add-Padding` is sent so the answer's size says nothing either) and
 * the suffix is compared here.
 */
import { createHash } from "node:crypto";
import type { BreachCheckResult, BreachedPasswordCheck, HaveIBeenPwnedOptions } from "./types.js";

const DEFAULT_BASE_URL = "https://api.pwnedpasswords.com";

interface ResolvedOptions {
  baseUrl: string;
  timeoutMs: number;
  refuseOnError: boolean;
}

function resolve(options: HaveIBeenPwnedOptions): ResolvedOptions {
  const known = { baseUrl: true, timeoutMs: true, onError: true } satisfies Record<
    keyof HaveIBeenPwnedOptions,
    true
  >;
  for (const key of Object.keys(options)) {
    if (!(key in known)) throw new TypeError(`haveIBeenPwned: unknown option \`${key}\`.`);
  }
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  let parsed: URL | undefined;
  try {
    parsed = new URL(baseUrl);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new TypeError(
      `haveIBeenPwned: \`baseUrl\` must be an http(s) URL; got ${JSON.stringify(baseUrl)}.`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 2000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) {
    throw new TypeError(
      `haveIBeenPwned: \`timeoutMs\` must be an integer from 1 to 60000; got ${String(timeoutMs)}.`,
    );
  }
  const onError = options.onError ?? "allow";
  if (onError !== "allow" && onError !== "refuse") {
    throw new TypeError(
      `haveIBeenPwned: \`onError\` must be "allow" or "refuse"; got ${JSON.stringify(onError)}.`,
    );
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ""), timeoutMs, refuseOnError: onError === "refuse" };
}

/** How often `suffix` appears in a range answer ("SUFFIX:COUNT" lines); padding rows count 0. */
function countIn(body: string, suffix: string): number {
  for (const line of body.split("\n")) {
    const colon = line.indexOf(":");
    if (colon === -1 || line.slice(0, colon).trim().toUpperCase() !== suffix) continue;
    const count = Number.parseInt(line.slice(colon + 1).trim(), 10);
    return Number.isFinite(count) && count > 0 ? count : 0;
  }
  return 0;
}

function describe(error: unknown, timeoutMs: number): Error {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return new Error(`Pwned Passwords did not answer within ${timeoutMs} ms`, { cause: error });
  }
  if (error instanceof Error)
    return new Error(`Pwned Passwords could not be reached: ${error.message}`, { cause: error });
  return new Error(`Pwned Passwords could not be reached: ${String(error)}`);
}

/**
 * A breached-password check for `password.breached`, against the Pwned Passwords range API (or a
 * mirror at `baseUrl`). It never rejects: a failure resolves to `{ failed, refuse }`, `refuse`
 * following `onError`, and the whole request, body included, is bounded by `timeoutMs`.
 */
export function haveIBeenPwned(options: HaveIBeenPwnedOptions = {}): BreachedPasswordCheck {
  const { baseUrl, timeoutMs, refuseOnError } = resolve(options);
  return async (password: string): Promise<BreachCheckResult> => {
    const digest = createHash("sha1").update(password, "utf8").digest("hex").toUpperCase();
    const prefix = digest.slice(0, 5);
    try {
      const response = await fetch(`${baseUrl}/range/${prefix}`, {
        headers: { "Add-Padding": "true", "User-Agent": "express-password-reset" },
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect could send the prefix somewhere the app did not configure.
        redirect: "error",
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`HTTP ${response.status}`);
      }
      const count = countIn(await response.text(), digest.slice(5));
      return { breached: count > 0, count };
    } catch (error) {
      return { failed: describe(error, timeoutMs), refuse: refuseOnError };
    }
  };
}

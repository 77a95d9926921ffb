/**
 * Generic option checks shared by every entry point that takes options (the router, the
 * nodemailer mailer): each throws a {@link PasswordResetConfigError} whose message names the option
 * and the fix, with a "Did you mean" hint for a misspelt key.
 */
import { PasswordResetConfigError } from "../config-error.js";

/** True for a plain object (not `null`, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The first key of `value` not in `known`, if any. */
export function firstUnknownKey(value: object, known: readonly string[]): string | undefined {
  return Object.keys(value).find((key) => !known.includes(key));
}

/** Throws for the first key of `value` not in `known`, suggesting the closest known one. */
export function rejectUnknownKeys(prefix: string, value: object, known: readonly string[]): void {
  const key = firstUnknownKey(value, known);
  if (key !== undefined) {
    throw new PasswordResetConfigError(`${prefix}${key}`, `is not an option.${suggest(key, known)}`);
  }
}

/** `value` as an integer in `[min, max]`, or `fallback` when it is `undefined`. */
export function integer(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new PasswordResetConfigError(
      name,
      `must be an integer from ${min} to ${max}; got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * `value` seconds (decimals allowed) in `[min, max]`, as whole milliseconds; `fallback` seconds
 * when it is `undefined`.
 */
export function secondsAsMs(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return Math.round(fallback * 1000);
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new PasswordResetConfigError(
      name,
      `must be a number of seconds from ${min} to ${max}; got ${String(value)}.`,
    );
  }
  return Math.max(1, Math.round(value * 1000));
}

/** `value` as a boolean, or `fallback` when it is `undefined`. */
export function boolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new PasswordResetConfigError(name, "must be true or false.");
  return value;
}

/** `value` as one of `allowed`, or `fallback` when it is `undefined`. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new PasswordResetConfigError(name, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}.`);
  }
  return value as T;
}

/** `value` when it is a function, `undefined` when it is `undefined`; throws otherwise. */
export function optionalFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw new PasswordResetConfigError(name, "must be a function.");
  return value;
}

/**
 * `value` as an adapter object with every method in `methods`. `what` names what to pass
 * ("a TokenStore"); `hint`, when given, is added to every message (what such an object is).
 */
export function requireAdapter<T>(
  name: string,
  value: unknown,
  methods: readonly string[],
  what: string,
  hint = "",
): T {
  const tail = hint ? ` ${hint}` : "";
  if (value === undefined || value === null) {
    throw new PasswordResetConfigError(name, `is required: pass ${what} with ${methods.join(", ")}.${tail}`);
  }
  if (typeof value === "function") {
    throw new PasswordResetConfigError(name, `must be ${what} object, not a function.${tail}`);
  }
  if (typeof value !== "object") throw new PasswordResetConfigError(name, `must be ${what} object.${tail}`);
  for (const method of methods) {
    if (typeof (value as Record<string, unknown>)[method] !== "function") {
      throw new PasswordResetConfigError(`${name}.${method}`, `must be a function.${tail}`);
    }
  }
  return value as T;
}

/** " Did you mean `x`?" for the closest known name within two edits, else "". */
export function suggest(key: string, known: readonly string[]): string {
  const best = closest(key, known);
  return best === undefined ? "" : ` Did you mean \`${best}\`?`;
}

/**
 * The candidate closest to `key` within two edits (case aside), the first of equals; `compared`
 * picks the part of a candidate to compare (a group key's leaf). `undefined` when none is close.
 */
export function closest(
  key: string,
  candidates: readonly string[],
  compared: (candidate: string) => string = (candidate) => candidate,
): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), compared(candidate).toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

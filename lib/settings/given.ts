/**
 * The options as given, read by their 1.0 paths (`codes.maxAttempts`) whichever spelling the app
 * used: a 0.2 spelling is checked and adapted to its 1.0 form here, once, and remembered so that
 * messages name the option as the app wrote it and the router can warn about it. Giving two
 * spellings of one option throws, naming both.
 */
import { PasswordResetConfigError } from "../config-error.js";
import type { Logger, PasswordResetOptions } from "../types.js";
import { isObject } from "./checks.js";
import { DEPRECATED, deprecationWarning, type Deprecation } from "./deprecated.js";
import { GROUP_KEYS } from "./option-keys.js";

interface GivenValue {
  value: unknown;
  /** The option as the app spelled it. */
  name: string;
}

/** The options, by 1.0 path; see the module comment. */
export class GivenOptions {
  readonly #options: Readonly<Record<string, unknown>>;
  readonly #values = new Map<string, GivenValue>();
  /** The 0.2 spellings in use, in the order of the table. */
  readonly #deprecated: Array<[key: string, deprecation: Deprecation]> = [];

  /** Reads `options`, whose keys were already checked (every group is an object, or `undefined`). */
  constructor(options: PasswordResetOptions) {
    this.#options = options as unknown as Record<string, unknown>;
    for (const group of Object.keys(GROUP_KEYS)) {
      const value = this.#options[group];
      if (!isObject(value)) continue;
      for (const [key, inner] of Object.entries(value)) {
        const path = `${group}.${key}`;
        if (inner !== undefined && !(path in DEPRECATED))
          this.#values.set(path, { value: inner, name: path });
      }
    }
    for (const [key, deprecation] of Object.entries(DEPRECATED) as Array<[string, Deprecation]>) {
      const value = this.#legacy(key);
      if (value === undefined) continue;
      const earlier = this.#values.get(deprecation.to);
      if (earlier !== undefined) {
        throw new PasswordResetConfigError(
          earlier.name,
          `and \`${key}\` set the same option: pass only \`${deprecation.to}\` (\`${key}\` is its 0.2 spelling).`,
        );
      }
      const upgraded = deprecation.upgrade ? deprecation.upgrade(value, key) : value;
      this.#values.set(deprecation.to, { value: upgraded, name: key });
      this.#deprecated.push([key, deprecation]);
    }
  }

  /** The value at a 1.0 path (`codes.maxAttempts`) or of a top-level key (`users`). */
  get(path: string): unknown {
    return path.includes(".") ? this.#values.get(path)?.value : this.#options[path];
  }

  /** The name of the option at `path` as the app spelled it, for messages. */
  name(path: string): string {
    return this.#values.get(path)?.name ?? path;
  }

  /** The option at `path` as the app spelled it, and its value: the first two arguments of a check. */
  entry(path: string): readonly [name: string, value: unknown] {
    return [this.name(path), this.get(path)];
  }

  /** Logs one warning per 0.2 spelling in use, naming its 1.0 spelling. */
  warnDeprecated(logger: Logger): void {
    for (const [key, deprecation] of this.#deprecated) logger.warn(deprecationWarning(key, deprecation));
  }

  /** The value of a 0.2 spelling: a top-level key, or `password.validate`. */
  #legacy(key: string): unknown {
    const dot = key.indexOf(".");
    if (dot === -1) return this.#options[key];
    const group = this.#options[key.slice(0, dot)];
    return isObject(group) ? group[key.slice(dot + 1)] : undefined;
  }
}

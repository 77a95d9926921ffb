/** `advanced`: the logger (resolved first: deprecation warnings go to it), the clock, the adapter time limit, telemetry. */
import { PasswordResetConfigError } from "../config-error.js";
import type { Logger } from "../types.js";
import { boolean, isObject, optionalFunction, secondsAsMs } from "./checks.js";
import type { GivenOptions } from "./given.js";
import type { AdvancedSettings } from "./settings.js";

/** Resolves `advanced`. */
export function resolveAdvanced(given: GivenOptions): AdvancedSettings {
  const [nowName, now] = given.entry("advanced.now");
  return {
    logger: resolveLogger(...given.entry("advanced.logger")),
    now: optionalFunction(nowName, now as (() => number) | undefined) ?? Date.now,
    adapterTimeoutMs: secondsAsMs(...given.entry("advanced.adapterTimeoutSeconds"), 10, 0.001, 600),
    telemetry: boolean(...given.entry("advanced.telemetry"), false),
  };
}

/** `advanced.logger` (spelled `name`): an object with `warn` and `error` [console]. */
function resolveLogger(name: string, value: unknown): Logger {
  if (value === undefined) return console;
  if (!isObject(value) || typeof value.warn !== "function" || typeof value.error !== "function") {
    throw new PasswordResetConfigError(name, "must have `warn` and `error` methods (and optionally `info`).");
  }
  return value as unknown as Logger;
}

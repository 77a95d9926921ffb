/** `hooks`: `afterReset`, `onEvent` and `onCompromiseReported`, each checked to be a function (0.2 spellings already adapted). */
import { optionalFunction } from "./checks.js";
import type { GivenOptions } from "./given.js";
import type { HookSettings } from "./settings.js";

/** Resolves `hooks`. */
export function resolveHooks(given: GivenOptions): HookSettings {
  const [afterResetName, afterReset] = given.entry("hooks.afterReset");
  const [onEventName, onEvent] = given.entry("hooks.onEvent");
  const [reportedName, reported] = given.entry("hooks.onCompromiseReported");
  return {
    afterReset: optionalFunction(afterResetName, afterReset as HookSettings["afterReset"]),
    onEvent: optionalFunction(onEventName, onEvent as HookSettings["onEvent"]),
    onCompromiseReported: optionalFunction(reportedName, reported as HookSettings["onCompromiseReported"]),
  };
}

/**
 * `http`: paths, field names, the app's request and response hooks, body limits and the reset
 * session's lifetime. `linksPossible` says whether this router mails links (whose `token` field
 * must keep its name).
 */
import { boolean, integer, optionalFunction, secondsAsMs } from "./checks.js";
import { resolveAliases, resolveFields } from "./fields.js";
import type { GivenOptions } from "./given.js";
import { resolvePaths } from "./route-paths.js";
import type { HttpSettings } from "./settings.js";

/** Resolves `http`. */
export function resolveHttp(given: GivenOptions, linksPossible: boolean): HttpSettings {
  const hook = <K extends "parseRequest" | "formatResponse" | "authorize" | "bindTo">(key: K) => {
    const [name, value] = given.entry(`http.${key}`);
    return optionalFunction(name, value as HttpSettings[K]);
  };
  const parseRequest = hook("parseRequest");
  return {
    paths: resolvePaths(...given.entry("http.paths"), parseRequest !== undefined),
    aliases: resolveAliases(...given.entry("http.aliases"), linksPossible),
    fields: resolveFields(...given.entry("http.fields")),
    parseRequest,
    formatResponse: hook("formatResponse"),
    authorize: hook("authorize"),
    bindTo: hook("bindTo"),
    maxBodyBytes: integer(...given.entry("http.maxBodyBytes"), 16 * 1024, 256, 1024 * 1024),
    bodyTimeoutMs: secondsAsMs(...given.entry("http.bodyTimeoutSeconds"), 10, 0.1, 600),
    sessionTtlMs: integer(...given.entry("http.sessionTtlSeconds"), 600, 30, 86400) * 1000,
    translateMessages: boolean(...given.entry("http.translateMessages"), false),
  };
}

/** `http.paths`: one path per route, normalised as the router compares request paths with them. */
import { PasswordResetConfigError } from "../config-error.js";
import { ROUTE_NAMES } from "../vocabulary.js";
import { isObject, rejectUnknownKeys } from "./checks.js";
import { normalizePath } from "./paths.js";
import type { CoreRouteName, RoutePaths } from "./settings.js";

/**
 * `paths` (spelled `name`): one distinct path per route, normalised as the router compares them.
 * Routes may share a path only when `shared` (a `parseRequest` is given to tell them apart).
 * `check` has no default: it answers only where it is given a path.
 */
export function resolvePaths(name: string, value: unknown, shared: boolean): RoutePaths {
  const paths: Record<CoreRouteName, string> & { check?: string } = {
    forgot: "/forgot",
    verify: "/verify",
    reset: "/reset",
    report: "/report",
  };
  if (value === undefined) return paths;
  if (!isObject(value))
    throw new PasswordResetConfigError(name, "must be an object `{ forgot, verify, reset, check, report }`.");
  rejectUnknownKeys(`${name}.`, value, ROUTE_NAMES);
  for (const route of ROUTE_NAMES) {
    const path = value[route];
    if (path === undefined) continue;
    if (typeof path !== "string" || !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path)) {
      throw new PasswordResetConfigError(
        `${name}.${route}`,
        `must be a path starting with "/", such as "/${route}".`,
      );
    }
    paths[route] = normalizePath(path);
  }
  const all = Object.values(paths);
  if (!shared && new Set(all).size !== all.length) {
    throw new PasswordResetConfigError(
      name,
      "must give each route its own path. Routes may share a path only with `parseRequest`, which says which route each request is.",
    );
  }
  return paths;
}

/**
 * The `parseRequest` hook: a client's own request shape (an array of `{ id, value }` fields, a
 * nested body, values in the query or headers) mapped to the package's fields, and, on a path
 * several routes share, the route the request is. The hook only moves fields: the body it reads and
 * the fields it returns both pass the hostile-input check, then the same limits and typed reading as
 * any body, so it cannot switch a check off.
 */
import type { Request } from "express";
import type { Scope } from "../scope.js";
import type { ParsedRequest, RouteName } from "../types.js";
import { assertNotHostile } from "./hostile.js";

/** The routes a path serves, in the order of `ROUTE_NAMES`; never empty. */
export type PathRoutes = readonly [RouteName, ...RouteName[]];

/** Which route a request is, and its body. */
export interface MappedRequest {
  route: RouteName;
  body: Record<string, unknown>;
  /** True when the body is `parseRequest`'s fields: already under the package's names, no aliases. */
  mapped: boolean;
}

/**
 * Runs the app's `parseRequest` (when there is one) on `raw` for a path serving `routes`. The call
 * is bounded and reported like any hook (`scope.call`): a throw, a timeout or a malformed result
 * is an `adapter.failed` event (`operation: "parseRequest"`) and answers 500. A body that is hostile
 * is refused (400) before the hook sees it.
 */
export async function mapRequest(
  scope: Scope,
  req: Request,
  routes: PathRoutes,
  raw: Record<string, unknown>,
): Promise<MappedRequest> {
  const parse = scope.runtime.settings.http.parseRequest;
  if (!parse) return { route: routes[0], body: raw, mapped: false };
  assertNotHostile(raw);
  return scope.call("parseRequest", async () => {
    const result = await parse({ req, route: routes[0], body: raw });
    if (result === undefined) {
      if (routes.length > 1) {
        throw new TypeError(
          `parseRequest returned nothing for a path that ${routes.join(", ")} share: return { route, fields }.`,
        );
      }
      return { route: routes[0], body: raw, mapped: false };
    }
    return { ...readResult(result, routes), mapped: true };
  });
}

/** Checks the hook's result and copies its fields into a body without a prototype. */
function readResult(result: ParsedRequest, routes: PathRoutes): Omit<MappedRequest, "mapped"> {
  if (typeof result !== "object" || result === null || Array.isArray(result)) {
    throw new TypeError("parseRequest must return { fields, route? } or undefined.");
  }
  const { fields, route = routes[0] } = result;
  if (!routes.includes(route)) {
    throw new TypeError(
      `parseRequest named the route ${JSON.stringify(route)}, which this path does not serve (${routes.join(", ")}).`,
    );
  }
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) {
    throw new TypeError("parseRequest must return `fields` as an object of the package's field names.");
  }
  // Own enumerable fields only, into an object with no prototype to pollute.
  const body = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(fields)) body[key] = (fields as Record<string, unknown>)[key];
  return { route, body };
}

/**
 * How the app mounted the router, read once from the app's own middleware stack at the first
 * request. Two mistakes answer without an error and misbehave quietly: one router mounted at two
 * paths (it answers at a path nobody meant, and its links name only one), and two routers on one
 * path (the first answers every request to its routes, the second never runs). Express keeps no
 * list of mounts the router could be told about, so the stack is read as Express 4 (`app._router`,
 * layers with `regexp`) and Express 5 (`app.router`, layers with `rawPath`) build it; anything
 * else is left alone rather than guessed at.
 */
import type { Request } from "express";

/** Marks a function as a password-reset router, so another router's check can recognise it. */
export const ROUTER_MARK: unique symbol = Symbol.for("express-password-reset.router");

/** What the check found; `undefined` when the mounts look right. */
export type MountProblem = { kind: "twice" } | { kind: "shared"; path: string };

/** The warning for a {@link MountProblem}, naming the fix. */
export function mountWarning(problem: MountProblem): string {
  return problem.kind === "twice"
    ? "this router is mounted more than once in the app (app.use(…, router) with the same router twice), " +
        "so it also answers at a path its links never name. Mount each router once, on its own path: " +
        'app.use("/auth/password", router).'
    : `two password-reset routers are mounted on the same path (${problem.path}): the first answers every ` +
        "request to its routes and the second never runs. Give each its own path, e.g. " +
        'app.use("/auth/password", customerRouter) and app.use("/staff/password", staffRouter).';
}

interface LayerLike {
  handle?: unknown;
  rawPath?: unknown;
  regexp?: RegExp & { fast_slash?: boolean };
}

const MAX_DEPTH = 8;

/** Reads `req.app`'s middleware stack for the mistakes above concerning `self`. */
export function findMountProblem(req: Request, self: object): MountProblem | undefined {
  const app = req.app as unknown as
    { _router?: { stack?: unknown }; router?: { stack?: unknown } } | undefined;
  const stack = app?._router?.stack ?? app?.router?.stack;
  if (!Array.isArray(stack)) return undefined;
  let mounts = 0;
  let shared: string | undefined;
  const visit = (layers: unknown[], depth: number): void => {
    const here = layers.filter(isLayer);
    const mine = here.filter((layer) => layer.handle === self).map(pathKey);
    mounts += mine.length;
    for (const layer of here) {
      const handle = layer.handle as Record<PropertyKey, unknown> | undefined;
      if (!handle || layer.handle === self) continue;
      if (handle[ROUTER_MARK] === true && mine.includes(pathKey(layer))) shared ??= readablePath(req);
      else if (Array.isArray(handle.stack) && depth < MAX_DEPTH) visit(handle.stack, depth + 1);
    }
  };
  visit(stack, 0);
  if (mounts > 1) return { kind: "twice" };
  return shared === undefined ? undefined : { kind: "shared", path: shared };
}

function isLayer(value: unknown): value is LayerLike {
  return typeof value === "object" && value !== null && "handle" in value;
}

/** What tells two layers' paths apart, in either Express's layer shape. */
function pathKey(layer: LayerLike): string {
  if (layer.rawPath !== undefined) return `path:${String(layer.rawPath).replace(/\/+$/u, "") || "/"}`;
  const regexp = layer.regexp;
  if (regexp) return `regexp:${regexp.fast_slash ? "/" : `${regexp.source}/${regexp.flags}`}`;
  return "unknown";
}

function readablePath(req: Request): string {
  return req.baseUrl === "" ? "/" : req.baseUrl;
}

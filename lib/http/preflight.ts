/**
 * Browser preflights the router answers itself. A cross-origin call from a single-page app first
 * sends `OPTIONS` with `Origin` and `Access-Control-Request-Method`; only CORS middleware mounted
 * before the router (`cors()`) can allow it. When such a preflight reaches the router with no CORS
 * header set, the router's 204 carries none, the browser blocks the call, and nothing on the
 * server says why: the router warns once.
 */
import type { Request, Response } from "express";

/** The warning, naming the fix. */
export const MISSING_CORS_WARNING =
  "a cross-origin preflight (OPTIONS with Origin and Access-Control-Request-Method) reached the " +
  "router with no CORS headers set, so browsers will block this origin's calls. To call the API " +
  "from a page on another origin, mount cors() BEFORE the router: " +
  'app.use("/auth/password", cors({ origin: "https://app.example.com", exposedHeaders: ["Retry-After"] }), router). ' +
  "A cors() mounted after the router never runs for its paths.";

/**
 * True for a browser's cross-origin preflight (its `Origin` names another host than the request's
 * `Host`, or `X-Forwarded-Host` behind a proxy) that no CORS middleware has answered or allowed.
 */
export function isPreflightWithoutCors(req: Request, res: Response): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== "string" || req.headers["access-control-request-method"] === undefined) return false;
  if (res.getHeader("Access-Control-Allow-Origin") !== undefined) return false;
  return !isSameHost(origin, [req.headers.host, req.headers["x-forwarded-host"]]);
}

function isSameHost(origin: string, hosts: ReadonlyArray<string | string[] | undefined>): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // `Origin: null` (a sandboxed page, a file) is never this host.
  }
  return hosts
    .flatMap((value) => (value === undefined ? [] : Array.isArray(value) ? value : value.split(",")))
    .some((value) => value.trim().toLowerCase() === host);
}

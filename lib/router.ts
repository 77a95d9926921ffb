/**
 * `createPasswordResetRouter`: settles the options once, builds the router's services, then
 * answers the three routes. Each request gets a scope and a typed request; the flows do the rest.
 * It is plain Express middleware with no dependence on Express's own router, so it behaves the
 * same on Express 4 and 5 and under any mount path.
 */
import type { NextFunction, Request, Response } from "express";
import { RequestError } from "./errors.js";
import { forgot } from "./flows/forgot.js";
import type { Flow } from "./flows/flow.js";
import { reset } from "./flows/reset.js";
import { verify } from "./flows/verify.js";
import { applyAliases } from "./http/aliases.js";
import { readBody } from "./http/body.js";
import { clientOf } from "./http/client.js";
import { assertNotHostile } from "./http/hostile.js";
import { errorOutcome, SECURITY_HEADERS, sendOutcome, successOutcome } from "./http/respond.js";
import { takeLimit } from "./limits.js";
import { createRuntime, type Runtime } from "./runtime.js";
import { Scope } from "./scope.js";
import { normalizePath } from "./settings/paths.js";
import { resolveSettings } from "./settings/resolve.js";
import { sendResetLink } from "./send-link.js";
import type {
  Identifier,
  PasswordResetOptions,
  PasswordResetRouter,
  RateLimitName,
  RouteName,
  SendResetLinkOptions,
} from "./types.js";

const FLOWS: { [R in RouteName]: Flow<R> } = { forgot, verify, reset };
/** The per-IP limit of each route, taken before the request is read, so bad requests count too. */
const IP_LIMITS: Record<RouteName, RateLimitName> = {
  forgot: "forgotPerIp",
  verify: "verifyResetPerIp",
  reset: "verifyResetPerIp",
};
const ALLOW = "OPTIONS, POST";

/**
 * Creates the password-reset router. Mount it anywhere:
 *
 * ```ts
 * app.use("/auth/password", createPasswordResetRouter({ users, mailer, resetUrl }));
 * ```
 *
 * @throws {PasswordResetConfigError} when an option is missing or wrong; the message names it.
 */
export function createPasswordResetRouter(options: PasswordResetOptions): PasswordResetRouter {
  const runtime = createRuntime(resolveSettings(options));
  const { settings } = runtime;
  const routes = new Map<string, RouteName>(
    (Object.entries(settings.paths) as [RouteName, string][]).map(([route, path]) => [path, route]),
  );

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const route = routes.get(normalizePath(requestPath(req)));
    if (!route) {
      next();
      return;
    }
    if (req.method === "OPTIONS") {
      res.statusCode = 204;
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      res.setHeader("Allow", ALLOW);
      res.end();
      return;
    }
    if (req.method !== "POST") {
      const refusal = new RequestError("METHOD_NOT_ALLOWED", { headers: { Allow: ALLOW } });
      sendOutcome(req, res, errorOutcome(route, refusal), settings.formatResponse, refusal.headers);
      return;
    }
    handle(runtime, route, req, res).catch(next);
  };

  return Object.assign(middleware, {
    drain: () => runtime.background.drain(),
    close: () => runtime.close(),
    revokeUser: (userId: string | number) => runtime.store.revokeUser(String(userId)),
    sendResetLink: (identifier: Identifier | string, sendOptions?: SendResetLinkOptions) =>
      sendResetLink(runtime, identifier, sendOptions),
  });
}

/** Answers one POST: read, check, limit, run the route's flow, answer. */
async function handle(runtime: Runtime, route: RouteName, req: Request, res: Response): Promise<void> {
  const { settings, requests } = runtime;
  const afterReset = settings.afterReset;
  const scope = new Scope(runtime, route, clientOf(req, settings.ipv6Subnet), {
    afterReset: afterReset ? (user) => afterReset(user, req) : undefined,
  });
  try {
    const parsed = await readBody(req, settings.maxBodyBytes, settings.bodyTimeoutMs);
    assertNotHostile(parsed);
    const { authorize, bindTo } = settings;
    if (authorize && !(await scope.call("authorize", async () => authorize(req, route)))) {
      throw new RequestError("UNAUTHORIZED");
    }
    const body = applyAliases(parsed, settings.aliases);
    requests.checkExtraFields(route, body);
    if (bindTo) scope.binding = await scope.call("bindTo", async () => bindTo(req, route, body.body));
    await takeLimit(scope, IP_LIMITS[route], scope.client.network);
    const request = requests.read(route, body, { authorization: req.headers.authorization });
    const result = await (FLOWS[route] as Flow<typeof route>)(scope, request);
    sendOutcome(req, res, successOutcome(route, result.data), settings.formatResponse);
    if (result.afterResponse) runtime.background.run(result.afterResponse, result.afterResponseDelayMs);
  } catch (error) {
    if (error instanceof RequestError) {
      scope.emit(error.type === "RATE_LIMITED" ? "rate_limited" : "request.refused", { reason: error.type });
      if (error.type === "PAYLOAD_TOO_LARGE" || error.type === "UNSUPPORTED_MEDIA_TYPE")
        await discardBody(req);
    } else {
      // Adapter and hook failures were reported where they happened; anything else is reported here.
      scope.reportUnexpected(error);
      scope.emit("request.refused", { reason: "INTERNAL_ERROR" });
    }
    const headers = error instanceof RequestError ? error.headers : undefined;
    sendOutcome(req, res, errorOutcome(route, error), settings.formatResponse, headers);
  }
}

/** The path inside the mount point (Express strips the mount path from `req.url`). */
function requestPath(req: Request): string {
  if (typeof req.path === "string") return req.path;
  const url = req.url ?? "/";
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * Lets an unread body drain before answering, so the client reads the error instead of a reset
 * connection; bounded, so a client that never stops sending cannot hold the request.
 */
async function discardBody(req: Request): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, 1000);
    function done(): void {
      clearTimeout(timer);
      resolve();
    }
    req.once("end", done);
    req.once("close", done);
    req.once("error", done);
    req.resume();
  });
}

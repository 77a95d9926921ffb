/**
 * `createPasswordResetRouter`: resolves the options once, then answers the three routes. It is
 * plain Express middleware with no dependence on Express's own router, so it behaves the same
 * on Express 4 and 5 and under any mount path.
 */
import type { NextFunction, Request, Response } from "express";
import { readBody } from "./body.js";
import { createContext, type Flow, type FlowContext } from "./context.js";
import { RequestError } from "./errors.js";
import { forgot } from "./flows/forgot.js";
import { reset } from "./flows/reset.js";
import { verify } from "./flows/verify.js";
import { applyAliases, assertNotHostile } from "./input.js";
import { normalizePath, resolveOptions } from "./options.js";
import { errorOutcome, sendOutcome, successOutcome } from "./respond.js";
import type { PasswordResetOptions, PasswordResetRouter, RouteName } from "./types.js";

const FLOWS: Record<RouteName, Flow> = { forgot, verify, reset };
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
  const config = resolveOptions(options);
  const ctx = createContext(config);
  const routes = new Map<string, RouteName>(
    (Object.entries(config.paths) as [RouteName, string][]).map(([route, path]) => [path, route]),
  );

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const route = routes.get(normalizePath(requestPath(req)));
    if (!route) {
      next();
      return;
    }
    if (req.method === "OPTIONS") {
      res.statusCode = 204;
      res.setHeader("Allow", ALLOW);
      res.end();
      return;
    }
    if (req.method !== "POST") {
      const refusal = new RequestError("METHOD_NOT_ALLOWED", { headers: { Allow: ALLOW } });
      sendOutcome(req, res, errorOutcome(route, refusal), config.formatResponse, refusal.headers);
      return;
    }
    handle(ctx, route, req, res).catch(next);
  };

  return Object.assign(middleware, {
    drain: () => ctx.background.drain(),
    close: async () => {
      await ctx.background.drain();
      await config.workerHasher?.close();
      if (config.ownsStore) await config.store.close?.();
    },
    revokeUser: (userId: string) => config.store.revokeUser(String(userId)),
  });
}

async function handle(ctx: FlowContext, route: RouteName, req: Request, res: Response): Promise<void> {
  const { config, events } = ctx;
  const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
  try {
    const parsed = await readBody(req, config.maxBodyBytes);
    assertNotHostile(parsed);
    const { authorize, bindTo } = config;
    if (authorize && !(await ctx.call("authorize", { route, ip }, [], async () => authorize(req, route)))) {
      throw new RequestError("UNAUTHORIZED");
    }
    const body = applyAliases(parsed, config.aliases);
    config.fields[route]?.(body);
    const binding = bindTo
      ? await ctx.call("bindTo", { route, ip }, [], async () => bindTo(req, route, body))
      : undefined;
    const result = await FLOWS[route](ctx, {
      body,
      ip,
      authorization: req.headers.authorization,
      req,
      binding,
    });
    sendOutcome(req, res, successOutcome(route, result.data), config.formatResponse);
    if (result.afterResponse) ctx.background.run(result.afterResponse);
  } catch (error) {
    if (error instanceof RequestError) {
      events.emit({
        type: error.type === "RATE_LIMITED" ? "rate_limited" : "request.refused",
        route,
        ip,
        reason: error.type,
      });
      if (error.type === "PAYLOAD_TOO_LARGE" || error.type === "UNSUPPORTED_MEDIA_TYPE")
        await discardBody(req);
    } else {
      // Adapter and hook failures were reported where they happened; anything else is reported here.
      if (!events.wasReported(error))
        events.failure({ type: "adapter.failed", route, ip, operation: route }, error, []);
      events.emit({ type: "request.refused", route, ip, reason: "INTERNAL_ERROR" });
    }
    const headers = error instanceof RequestError ? error.headers : undefined;
    sendOutcome(req, res, errorOutcome(route, error), config.formatResponse, headers);
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

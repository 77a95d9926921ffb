/**
 * `createPasswordResetRouter`: settles the options once, builds the router's services, then
 * answers its routes (forgot, verify, reset, and check where configured). Each request gets a
 * scope and a typed request; the flows do the rest.
 * It is plain Express middleware with no dependence on Express's own router, so it behaves the
 * same on Express 4 and 5 and under any mount path.
 */
import type { NextFunction, Request, Response } from "express";
import { RequestError } from "./errors.js";
import { check } from "./flows/check.js";
import { forgot } from "./flows/forgot.js";
import type { Flow } from "./flows/flow.js";
import { report } from "./flows/report.js";
import { reset } from "./flows/reset.js";
import { verify } from "./flows/verify.js";
import { discardBody, leftBodyUnread, readBody } from "./http/body.js";
import { mapRequest, type PathRoutes } from "./http/parse.js";
import { hideRequestSecrets } from "./http/secret-fields.js";
import { isPreflightWithoutCors, MISSING_CORS_WARNING } from "./http/preflight.js";
import { findMountProblem, mountWarning, ROUTER_MARK } from "./http/mounts.js";
import { isUntrustedForward, UNTRUSTED_PROXY_WARNING } from "./http/proxy.js";
import { endTrace, newScope, reportFailure, runSteps } from "./http/pipeline.js";
import { buildOpenApiDocument } from "./openapi/document.js";
import type { OpenApiOptions } from "./openapi/types.js";
import { errorOutcome, SECURITY_HEADERS, sendOutcome, successOutcome } from "./http/respond.js";
import { createPages } from "./pages/index.js";
import { pageFlowsOf, pagesCoreOf } from "./pages-door.js";
import { revokeInRealm, type Realm } from "./realm.js";
import { isTenant, tenantProblem } from "./tenants.js";
import { createRuntime, type Runtime } from "./runtime.js";
import { normalizePath } from "./settings/paths.js";
import { resolveSettings } from "./settings/resolve.js";
import type { RoutePaths } from "./settings/settings.js";
import { sendResetLink } from "./send-link.js";
import { ROUTE_NAMES } from "./vocabulary.js";
import type {
  Identifier,
  PasswordResetOptions,
  PasswordResetRouter,
  ResetUser,
  RevokeUserOptions,
  RouteName,
  SendResetLinkOptions,
} from "./types.js";

const FLOWS: { [R in RouteName]: Flow<R> } = { forgot, verify, reset, check, report };
const ALLOW = "OPTIONS, POST";
/** Where pages also answer `GET`/`HEAD`. */
const ALLOW_PAGE = "GET, HEAD, OPTIONS, POST";
const ALLOW_ASSET = "GET, HEAD, OPTIONS";

/**
 * Creates the password-reset router. Mount it anywhere:
 *
 * ```ts
 * app.use("/auth/password", createPasswordResetRouter({ users, mailer, resetUrl }));
 * ```
 *
 * @throws {PasswordResetConfigError} when an option is missing or wrong; the message names it.
 */
export function createPasswordResetRouter<User extends ResetUser = ResetUser>(
  options: PasswordResetOptions<User>,
): PasswordResetRouter {
  // The settings are typed for any user: the app's own `User` only ever flows back to its hooks.
  const settings = resolveSettings(options as unknown as PasswordResetOptions);
  // The pages check their options before anything live is built; with pages on, the two forms
  // and the assets answer GET/HEAD too, and a browser's form post gets a page.
  const pages = createPages(options.pages, pagesCoreOf(settings));
  const runtime = createRuntime(settings, pages?.reportUrl);
  const pageFlows = pageFlowsOf(runtime);
  const { paths, formatResponse, translateMessages } = settings.http;
  const routes = routesByPath(paths);

  let mountsChecked = false;
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const path = normalizePath(requestPath(req));
    const served = routes.get(path);
    const route = served?.[0];
    const page = pages?.routes.get(path);
    if (!route && !page) {
      next();
      return;
    }
    if (req.baseUrl === "") {
      // Mounted without a path, the router answers /forgot, /verify and /reset of the whole app.
      runtime.events.warnOnce(
        "root-mount",
        () =>
          "the router is mounted at the root of the app, so it answers " +
          `${[...routes.keys()].join(", ")} itself (other methods get 405), shadowing any page of yours there. ` +
          'Mount it on a path of its own: app.use("/auth/password", router).',
      );
    }
    if (!mountsChecked) {
      mountsChecked = true;
      const problem = findMountProblem(req, middleware);
      if (problem) runtime.events.warnOnce(`mount-${problem.kind}`, () => mountWarning(problem));
    }
    if (isUntrustedForward(req)) runtime.events.warnOnce("untrusted-proxy", () => UNTRUSTED_PROXY_WARNING);
    const allow = !page ? ALLOW : route ? ALLOW_PAGE : ALLOW_ASSET;
    if (req.method === "OPTIONS") {
      if (isPreflightWithoutCors(req, res))
        runtime.events.warnOnce("missing-cors", () => MISSING_CORS_WARNING);
      res.statusCode = 204;
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      res.setHeader("Allow", allow);
      res.end();
      return;
    }
    // A page or asset read, or a browser's form post (post/redirect/get); other clients get the envelope.
    if (page !== undefined && pages?.wants(page, req)) {
      pages.handle(page, req, res, pageFlows).catch(next);
      return;
    }
    if (!route) {
      next(); // An asset's path, another method: not the router's.
      return;
    }
    if (req.method !== "POST") {
      const refusal = new RequestError("METHOD_NOT_ALLOWED", { headers: { Allow: allow } });
      sendOutcome(req, res, errorOutcome(route, refusal), formatResponse, refusal.headers, translateMessages);
      return;
    }
    handle(runtime, served!, req, res).catch(next);
  };

  // Lets another router's mount check recognise this one (http/mounts.ts).
  Object.defineProperty(middleware, ROUTER_MARK, { value: true });
  return Object.assign(middleware, {
    drain: () => runtime.background.drain(),
    close: () => runtime.close(),
    revokeUser: async (userId: string | number, revokeOptions?: RevokeUserOptions) =>
      revokeInRealm(runtime.store, realmOf(runtime, "revokeUser", revokeOptions?.tenant), String(userId)),
    sendResetLink: (identifier: Identifier | string, sendOptions?: SendResetLinkOptions) =>
      sendResetLink(runtime, identifier, sendOptions),
    openapi: (openapiOptions?: OpenApiOptions) =>
      buildOpenApiDocument(settings, openapiOptions, pages?.openapi),
  });
}

/**
 * Answers one POST of the JSON API: read the body, let `parseRequest` map it (and pick the route
 * where several share the path), run the steps and the flow, answer.
 */
async function handle(runtime: Runtime, routes: PathRoutes, req: Request, res: Response): Promise<void> {
  const { maxBodyBytes, bodyTimeoutMs, formatResponse, translateMessages, parseRequest } =
    runtime.settings.http;
  // One trace per request, even when `parseRequest` moves it to another route's scope.
  const trace = runtime.telemetry.request(routes[0]);
  let scope = newScope(runtime, routes[0], req);
  scope.trace = trace;
  try {
    const raw = await readBody(req, maxBodyBytes, bodyTimeoutMs);
    // `parseRequest` is the one hook that runs before runSteps, which hides the body's secrets
    // itself: without it, hiding here too would only search the same body twice.
    if (parseRequest) hideRequestSecrets(scope, req, raw);
    const { route, body, mapped } = await mapRequest(scope, req, routes, raw);
    if (route !== scope.route) {
      scope = newScope(runtime, route, req);
      scope.trace = trace;
      hideRequestSecrets(scope, req, raw);
    }
    const flow = FLOWS[route] as Flow<typeof route>;
    const result = await runSteps(scope, req, body, flow, { aliases: !mapped });
    const outcome = successOutcome(route, result.data);
    sendOutcome(req, res, outcome, formatResponse);
    endTrace(scope, outcome);
    if (result.afterResponse) {
      runtime.background.run(trace.background(result.afterResponse), result.afterResponseDelayMs);
    }
  } catch (error) {
    reportFailure(scope, error);
    if (leftBodyUnread(error)) await discardBody(req);
    const headers = error instanceof RequestError ? error.headers : undefined;
    const outcome = errorOutcome(scope.route, error);
    sendOutcome(req, res, outcome, formatResponse, headers, translateMessages);
    endTrace(scope, outcome);
  }
}

/** The realm of an app-side call for `tenant`; a malformed one is the app's bug, thrown. */
function realmOf(runtime: Runtime, method: string, tenant: string | undefined): Realm {
  if (tenant !== undefined && !isTenant(tenant)) {
    throw new TypeError(tenantProblem(`${method}: \`tenant\``, tenant));
  }
  return runtime.tenants.of(tenant);
}

/** Each configured path and the routes it serves, in the order of `ROUTE_NAMES`. */
function routesByPath(paths: RoutePaths): Map<string, PathRoutes> {
  const routes = new Map<string, PathRoutes>();
  for (const route of ROUTE_NAMES) {
    const path = paths[route];
    if (path === undefined) continue;
    const served = routes.get(path);
    routes.set(path, served ? [...served, route] : [route]);
  }
  return routes;
}

/** The path inside the mount point (Express strips the mount path from `req.url`). */
function requestPath(req: Request): string {
  if (typeof req.path === "string") return req.path;
  const url = req.url ?? "/";
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

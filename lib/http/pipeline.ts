/**
 * The steps every request takes once its body is read, and `parseRequest` has mapped it where the
 * app gives one (ARCHITECTURE.md, steps 3–9): hostile input, `authorize`, aliases, extra `fields`, `bindTo`, the route's per-IP limit, the typed
 * request, the flow. The JSON API and the hosted pages both run them, so a form post meets exactly
 * the checks, limits and flows an API call does.
 */
import type { Request } from "express";
import { RequestError } from "../errors.js";
import type { Flow, FlowResult } from "../flows/flow.js";
import { takeLimit } from "../limits.js";
import type { Runtime } from "../runtime.js";
import { Scope, type RequestHooks } from "../scope.js";
import type { Outcome, RateLimitName, RouteName } from "../types.js";
import { applyAliases, type CanonicalBody } from "./aliases.js";
import { clientOf } from "./client.js";
import { assertNotHostile } from "./hostile.js";
import { hideRequestSecrets } from "./secret-fields.js";
import { enterTenant, tenantOf } from "../tenants.js";

/** The per-IP limit of each route, taken before the request is read, so bad requests count too. */
const IP_LIMITS: Record<RouteName, RateLimitName> = {
  forgot: "forgotPerIp",
  verify: "verifyResetPerIp",
  reset: "verifyResetPerIp",
  check: "verifyResetPerIp",
  report: "verifyResetPerIp",
};

const NO_HOOKS: RequestHooks = Object.freeze({ afterReset: undefined, verifySecondFactor: undefined });

/** The scope of one request of `route`. */
export function newScope<R extends RouteName>(
  runtime: Runtime,
  route: R,
  req: Request,
): Scope & { readonly route: R } {
  const { hooks, limits, accounts } = runtime.settings;
  const { afterReset, onCompromiseReported } = hooks;
  const factor = accounts.secondFactor;
  const scope: Scope = new Scope(
    runtime,
    route,
    clientOf(req, limits.ipv6Subnet),
    // Only hooks the app gave need this request bound in: most routers share one empty pair.
    afterReset || factor || onCompromiseReported
      ? {
          afterReset: afterReset ? (user) => afterReset({ user, req }) : undefined,
          verifySecondFactor: factor ? (user, answer) => factor.verify({ user, answer, req }) : undefined,
          onCompromiseReported: onCompromiseReported
            ? (user, userId) => onCompromiseReported({ user, userId, ...tenantOf(scope), req })
            : undefined,
        }
      : NO_HOOKS,
  );
  return scope as Scope & { readonly route: R };
}

/** How {@link runSteps} reads a body. */
export interface StepOptions {
  /**
   * False for fields `parseRequest` returned, which are under the package's own names already:
   * aliases (one of which may rename a package field) must not apply to them twice. [true]
   */
  aliases?: boolean;
}

/**
 * Runs steps 3–9 of `scope`'s route over `parsed` (a body already read) and `flow`. Throws a
 * {@link RequestError} for a refusal; an adapter's failure as it came.
 */
export async function runSteps<R extends RouteName>(
  scope: Scope & { readonly route: R },
  req: Request,
  parsed: Record<string, unknown>,
  flow: Flow<R>,
  options: StepOptions = {},
): Promise<FlowResult> {
  const { settings, requests } = scope.runtime;
  const route: R = scope.route;
  // Before any hook: a failing authorize or bindTo that quotes the request must quote no secret.
  hideRequestSecrets(scope, req, parsed);
  assertNotHostile(parsed);
  const { authorize, bindTo, aliases } = settings.http;
  if (authorize && !(await scope.call("authorize", async () => authorize({ req, route })))) {
    throw new RequestError("UNAUTHORIZED");
  }
  // Before the request is read: a request token or a session is checked in the tenant's realm.
  // (Steps with nothing to do are skipped here rather than awaited: every request takes them.)
  if (settings.accounts.tenant) await enterTenant(scope, req);
  const body: CanonicalBody =
    options.aliases === false ? { body: parsed, sentAs: (field) => field } : applyAliases(parsed, aliases);
  requests.checkExtraFields(route, body);
  if (bindTo) scope.binding = await scope.call("bindTo", async () => bindTo({ req, route, body: body.body }));
  if (settings.limits.rules[IP_LIMITS[route]]) await takeLimit(scope, IP_LIMITS[route], scope.client.network);
  const request = requests.read(route, body, {
    authorization: req.headers.authorization,
    realm: scope.realm,
  });
  return flow(scope, request);
}

/**
 * Ends the request's trace (`advanced.telemetry`) with the outcome it was answered with: the
 * route, success or the error's type and status, the identifier's type. Nothing when it is off.
 */
export function endTrace(scope: Scope, outcome: Outcome): void {
  if (!scope.trace.recording) return;
  scope.trace.end({
    route: scope.route,
    identifierType: scope.identifierType,
    // The tenant `accounts.tenant` named (never a malformed one: that request has none).
    tenant: scope.realm.tenant,
    error: outcome.error ? { type: outcome.error.type, status: outcome.status } : undefined,
  });
}

/**
 * Reports how a request ended when it did not succeed: a refusal as `rate_limited` or
 * `request.refused`; anything else (adapter and hook failures were reported where they happened)
 * as unexpected, then `request.refused` with `INTERNAL_ERROR`.
 */
export function reportFailure(scope: Scope, error: unknown): void {
  if (error instanceof RequestError) {
    scope.emit(error.type === "RATE_LIMITED" ? "rate_limited" : "request.refused", { reason: error.type });
    return;
  }
  scope.reportUnexpected(error);
  scope.emit("request.refused", { reason: "INTERNAL_ERROR" });
}

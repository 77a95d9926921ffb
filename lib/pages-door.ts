/**
 * The core's side of the pages' door: the few values of the settings the pages are told
 * ({@link PagesCore}), and the router's flows run for a page ({@link CoreFlows}): the same steps,
 * limits and checks as the JSON API (`http/pipeline.ts`), so a form post meets exactly what an
 * API call meets. This is the only file that knows both the settings and the pages' interface.
 */
import type { Request } from "express";
import { RequestError } from "./errors.js";
import { checkNamingAccount } from "./flows/check.js";
import type { Flow } from "./flows/flow.js";
import { forgot } from "./flows/forgot.js";
import { report } from "./flows/report.js";
import { reset } from "./flows/reset.js";
import { discardBody, leftBodyUnread, readBody } from "./http/body.js";
import { assertNotHostile } from "./http/hostile.js";
import { endTrace, newScope, reportFailure, runSteps } from "./http/pipeline.js";
import { isAllowed } from "./origins.js";
import { errorOutcome, SECURITY_HEADERS, successOutcome } from "./http/respond.js";
import type { CoreFlowResult, CoreFlows, PageAccount, PagesCore } from "./pages/index.js";
import type { Runtime } from "./runtime.js";
import { sendsCodes } from "./settings/channels.js";
import type { Settings } from "./settings/settings.js";
import { allowsRedirect, enterTenant } from "./tenants.js";
import type { RouteName } from "./types.js";

/** What the pages are told about the router whose settings are `settings`. */
export function pagesCoreOf(settings: Settings): PagesCore {
  const { core, keys, accounts, delivery, password, http, advanced } = settings;
  return {
    resetUrl: core.resetUrl.kind === "url" ? core.resetUrl.base : undefined,
    paths: { forgot: http.paths.forgot, reset: http.paths.reset, report: http.paths.report },
    secrets: keys.secrets,
    appName: core.appName,
    identifiers: [...accounts.identifiers],
    canSendCodes: sendsCodes(settings),
    emailsCodes: delivery.email !== "link",
    password: { minLength: password.minLength, maxBytes: password.maxBytes },
    linkTtlSeconds: Math.round(delivery.linkTtlMs / 1000),
    now: advanced.now,
    logger: advanced.logger,
    responseHeaders: SECURITY_HEADERS,
  };
}

/** The router's flows, for the pages of the router whose services are `runtime`. */
export function pageFlowsOf(runtime: Runtime): CoreFlows {
  async function run<R extends RouteName>(
    route: R,
    req: Request,
    body: Record<string, unknown>,
    flow: Flow<R>,
  ): Promise<CoreFlowResult & { data?: Record<string, unknown> }> {
    const scope = newScope(runtime, route, req);
    scope.trace = runtime.telemetry.request(route);
    try {
      const { data, afterResponse, afterResponseDelayMs } = await runSteps(scope, req, body, flow);
      endTrace(scope, successOutcome(route));
      // A proven link of an account with a second factor (check's answer): the form asks for it.
      const factor = data.secondFactor === true ? { secondFactor: true } : {};
      if (!afterResponse) return { ok: true, data, ...factor };
      const task = scope.trace.background(afterResponse);
      return {
        ok: true,
        data,
        ...factor,
        afterAnswer: () => runtime.background.run(task, afterResponseDelayMs),
      };
    } catch (error) {
      reportFailure(scope, error);
      endTrace(scope, errorOutcome(route, error));
      if (!(error instanceof RequestError)) return { ok: false, type: "INTERNAL_ERROR" };
      return { ok: false, type: error.type, ...(error.details ? { details: error.details } : {}) };
    }
  }
  return {
    async readForm(req, page) {
      const { maxBodyBytes, bodyTimeoutMs } = runtime.settings.http;
      try {
        const body = await readBody(req, maxBodyBytes, bodyTimeoutMs);
        assertNotHostile(body);
        return { ok: true, body };
      } catch (error) {
        reportFailure(newScope(runtime, page, req), error);
        if (leftBodyUnread(error)) await discardBody(req);
        const refusal = error instanceof RequestError ? error : new RequestError("INTERNAL_ERROR");
        return {
          ok: false,
          failure: { type: refusal.type, ...(refusal.details ? { details: refusal.details } : {}) },
          status: refusal.status,
          ...(refusal.headers ? { headers: refusal.headers } : {}),
        };
      }
    },
    forgot: (req, body) => run("forgot", req, body, forgot),
    reset: (req, body) => run("reset", req, body, reset),
    report: (req, token) => run("report", req, { token }, report),
    // Whether the success page may offer the link's redirect: in the request's tenant, which the
    // door asks of `accounts.tenant` only when the origins are a function of it.
    async allowsRedirect(req, url) {
      const origins = runtime.settings.delivery.allowedRedirectOrigins;
      if (typeof origins !== "function") return isAllowed(url, origins);
      const scope = newScope(runtime, "reset", req);
      try {
        await enterTenant(scope, req);
        return await allowsRedirect(scope, url);
      } catch (error) {
        // Reported where it failed (a hook); the page then offers no redirect.
        scope.reportUnexpected(error);
        return false;
      }
    },
    // The `check` route's flow (it spends nothing), under the same per-IP limit as verify; it also
    // names the link's account, which the reset page shows masked.
    async check(req, token) {
      const result = await run("check", req, { token }, checkNamingAccount);
      if (!result.ok) return result;
      const account = result.data?.account as PageAccount;
      return { ok: true, account, ...(result.secondFactor === true ? { secondFactor: true } : {}) };
    },
  };
}

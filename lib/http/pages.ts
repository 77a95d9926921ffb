/**
 * The hosted pages on the router: the Express side of the pages' controller. A page's flows are
 * the router's own, run through the same steps as the JSON API (`pipeline.ts`), so a form post
 * counts against the same limits and meets the same checks; a `GET` only ever checks a link, it
 * never spends one.
 */
import type { Request, Response } from "express";
import { RequestError } from "../errors.js";
import type { Flow } from "../flows/flow.js";
import { forgot } from "../flows/forgot.js";
import { reset } from "../flows/reset.js";
import { checkGrant } from "../grants/claim.js";
import type { FlowResult, PageAnswer, PageFlows, PageRequest } from "../pages/controller.js";
import type { Runtime } from "../runtime.js";
import type { RouteName } from "../types.js";
import { discardBody, leftBodyUnread, readBody } from "./body.js";
import { assertNotHostile } from "./hostile.js";
import { newScope, reportFailure, runSteps } from "./pipeline.js";
import { SECURITY_HEADERS } from "./respond.js";

/** What the router serves as pages: the two forms and the assets. */
export type PageRoute = PageRequest["route"];

/** A secret the check finds dead: the same "link can't be used" page for each. */
const DEAD = new Set(["INVALID_TOKEN", "TOKEN_EXPIRED", "VALIDATION_ERROR"]);

/**
 * Check without spending, as a verify that claims nothing: the token is read as verify reads it
 * and checked as a claim checks it, under verify's per-IP limit.
 */
const check: Flow<"verify"> = async (scope, { credential }) => {
  await checkGrant(scope, credential);
  return { data: {} };
};

/**
 * Answers a page request. A `POST` (a browser's form, see `wantsPage`) has its body read and
 * checked for hostile input before the controller sees it; a body refused there gets its form
 * again with the refusal's message and status.
 */
export async function answerPage(
  runtime: Runtime,
  route: PageRoute,
  req: Request,
  res: Response,
): Promise<void> {
  const { settings, pages } = runtime;
  if (pages === undefined) throw new Error("pages are off");
  const request: PageRequest = {
    method: req.method as PageRequest["method"],
    route,
    query: queryOf(req.url ?? ""),
    headers: req.headers,
    ...(req.ip !== undefined ? { ip: req.ip } : {}),
  };
  if (req.method === "POST") {
    try {
      const body = await readBody(req, settings.http.maxBodyBytes, settings.http.bodyTimeoutMs);
      assertNotHostile(body);
      request.body = body;
    } catch (error) {
      reportFailure(newScope(runtime, route as RouteName, req), error);
      if (leftBodyUnread(error)) await discardBody(req);
      const refusal = error instanceof RequestError ? error : new RequestError("INTERNAL_ERROR");
      const failure = { type: refusal.type, ...(refusal.details ? { details: refusal.details } : {}) };
      const answer = pages.refuse(request, failure, refusal.status);
      sendAnswer(res, { ...answer, headers: { ...answer.headers, ...refusal.headers } }, false);
      return;
    }
  }
  const later: Array<() => void> = [];
  const answer = await pages.handle(request, pageFlows(runtime, req, later));
  sendAnswer(res, answer, route === "stylesheet" || route === "logo");
  // Work the flows leave for after the answer (a forgot's delivery) starts once it has gone out.
  for (const task of later) task();
}

/** The router's flows for the pages of one request; `later` collects work for after the answer. */
function pageFlows(runtime: Runtime, req: Request, later: Array<() => void>): PageFlows {
  async function step<R extends RouteName>(
    route: R,
    body: Record<string, unknown>,
    flow: Flow<R>,
  ): Promise<FlowResult> {
    const scope = newScope(runtime, route, req);
    try {
      const { afterResponse, afterResponseDelayMs } = await runSteps(scope, req, body, flow);
      if (afterResponse) later.push(() => runtime.background.run(afterResponse, afterResponseDelayMs));
      return { ok: true };
    } catch (error) {
      reportFailure(scope, error);
      if (!(error instanceof RequestError)) return { ok: false, type: "INTERNAL_ERROR" };
      return { ok: false, type: error.type, ...(error.details ? { details: error.details } : {}) };
    }
  }
  return {
    forgot: (body) => step("forgot", body, forgot),
    reset: (body) => step("reset", body, reset),
    async check(token) {
      const result = await step("verify", { token }, check);
      if (result.ok) return { ok: true, valid: true };
      return DEAD.has(result.type) ? { ok: true, valid: false } : result;
    },
  };
}

/** Sends the controller's answer; pages and redirects also get the headers of every response. */
function sendAnswer(res: Response, answer: PageAnswer, asset: boolean): void {
  if (res.headersSent) return;
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(
    asset ? answer.headers : { ...SECURITY_HEADERS, ...answer.headers },
  ))
    res.setHeader(name, value);
  if (answer.cookies.length > 0) {
    // Keep cookies the host app set before the router (a session middleware's).
    const before = res.getHeader("Set-Cookie");
    const kept = before === undefined ? [] : Array.isArray(before) ? before : [String(before)];
    res.setHeader("Set-Cookie", [...kept, ...answer.cookies]);
  }
  if (answer.location !== undefined) res.setHeader("Location", answer.location);
  res.end(answer.body);
}

/**
 * The query of `url` as flat strings, a repeated name as an array (which the controller refuses);
 * read here rather than from `req.query`, whose parser (qs, or none) is the host app's choice.
 */
function queryOf(url: string): Record<string, string | string[]> {
  const start = url.indexOf("?");
  const query = Object.create(null) as Record<string, string | string[]>;
  if (start === -1) return query;
  for (const [name, value] of new URLSearchParams(url.slice(start + 1))) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

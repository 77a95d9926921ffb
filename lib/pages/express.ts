/**
 * The pages on Express: a browser's request in, the controller's answer out. A page's flows are
 * the router's own (`CoreFlows`), run through the same steps as the JSON API, so a form post counts
 * against the same limits and meets the same checks; a `GET` only ever checks a link, it never
 * spends one.
 */
import type { Request, Response } from "express";
import type { PageAnswer, PageFlows, PageRequest, PagesController } from "./controller.js";
import { wantsPage } from "./controller.js";
import type { CoreFlows, PageRoute } from "./core.js";

/** Failures of the link check that mean "this link cannot be used": the same page for each. */
const DEAD = new Set(["INVALID_TOKEN", "TOKEN_EXPIRED", "VALIDATION_ERROR"]);

/** True when the pages answer `req` on `route`: a read of any page or asset, a browser's form post. */
export function pageWants(route: PageRoute, req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD") return true;
  return (
    req.method === "POST" &&
    (route === "forgot" || route === "reset" || route === "report") &&
    wantsPage(req.headers)
  );
}

/**
 * Answers a page request. A `POST` has its body read (and checked for hostile input) by the core
 * before the controller sees it; a body refused there gets its form again with the refusal's
 * message and status. `responseHeaders` are the router's headers of every response.
 */
export async function answerPage(
  controller: PagesController,
  flows: CoreFlows,
  responseHeaders: Readonly<Record<string, string>>,
  route: PageRoute,
  req: Request,
  res: Response,
): Promise<void> {
  const request: PageRequest = {
    method: req.method as PageRequest["method"],
    route,
    query: queryOf(req.url ?? ""),
    headers: req.headers,
    ...(req.ip !== undefined ? { ip: req.ip } : {}),
  };
  const send = (answer: PageAnswer) =>
    sendAnswer(res, answer, route === "stylesheet" || route === "logo" ? {} : responseHeaders);
  if (req.method === "POST" && (route === "forgot" || route === "reset" || route === "report")) {
    const read = await flows.readForm(req, route);
    if (!read.ok) {
      const answer = controller.refuse(request, read.failure, read.status);
      send({ ...answer, headers: { ...answer.headers, ...read.headers } });
      return;
    }
    request.body = read.body;
  }
  const later: Array<() => void> = [];
  send(await controller.handle(request, pageFlows(flows, req, later)));
  // Work the flows leave for after the answer (a forgot's delivery) starts once it has gone out.
  for (const task of later) task();
}

/** The core's flows for the controller, bound to one request; `later` collects work for after the answer. */
function pageFlows(flows: CoreFlows, req: Request, later: Array<() => void>): PageFlows {
  const done = (result: Awaited<ReturnType<CoreFlows["forgot"]>>) => {
    if (!result.ok) return result;
    if (result.afterAnswer) later.push(result.afterAnswer);
    return { ok: true as const };
  };
  return {
    forgot: async (body) => done(await flows.forgot(req, body)),
    reset: async (body) => done(await flows.reset(req, body)),
    report: async (token) => done(await flows.report(req, token)),
    allowsRedirect: (url) => flows.allowsRedirect(req, url),
    async check(token) {
      const result = await flows.check(req, token);
      if (result.ok) {
        const factor = result.secondFactor ? { secondFactor: true } : {};
        return { ok: true, valid: true, account: result.account, ...factor };
      }
      return DEAD.has(result.type) ? { ok: true, valid: false } : result;
    },
  };
}

/** Sends the controller's answer, with `extraHeaders` under its own. */
function sendAnswer(res: Response, answer: PageAnswer, extraHeaders: Readonly<Record<string, string>>): void {
  if (res.headersSent) return;
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries({ ...extraHeaders, ...answer.headers }))
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

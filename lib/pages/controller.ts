/**
 * The pages' request handling, free of Express: the router hands it a request (method, which
 * page, query, headers, parsed body) and three flow functions, and sends back the answer it gets
 * (status, headers, cookies, body or `Location`). This is where post/redirect/get, the CSRF
 * check, the token hand-off and "check before showing the form" happen, in one place.
 */
import type { IncomingHttpHeaders } from "node:http";
import Negotiator from "negotiator";
import { assetResponse } from "./assets.js";
import { pageCookies, readCookie, type Flash } from "./cookies.js";
import { createCsrf, CSRF_FIELD, type CsrfPurpose } from "./csrf.js";
import { formToFlowRequest, pageErrorsFor, statusOf, type FlowFailure, type PageForm } from "./forms.js";
import { negotiateLocale } from "./negotiate.js";
import type { PageAccount } from "./core.js";
import type { ResolvedPages } from "./options.js";
import { maskAccount } from "./render/account.js";
import { reportPage } from "./report.js";
import { renderPage, type Page, type PageContext, type PageError } from "./render/index.js";
import type { IdentifierType } from "./render/types.js";

/** A request for a page or an asset, as the router has parsed it. */
export interface PageRequest {
  method: "GET" | "HEAD" | "POST";
  /** Which route matched: a page (`paths.forgot`/`paths.reset`/`paths.report`) or an asset. */
  route: "forgot" | "reset" | "report" | "stylesheet" | "logo";
  /** The parsed query string (`req.query`). */
  query: Readonly<Record<string, unknown>>;
  /** The request headers (`req.headers`). */
  headers: IncomingHttpHeaders;
  /** The parsed form body of a POST. */
  body?: Readonly<Record<string, unknown>>;
  /** The client's address (`req.ip`), for a challenge's `check`. */
  ip?: string;
}

/** What to send. */
export interface PageAnswer {
  status: number;
  /** Headers to set (the page headers, or an asset's). */
  headers: Record<string, string>;
  /** `Set-Cookie` values to append, in order. */
  cookies: string[];
  /** The body; none for a redirect, a `304` or a `HEAD`. */
  body?: string | Buffer;
  /** For a `303`: where to, relative to the current page (`reset`, `forgot`). */
  location?: string;
}

/** How a flow ended, as the controller needs it: done, or the failure's type and details. */
export type PageFlowResult<T = object> = ({ ok: true } & T) | ({ ok: false } & FlowFailure);

/** What the pages need from the flows; each counts against the same limits as the JSON API. */
export interface PageFlows {
  /** `forgot` with the form's identifier (`{ email }`, `{ mobile }` or `{ username }`). */
  forgot(body: Record<string, string>): Promise<PageFlowResult>;
  /**
   * Check a link token **without spending it**: `valid` for a live token, with the account its
   * grant was asked for by; `invalid` alike for unknown, used and expired ones; a failure for a
   * rate limit.
   */
  check(
    token: string,
  ): Promise<PageFlowResult<{ valid: boolean; account?: PageAccount; secondFactor?: boolean }>>;
  /** `reset` with `{ token, password, passwordConfirm }` or `{ <identifier>, code, password, passwordConfirm }`. */
  reset(body: Record<string, string>): Promise<PageFlowResult>;
  /** `report` ("this wasn't me") with a report link's token. */
  report(token: string): Promise<PageFlowResult>;
  /** True for a redirect URL the router allows for this request (`allowedRedirectOrigins`, per tenant). */
  allowsRedirect(url: string): Promise<boolean>;
}

/** What the controller is built from; the router derives it once at construction. */
export interface PagesControllerConfig {
  pages: ResolvedPages;
  /** The router's `resetUrl` (public address of the reset page). */
  resetUrl: string;
  /** Router-relative paths of the pages (`paths.forgot`, `paths.reset`, `paths.report`). */
  paths: { forgot: string; reset: string; report: string };
  /** The router's secret(s), newest first. */
  secrets: string | readonly string[];
  /** `appName`. */
  appName: string;
  /** The identifier types the router accepts. */
  identifiers: readonly IdentifierType[];
  /** True when the router can send codes: the reset page then offers the code form. */
  codes: boolean;
  /** The "check your …" pages (by channel) that offer the code form: where a code may have gone. */
  codeFormAfter: ReadonlySet<"email" | "mobile" | "any">;
  /** Password policy limits, for hints and messages. */
  password: { minLength: number; maxLength: number };
  /** Link lifetime in seconds: the hand-off cookie lives at most this long (and at most 10 minutes). */
  linkTtlSeconds: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** The pages' handler. */
export interface PagesController {
  handle(request: PageRequest, flows: PageFlows): Promise<PageAnswer>;
  /**
   * The answer to a form post the router refused before the controller could read it (a body too
   * large, malformed or hostile): the posted page's form again, with the failure's message, and
   * `status`.
   */
  refuse(request: PageRequest, failure: FlowFailure, status: number): PageAnswer;
}

/** Builds the handler. Throws a `PasswordResetConfigError` for a bad `resetUrl` or no secret. */
export function createPagesController(config: PagesControllerConfig): PagesController {
  const { pages, paths } = config;
  const secrets = typeof config.secrets === "string" ? [config.secrets] : config.secrets;
  const cookies = pageCookies({
    resetUrl: config.resetUrl,
    resetPath: paths.reset,
    handoffSeconds: Math.min(600, config.linkTtlSeconds),
    secrets,
    ...(config.now !== undefined ? { now: config.now } : {}),
  });
  const csrf = createCsrf({
    secrets: config.secrets,
    secure: cookies.secure,
    mountPath: cookies.mountPath,
    ...(config.now !== undefined ? { now: config.now } : {}),
  });
  const relative = (path: string) => path.replace(/^.*\//, "") || ".";
  const purposeOf = (page: Page): CsrfPurpose =>
    page.name === "forgot" || page.name === "sent"
      ? "forgot"
      : page.name === "code" || page.name === "report"
        ? page.name
        : "reset";

  function show(request: PageRequest, page: Page, status = 200, extra: string[] = []): PageAnswer {
    const issued = csrf.issue(readCookie(request.headers.cookie, csrf.cookieName), purposeOf(page));
    const context: PageContext = {
      locale: negotiateLocale(request.headers["accept-language"], pages.locales),
      appName: config.appName,
      pagePath: request.route === "forgot" || request.route === "report" ? paths[request.route] : paths.reset,
      paths,
      stylesheet: pages.stylesheet.href,
      ...(pages.logo !== undefined ? { logo: pages.logo.href } : {}),
      csrfToken: issued.token,
      ...(pages.signInUrl !== undefined ? { signInUrl: pages.signInUrl } : {}),
    };
    const html = renderPage(page, context, pages.renderPage);
    return {
      status,
      headers: { ...pages.headers },
      cookies: [...extra, ...(issued.setCookie !== undefined ? [issued.setCookie] : [])],
      ...(request.method === "HEAD" ? {} : { body: html }),
    };
  }
  const redirect = (to: string, cookieList: string[]): PageAnswer => ({
    status: 303,
    headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
    cookies: cookieList,
    location: relative(to),
  });
  const csrfValid = (request: PageRequest, purpose: CsrfPurpose) =>
    csrf.verify({
      token: request.body?.[CSRF_FIELD],
      cookieValue: readCookie(request.headers.cookie, csrf.cookieName),
      purpose,
      headers: request.headers,
    });
  const forgotForm = (values?: { identifier?: string }, errors?: PageError[]): Page => ({
    name: "forgot",
    identifierTypes: config.identifiers,
    ...(values !== undefined ? { values } : {}),
    ...(errors !== undefined ? { errors } : {}),
    ...(pages.challenge !== undefined ? { challenge: pages.challenge.widget } : {}),
  });
  const codeForm = (
    values?: { identifier?: string; code?: string },
    errors?: PageError[],
    secondFactor = false,
  ): Page => ({
    name: "code",
    identifierTypes: config.identifiers,
    minLength: config.password.minLength,
    ...(values !== undefined ? { values } : {}),
    ...(errors !== undefined ? { errors } : {}),
    ...(secondFactor ? { secondFactor } : {}),
  });
  const resetForm = (account: string | undefined, errors?: PageError[], secondFactor = false): Page => ({
    name: "reset",
    minLength: config.password.minLength,
    ...(account !== undefined ? { account } : {}),
    ...(errors !== undefined ? { errors } : {}),
    ...(secondFactor ? { secondFactor } : {}),
  });
  /** The browser's CSRF cookie value, which its hand-off is tied to. */
  const browserOf = (request: PageRequest) => readCookie(request.headers.cookie, csrf.cookieName);
  const handoffOf = (request: PageRequest) => cookies.readHandoff(request.headers.cookie, browserOf(request));
  // A hand-off this browser did not get from opening the link: planted from a sibling site, or
  // its CSRF cookie is gone. Its token is neither checked nor spent.
  const elsewhere = (request: PageRequest) =>
    show(request, { name: "invalid", reason: "elsewhere" }, 400, [cookies.clearHandoff()]);
  // The flash cookie is not signed (a sibling site could plant one): its redirect is checked again.
  const flashPage = async (flash: Exclude<Flash, { page: "reported" }>, flows: PageFlows): Promise<Page> =>
    flash.page === "sent"
      ? { name: "sent", channel: flash.channel, codeForm: config.codeFormAfter.has(flash.channel) }
      : {
          name: "success",
          ...(flash.redirect !== undefined && (await flows.allowsRedirect(flash.redirect))
            ? { redirectUrl: flash.redirect }
            : {}),
        };

  async function getForgot(request: PageRequest, flows: PageFlows): Promise<PageAnswer> {
    const flash = cookies.readFlash(request.headers.cookie);
    if (flash?.page === "sent")
      return show(request, await flashPage(flash, flows), 200, [cookies.clearFlash()]);
    return show(request, forgotForm());
  }

  async function postForgot(request: PageRequest, flows: PageFlows): Promise<PageAnswer> {
    const form = formToFlowRequest("forgot", request.body ?? {}, config.identifiers);
    if (!csrfValid(request, "forgot")) {
      return show(request, forgotForm(form.values, [{ key: "errorFormExpired" }]), 403);
    }
    // The challenge runs after the CSRF check (a forged post costs no call to its service) and
    // before the flow, so a failed one sends nothing and counts nothing.
    const challenge = pages.challenge;
    if (challenge !== undefined) {
      const passed = await challenge.check({
        form: request.body ?? {},
        ...(request.ip !== undefined ? { ip: request.ip } : {}),
      });
      if (passed !== true) return show(request, forgotForm(form.values, [{ key: "errorChallenge" }]), 400);
    }
    const result = await flows.forgot(form.body);
    if (!result.ok) {
      return show(
        request,
        forgotForm(form.values, pageErrorsFor("forgot", result, config.password)),
        statusOf(result),
      );
    }
    const channel =
      form.identifierType === "email" ? "email" : form.identifierType === "mobile" ? "mobile" : "any";
    return redirect(paths.forgot, [cookies.setFlash({ page: "sent", channel })]);
  }

  async function getReset(request: PageRequest, flows: PageFlows): Promise<PageAnswer> {
    const { token, redirect: target } = request.query;
    if (token !== undefined) {
      // The hand-off: the token leaves the address bar; nothing is checked or spent on this GET.
      if (typeof token !== "string" || token === "" || token.length > 2048)
        return show(request, { name: "invalid" });
      const handoff =
        typeof target === "string" && target.length <= 2048 ? { token, redirect: target } : { token };
      // Tied to the browser's CSRF cookie, minted now when it has none (both set on this answer).
      const browser = csrf.cookie(browserOf(request));
      return redirect(paths.reset, [
        cookies.setHandoff(handoff, browser.value),
        ...(browser.setCookie !== undefined ? [browser.setCookie] : []),
      ]);
    }
    const flash = cookies.readFlash(request.headers.cookie);
    if (flash?.page === "success")
      return show(request, await flashPage(flash, flows), 200, [cookies.clearFlash()]);
    const found = handoffOf(request);
    if (found.found === "elsewhere") return elsewhere(request);
    if (found.found === "none")
      return config.codes ? show(request, codeForm()) : show(request, { name: "invalid" });
    const { handoff, until } = found;
    // HEAD (a scanner) gets the form's headers without a check: it must not use up guesses.
    if (request.method === "HEAD") return show(request, resetForm(handoff.account));
    const checked = await flows.check(handoff.token);
    if (!checked.ok)
      return show(
        request,
        resetForm(handoff.account, pageErrorsFor("reset", checked, config.password)),
        statusOf(checked),
      );
    if (!checked.valid) return show(request, { name: "invalid" }, 200, [cookies.clearHandoff()]);
    // The token is proven: the page names its account, and the hand-off keeps the name for the
    // form shown again after an error (its lifetime unchanged).
    const factor = checked.secondFactor === true;
    const account = checked.account === undefined ? undefined : maskAccount(checked.account);
    if (account === undefined || account === handoff.account)
      return show(request, resetForm(account, undefined, factor));
    const browser = browserOf(request) as string; // the hand-off was tied to it
    return show(request, resetForm(account, undefined, factor), 200, [
      cookies.setHandoff({ ...handoff, account }, browser, until),
    ]);
  }

  async function postReset(request: PageRequest, flows: PageFlows): Promise<PageAnswer> {
    const found = handoffOf(request);
    if (found.found === "elsewhere") return elsewhere(request);
    const handoff = found.found === "own" ? found.handoff : undefined;
    const kind: PageForm = handoff === undefined && config.codes ? "code" : "reset";
    const form = formToFlowRequest(kind, request.body ?? {}, config.identifiers);
    // The second-factor field stays on the form once it was shown (the post carried it) or the flow
    // asked for it; the flow asks only after the link or code was proven.
    let factor = request.body?.otp !== undefined;
    const again = (errors: PageError[], status: number) =>
      show(
        request,
        kind === "code" ? codeForm(form.values, errors, factor) : resetForm(handoff?.account, errors, factor),
        status,
      );
    if (!csrfValid(request, kind)) return again([{ key: "errorFormExpired" }], 403);
    if (kind === "reset" && handoff === undefined) return show(request, { name: "invalid" }, 400);
    const result = await flows.reset(
      kind === "reset" ? { ...form.body, token: handoff?.token ?? "" } : form.body,
    );
    if (!result.ok) {
      if (kind === "reset" && (result.type === "INVALID_TOKEN" || result.type === "TOKEN_EXPIRED")) {
        return show(request, { name: "invalid" }, 400, [cookies.clearHandoff()]);
      }
      if (result.type === "SECOND_FACTOR_REQUIRED" || result.type === "INVALID_SECOND_FACTOR") factor = true;
      return again(pageErrorsFor(kind, result, config.password), statusOf(result));
    }
    const target = handoff?.redirect;
    return redirect(paths.reset, [
      ...(handoff !== undefined ? [cookies.clearHandoff()] : []),
      cookies.setFlash(
        target !== undefined && (await flows.allowsRedirect(target))
          ? { page: "success", redirect: target }
          : { page: "success" },
      ),
    ]);
  }

  const report = reportPage({ show, redirect, csrfValid, cookies, path: paths.report });

  return {
    refuse(request, failure, status) {
      if (request.route === "report") return show(request, { name: "invalid", reason: "report" }, status);
      if (request.route !== "reset") {
        return show(
          request,
          forgotForm(undefined, pageErrorsFor("forgot", failure, config.password)),
          status,
        );
      }
      const found = handoffOf(request);
      if (found.found === "elsewhere") return elsewhere(request);
      const kind: PageForm = found.found === "none" && config.codes ? "code" : "reset";
      const errors = pageErrorsFor(kind, failure, config.password);
      const account = found.found === "own" ? found.handoff.account : undefined;
      return show(
        request,
        kind === "code" ? codeForm(undefined, errors) : resetForm(account, errors),
        status,
      );
    },
    async handle(request, flows) {
      if (request.route === "stylesheet" || request.route === "logo") {
        const asset = request.route === "logo" ? pages.logo : pages.stylesheet;
        if (asset === undefined) return { status: 404, headers: {}, cookies: [] };
        const ifNoneMatch = request.headers["if-none-match"];
        const answer = assetResponse(asset, ifNoneMatch);
        return {
          status: answer.status,
          headers: { ...answer.headers },
          cookies: [],
          ...(answer.body !== undefined && request.method !== "HEAD" ? { body: answer.body } : {}),
        };
      }
      if (request.route === "forgot") {
        return request.method === "POST" ? postForgot(request, flows) : getForgot(request, flows);
      }
      if (request.route === "report") {
        return request.method === "POST" ? report.post(request, flows.report) : report.get(request);
      }
      return request.method === "POST" ? postReset(request, flows) : getReset(request, flows);
    },
  };
}

/**
 * True when a POST should get a page rather than the JSON envelope: a form body
 * (`application/x-www-form-urlencoded`) from a client that prefers `text/html` to JSON. A
 * browser's form post does; `curl -d` (`Accept: *\/*`) and every JSON client do not.
 */
export function wantsPage(headers: IncomingHttpHeaders): boolean {
  const type = (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return false;
  return prefersHtml(headers.accept);
}

function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  // JSON is listed first, so a tie (`*/*`, `text/*, application/*`) keeps the API's answer.
  const [best] = new Negotiator({ headers: { accept: accept.slice(0, 1024) } }).mediaTypes([
    "application/json",
    "text/html",
  ]);
  return best === "text/html";
}

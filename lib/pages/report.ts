/**
 * The hosted "this wasn't me" page, at `paths.report`: the report link of a password-changed
 * notice opens it. A `GET` only shows a confirm button (mail scanners open links, and must change
 * nothing); the button's `POST` (CSRF-checked like every form) runs the router's report flow,
 * which revokes the account's outstanding links, codes and sessions and tells the app. Then
 * post/redirect/get to a page that offers a fresh reset. The token travels in the page's form:
 * it can only revoke, and the page loads nothing from elsewhere and sends no referrer.
 */
import type { Flash, PageCookies } from "./cookies.js";
import type { CsrfPurpose } from "./csrf.js";
import { statusOf, type FlowFailure } from "./forms.js";
import type { Page, PageError } from "./render/index.js";

/** A request of the report page, as the controller has it. */
interface ReportRequest {
  method: "GET" | "HEAD" | "POST";
  query: Readonly<Record<string, unknown>>;
  headers: { cookie?: string | undefined };
  body?: Readonly<Record<string, unknown>>;
}

/** What the report page borrows from the controller. */
export interface ReportPageTools<R extends ReportRequest, A> {
  /** Renders `page` for `request` (with a fresh CSRF token), with `status` and extra cookies. */
  show(request: R, page: Page, status?: number, extra?: string[]): A;
  /** A `303` to `path` with cookies. */
  redirect(path: string, cookies: string[]): A;
  csrfValid(request: R, purpose: CsrfPurpose): boolean;
  cookies: Pick<PageCookies, "setFlash" | "readFlash" | "clearFlash">;
  /** `paths.report`. */
  path: string;
}

/** The longest token the page takes from its address (a report token is 66 characters). */
const MAX_TOKEN = 512;

/** Failures that mean "this link cannot be used". */
const DEAD = new Set(["INVALID_TOKEN", "TOKEN_EXPIRED", "VALIDATION_ERROR"]);

/** The report page's handler. */
export function reportPage<R extends ReportRequest, A>(tools: ReportPageTools<R, A>) {
  const { show, redirect, csrfValid, cookies, path } = tools;
  const tokenOf = (value: unknown): string | undefined =>
    typeof value === "string" && value !== "" && value.length <= MAX_TOKEN ? value : undefined;
  const confirm = (token: string, errors?: PageError[]): Page => ({
    name: "report",
    token,
    ...(errors !== undefined ? { errors } : {}),
  });
  const dead = (request: R, status = 200) => show(request, { name: "invalid", reason: "report" }, status);

  return {
    /** `GET`/`HEAD`: the confirm button, or the page a confirmed report redirects to. Changes nothing. */
    get(request: R): A {
      const flash: Flash | undefined = cookies.readFlash(request.headers.cookie);
      if (flash?.page === "reported") return show(request, { name: "reported" }, 200, [cookies.clearFlash()]);
      const token = tokenOf(request.query.token);
      return token === undefined ? dead(request) : show(request, confirm(token));
    },
    /** The confirm button's `POST`. */
    async post(request: R, report: (token: string) => Promise<{ ok: true } | ({ ok: false } & FlowFailure)>) {
      const token = tokenOf(request.body?.token);
      if (token === undefined) return dead(request, 400);
      if (!csrfValid(request, "report"))
        return show(request, confirm(token, [{ key: "errorFormExpired" }]), 403);
      const result = await report(token);
      if (result.ok) return redirect(path, [cookies.setFlash({ page: "reported" })]);
      if (DEAD.has(result.type)) return dead(request, 400);
      const key = result.type === "RATE_LIMITED" ? "errorRateLimited" : "errorUnavailable";
      return show(request, confirm(token, [{ key }]), statusOf(result));
    },
  };
}

/**
 * Writes every response: one envelope, the security headers, and the user's `formatResponse`,
 * which sees every outcome, errors included.
 */
import type { Request, Response } from "express";
import { ERROR_TABLE, RequestError } from "../errors.js";
import { apiLanguage, translateError } from "./messages/index.js";
import type { FormatResponseContext, FormattedResponse, Outcome, RouteName } from "../types.js";

/** Headers on every response of the router. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  Pragma: "no-cache",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

/** A success outcome. */
export function successOutcome(route: RouteName, data: Record<string, unknown> = {}): Outcome {
  return { route, status: 200, success: true, data };
}

/** The error outcome of a thrown {@link RequestError}, or `INTERNAL_ERROR` for anything else. */
export function errorOutcome(route: RouteName, error: unknown): Outcome {
  const known = error instanceof RequestError ? error : new RequestError("INTERNAL_ERROR");
  return {
    route,
    status: ERROR_TABLE[known.type].status,
    success: false,
    error: {
      type: known.type,
      message: known.message,
      ...(known.details ? { details: known.details } : {}),
    },
  };
}

/** The contract's envelope: `{success, data}` or `{success, error}`. */
export function defaultFormat(outcome: Outcome): FormattedResponse {
  const body = outcome.success
    ? { success: true, data: outcome.data ?? {} }
    : { success: false, error: outcome.error };
  return { status: outcome.status, body };
}

/**
 * `outcome` with its error in the language of `req`'s `Accept-Language` (`http.translateMessages`),
 * and the `Content-Language` that says so; as it is for English, success, or no match.
 */
function inLanguageOf(req: Request, outcome: Outcome): { outcome: Outcome; headers: Record<string, string> } {
  const language = outcome.error ? apiLanguage(req.headers["accept-language"]) : undefined;
  if (language === undefined || !outcome.error) return { outcome, headers: {} };
  return {
    outcome: { ...outcome, error: translateError(outcome.error, language) },
    headers: { "Content-Language": language },
  };
}

/**
 * Sends `outcome` through `format` (the user's `formatResponse`, or the default envelope), its
 * error translated first when `translate` (`http.translateMessages`) is on, so `formatResponse`
 * sees the message the client will. `headers` are the outcome's own (such as `Retry-After`); the
 * formatter may add or override.
 */
export function sendOutcome(
  req: Request,
  res: Response,
  given: Outcome,
  format: ((context: FormatResponseContext) => FormattedResponse) | undefined,
  ownHeaders?: Record<string, string>,
  translate = false,
): void {
  const { outcome, headers: languageHeaders } = translate
    ? inLanguageOf(req, given)
    : { outcome: given, headers: undefined };
  let formatted: FormattedResponse;
  try {
    formatted = format ? format({ outcome, req }) : defaultFormat(outcome);
  } catch {
    // A throwing formatter must not turn into Express's HTML error page.
    formatted = defaultFormat(errorOutcome(outcome.route, undefined));
  }
  if (res.headersSent) return;
  res.statusCode = formatted.status ?? outcome.status;
  // In this order, a later one overriding an earlier (as one merged object did, without making it).
  setHeaders(res, SECURITY_HEADERS);
  if (languageHeaders) setHeaders(res, languageHeaders);
  if (ownHeaders) setHeaders(res, ownHeaders);
  if (formatted.headers) setHeaders(res, formatted.headers);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(formatted.body ?? null));
}

function setHeaders(res: Response, headers: Readonly<Record<string, string>>): void {
  for (const name of Object.keys(headers)) res.setHeader(name, headers[name] as string);
}

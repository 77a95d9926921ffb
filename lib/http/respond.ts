/**
 * Writes every response: one envelope, the security headers, and the user's `formatResponse`,
 * which sees every outcome, errors included.
 */
import type { Request, Response } from "express";
import { ERROR_TABLE, RequestError } from "../errors.js";
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
 * Sends `outcome` through `format` (the user's `formatResponse`, or the default envelope).
 * `headers` are the outcome's own (such as `Retry-After`); the formatter may add or override.
 */
export function sendOutcome(
  req: Request,
  res: Response,
  outcome: Outcome,
  format: ((context: FormatResponseContext) => FormattedResponse) | undefined,
  headers: Record<string, string> = {},
): void {
  let formatted: FormattedResponse;
  try {
    formatted = format ? format({ outcome, req }) : defaultFormat(outcome);
  } catch {
    // A throwing formatter must not turn into Express's HTML error page.
    formatted = defaultFormat(errorOutcome(outcome.route, undefined));
  }
  if (res.headersSent) return;
  res.statusCode = formatted.status ?? outcome.status;
  for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...headers, ...formatted.headers })) {
    res.setHeader(name, value);
  }
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(formatted.body ?? null));
}

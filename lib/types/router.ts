/** The router `createPasswordResetRouter` returns, and its methods' own types. */
import type { NextFunction, Request, Response } from "express";
import type { OpenApiDocument, OpenApiOptions } from "../openapi/types.js";
import type { Identifier, ResetUser } from "./adapters.js";

/** Options of {@link PasswordResetRouter.sendResetLink}. */
export interface SendResetLinkOptions {
  /** Where the page should go after the reset; must be on `delivery.allowedRedirectOrigins`. [none] */
  redirectUrl?: string;
  /** The tenant whose account to look up and whose link to send (`accounts.tenant`). [none] */
  tenant?: string;
}

/** Options of {@link PasswordResetRouter.revokeUser}. */
export interface RevokeUserOptions {
  /** The tenant whose grants of the user to kill (`accounts.tenant`); another tenant's stay. [none] */
  tenant?: string;
}

/**
 * What {@link PasswordResetRouter.sendResetLink} did: sent, or why not (`unknown_user`: no account;
 * `rate_limited`: the per-account budget is spent; `not_sent`: no address, SMS not allowed, or the
 * mailer failed — the events say which).
 */
export type SendResetLinkResult =
  { sent: true } | { sent: false; reason: "unknown_user" | "rate_limited" | "not_sent" };

/** The router returned by {@link createPasswordResetRouter}: Express middleware plus lifecycle. */
export interface PasswordResetRouter {
  /** Express middleware; mount it with `app.use(path, router)`. */
  (req: Request, res: Response, next: NextFunction): void;
  /** Resolves when every background delivery started so far has finished. */
  drain(): Promise<void>;
  /** Drains, then stops the package's timers so the process can exit. */
  close(): Promise<void>;
  /** Kills every outstanding token, code and reset session of a user (of `options.tenant`, with tenants). */
  revokeUser(userId: ResetUser["id"], options?: RevokeUserOptions): Promise<void>;
  /**
   * Sends a reset link (or code) as `forgot` would, started by the app itself (an admin's "send
   * reset link", an invitation): no HTTP, no per-IP limit; the same lookup, supersession, per-account
   * limit and events. A string is an email address. Resolves once the message is handed over; an
   * adapter that fails rejects; a malformed identifier throws a `TypeError`.
   */
  sendResetLink(
    identifier: Identifier | string,
    options?: SendResetLinkOptions,
  ): Promise<SendResetLinkResult>;
  /**
   * The OpenAPI 3.1 document of this router as configured: its paths (relative to the mount point
   * unless `options.mountPath` or `options.serverUrl` says where it is), request fields with their
   * aliases and `http.fields` extras, the envelope and every error type each route can answer with,
   * and the hosted pages when they are on. Plain data: serve it with `res.json(router.openapi())`.
   */
  openapi(options?: OpenApiOptions): OpenApiDocument;
}

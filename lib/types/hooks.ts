/**
 * The `hooks` option group: what the router tells the app — after a reset, and every audit event —
 * and the events themselves.
 */
import type { Request } from "express";
import type { GrantKind, IdentifierType, ResetUser } from "./adapters.js";
import type { RouteName } from "./http.js";

/** Names of the audit events. */
export type PasswordResetEventType =
  | "forgot.requested"
  | "forgot.unknown_user"
  | "delivery.sent"
  | "delivery.failed"
  | "verify.succeeded"
  | "reset.succeeded"
  | "notice.sent"
  | "notice.failed"
  | "request.refused"
  | "rate_limited"
  | "adapter.failed"
  | "breach_check.failed";

/** An audit event. It never holds a token, code, password or hash. */
export interface PasswordResetEvent {
  /** What happened. */
  type: PasswordResetEventType;
  /** Epoch ms, from `advanced.now`. */
  at: number;
  /** The route the event belongs to. */
  route?: RouteName;
  /** The client IP (`req.ip`). */
  ip?: string;
  /** The user concerned, once known. */
  userId?: string;
  /** The request's tenant (`accounts.tenant`), once known; absent without tenants. */
  tenant?: string;
  /** The kind of identifier in the request. */
  identifierType?: IdentifierType;
  /** Delivery channel. */
  channel?: "email" | "sms";
  /** The kind of secret involved. */
  grant?: GrantKind;
  /** Why a request was refused or a step failed (an error type or a short reason). */
  reason?: string;
  /** The adapter operation that failed. */
  operation?: string;
  /** The error an adapter raised; its message is scrubbed of every secret of the request. */
  error?: { name: string; message: string };
}

/** What {@link HooksOptions.afterReset} receives. */
export interface AfterResetContext<User extends ResetUser = ResetUser> {
  /** The user whose password changed, as `findUser` returned it. */
  user: User;
  /** The Express request of the reset. */
  req: Request;
}

/** `hooks`: what the router tells the app. */
export interface HooksOptions<User extends ResetUser = ResetUser> {
  /**
   * Runs after a successful reset; what it returns is merged into the response's `data` (e.g.
   * `{ accessToken }`). The password has changed by then: a throw is an event and the reset still
   * answers success, without the hook's fields. [none]
   */
  afterReset?: (context: AfterResetContext<User>) => Promise<void | Record<string, unknown>>;
  /** Receives audit events; a throw is logged, never allowed to break a request. [none] */
  onEvent?: (event: PasswordResetEvent) => void;
  // Reserved for issue 24: `onCompromiseReported({ user, req })`.
}

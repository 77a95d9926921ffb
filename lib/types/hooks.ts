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
  | "reset.reported"
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

/**
 * What {@link HooksOptions.onCompromiseReported} receives: someone with the account's mailbox (or
 * phone) said "this wasn't me" of a password change, through the notice's report link.
 */
export interface CompromiseReportedContext<User extends ResetUser = ResetUser> {
  /**
   * The account, as `findUser` returns it now for the identifier the reset was made by; `null`
   * when that identifier no longer names the account (an address changed since: a takeover's
   * usual next step). `userId` names the account either way.
   */
  user: User | null;
  /** The account's id, in its string form (as the token store keeps it). */
  userId: string;
  /** The tenant the link was issued in (`accounts.tenant`); absent without tenants. */
  tenant?: string;
  /** The Express request of the report (the confirm button's `POST`). */
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
  /**
   * Runs when the report link of a password-changed notice ("this wasn't me") is confirmed, after
   * every outstanding link, code and reset session of the account was revoked: lock the account,
   * sign it out everywhere, alert your support. Bounded by `advanced.adapterTimeoutSeconds`; a
   * throw answers INTERNAL_ERROR and leaves the link usable, so the user can confirm again. [none]
   */
  onCompromiseReported?: (context: CompromiseReportedContext<User>) => void | Promise<void>;
}

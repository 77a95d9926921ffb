/**
 * The `http` option group — how the router meets HTTP: paths, field names, the app's request and
 * response shapes, who may call, body limits, reset sessions — and the outcome types its hooks see.
 */
import type { Request } from "express";
import type { Schema } from "joi";
import type { REQUEST_FIELDS, ROUTE_NAMES } from "../vocabulary.js";

/**
 * The route names of the router: `"forgot" | "verify" | "reset" | "check" | "report"`. `check`
 * answers only where `http.paths.check` is configured; `report` takes the "this wasn't me" link.
 */
export type RouteName = (typeof ROUTE_NAMES)[number];

/** Every error type the HTTP API answers with. */
export type ErrorType =
  | "VALIDATION_ERROR"
  | "INVALID_TOKEN"
  | "TOKEN_EXPIRED"
  | "NOT_FOUND"
  | "UNAUTHORIZED"
  | "METHOD_NOT_ALLOWED"
  | "PAYLOAD_TOO_LARGE"
  | "REQUEST_TIMEOUT"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "SECOND_FACTOR_REQUIRED"
  | "INVALID_SECOND_FACTOR"
  | "OPERATION_FAILED"
  | "INTERNAL_ERROR";

/** One field-level problem in a `VALIDATION_ERROR`. */
export interface FieldError {
  /** The request field at fault. */
  field: string;
  /** What is wrong with it. */
  message: string;
}

/** The error part of an outcome. */
export interface OutcomeError {
  /** The error type. */
  type: ErrorType;
  /** A message safe to show to the client. */
  message: string;
  /** Field-level problems, for `VALIDATION_ERROR`. */
  details?: FieldError[];
}

/** What a route decided, before it is written as a response. `formatResponse` sees every one. */
export interface Outcome {
  /** The route that answered. */
  route: RouteName;
  /** The HTTP status the default envelope uses. */
  status: number;
  /** Whether the request succeeded. */
  success: boolean;
  /** The success payload. */
  data?: Record<string, unknown>;
  /** The error, when `success` is false. */
  error?: OutcomeError;
}

/** A response as `formatResponse` shapes it. */
export interface FormattedResponse {
  /** HTTP status. [the outcome's] */
  status?: number;
  /** Extra headers (the security headers are always set). */
  headers?: Record<string, string>;
  /** The JSON body. */
  body: unknown;
}

/** Request fields the package reads, which {@link HttpOptions.aliases} may rename. */
export type RequestField = (typeof REQUEST_FIELDS)[number];

/**
 * Request fields under the package's own names, as {@link HttpOptions.parseRequest} returns them;
 * any other key is an extra field for `http.fields`. Values are checked as any body's are (strings
 * only, bounded), so a wrong type still answers `VALIDATION_ERROR`.
 */
export type RequestFields = { [F in RequestField]?: string } & Record<string, unknown>;

/** What {@link HttpOptions.parseRequest} returns. */
export interface ParsedRequest {
  /** The request's fields under the package's names (aliases do not apply to them). */
  fields: RequestFields;
  /**
   * Which route the request is, where several share its path; it must be one of them. Elsewhere
   * it may be left out, or must name the path's own route. [the path's route]
   */
  route?: RouteName;
}

/** What {@link HttpOptions.authorize} receives. */
export interface AuthorizeContext {
  /** The Express request. */
  req: Request;
  /** The route it asks for. */
  route: RouteName;
}

/** What {@link HttpOptions.parseRequest} and {@link HttpOptions.bindTo} receive. */
export interface RequestContext {
  /** The Express request. */
  req: Request;
  /**
   * The route: for `parseRequest`, the one the path names (on a shared path, the first of its
   * routes in the order forgot, verify, reset, check); for `bindTo`, the route being answered.
   */
  route: RouteName;
  /** The body: as read, for `parseRequest`; with aliases applied, for `bindTo`. */
  body: Readonly<Record<string, unknown>>;
}

/** What {@link HttpOptions.formatResponse} receives. */
export interface FormatResponseContext {
  /** What the route decided. */
  outcome: Outcome;
  /** The Express request. */
  req: Request;
}

/** Route paths inside the mount point. */
export interface RoutePathOptions {
  /** `POST`: ask for a link or code. [`/forgot`] */
  forgot?: string;
  /** `POST`: exchange a link token or code for a reset session. [`/verify`] */
  verify?: string;
  /** `POST`: set the new password. [`/reset`] */
  reset?: string;
  /**
   * `POST`: is this link token (or identifier + code) still good? Answers `{ valid: true }` or
   * the usual INVALID_TOKEN / TOKEN_EXPIRED, spending nothing; counts against `verifyResetPerIp`
   * and the code guess budget. [off]
   */
  check?: string;
  /**
   * `POST`: "this wasn't me". Takes the `token` of the report link a password-changed notice
   * carries (single use, 7 days): revokes every outstanding grant and session of the account and
   * calls `hooks.onCompromiseReported`. With `pages` on, `GET` shows the hosted confirm page. [`/report`]
   */
  report?: string;
}

/** `http`: how the router meets HTTP. Every hook takes one context object. */
export interface HttpOptions {
  /**
   * Route paths inside the mount point. [`/forgot`, `/verify`, `/reset`, `/report`; `check` off] Each route
   * has its own path, except with `parseRequest`, which may serve several routes on one path and
   * says which route each request is.
   */
  paths?: RoutePathOptions;
  /**
   * Other names clients use for the package's request fields, e.g. `{ resetToken: ["sessionId"] }`.
   * A field under its own name wins over an alias. [none]
   */
  aliases?: Partial<Record<RequestField, string[]>>;
  /**
   * Extra body fields each route requires or checks, as joi schemas, e.g.
   * `{ reset: { brand: Joi.string().required() } }`. Failures answer `VALIDATION_ERROR`. [none]
   */
  fields?: Partial<Record<RouteName, Record<string, Schema>>>;
  /**
   * Maps any client's request to the package's own fields: nested bodies, arrays of `{ id, value }`,
   * values in the query or headers. Gets the body as read (by the router or the host's parser) and
   * the route the path names; returns `{ fields }`, plus `route` where routes share the path, or
   * `undefined` to read the body as it is. Runs before `authorize`, within
   * `advanced.adapterTimeoutSeconds`; a throw, a timeout or a malformed result answers 500
   * `INTERNAL_ERROR` with an `adapter.failed` event. The body and the returned fields both pass the
   * hostile-input check, then the same limits and typed reading as any body: it can rename and move
   * fields, never switch a check off. [none]
   */
  parseRequest?: (context: RequestContext) => ParsedRequest | undefined | Promise<ParsedRequest | undefined>;
  /** Reshapes every response, errors included. [the contract's envelope] */
  formatResponse?: (context: FormatResponseContext) => FormattedResponse;
  /**
   * Decides whether a request may use the route at all (API keys, client ids, `Origin`). `false`
   * answers 401 `UNAUTHORIZED`. Runs before any field is read. [every request allowed]
   */
  authorize?: (context: AuthorizeContext) => boolean | Promise<boolean>;
  /**
   * Binds every grant to a context the app derives from the request that created it (a device id,
   * a client id): a later request presenting the grant must derive the same string, or it answers
   * INVALID_TOKEN. `undefined` means unbound. [none]
   */
  bindTo?: (context: RequestContext) => string | undefined | Promise<string | undefined>;
  /** Largest accepted request body, in bytes, from 256 to 1 MiB. [16384] */
  maxBodyBytes?: number;
  /**
   * Longest the router waits for a request body to arrive, in seconds (decimals allowed, from 0.1
   * to 600); a slower one answers 408 and the connection is closed. [10]
   */
  bodyTimeoutSeconds?: number;
  /** Lifetime of the reset session `verify` answers with, in seconds, from 30 to 86400. [600] */
  sessionTtlSeconds?: number;
  /**
   * Answers error messages in the language the request's `Accept-Language` prefers among the
   * shipped `en es fr de pt` — the error table's, the password policy's and those of the field
   * checks a user can cause; a malformed request's stays English — with `Content-Language` set.
   * The `type` and `field` of an error never change, so clients keep matching on them. [false:
   * English, 0.2's texts]
   */
  translateMessages?: boolean;
}

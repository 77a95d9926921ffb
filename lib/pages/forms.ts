/**
 * Between the pages' forms and the JSON flows: a posted form becomes the body the flows already
 * read, and the flows' errors become translated messages on the form.
 */
import type { IdentifierType, PageError, PageField } from "./render/types.js";

/** The forms the pages post. */
export type PageForm = "forgot" | "reset" | "code";

/** A posted form, translated for the flow. */
export interface FlowRequest {
  /** The body to hand to the flow: only the package's own field names, strings only. */
  body: Record<string, string>;
  /** The identifier type the form's identifier was read as (forgot and code forms). */
  identifierType?: IdentifierType;
  /** What to show again in the form after an error (never a password). */
  values: { identifier?: string; code?: string };
}

/**
 * Maps a posted form to the flow's body. The one identifier field becomes `email`, `mobile` or
 * `username` (see {@link classifyIdentifier}); the reset form's token is not in the form but in
 * the hand-off cookie, and the router adds it as `token`. Non-string values (a repeated field
 * parsed as an array) are dropped, so the flow reports the field as missing.
 */
export function formToFlowRequest(
  form: PageForm,
  posted: Readonly<Record<string, unknown>>,
  accepted: readonly IdentifierType[],
): FlowRequest {
  const text = (name: string): string | undefined => {
    const value = posted[name];
    return typeof value === "string" ? value : undefined;
  };
  const body: Record<string, string> = {};
  const values: FlowRequest["values"] = {};
  let identifierType: IdentifierType | undefined;
  if (form === "forgot" || form === "code") {
    const identifier = (text("identifier") ?? "").trim();
    identifierType = classifyIdentifier(identifier, accepted);
    body[identifierType] = identifier;
    values.identifier = identifier;
  }
  if (form === "code") {
    const code = (text("code") ?? "").replace(/[\s-]/g, "");
    body.code = code;
    values.code = code;
  }
  if (form === "reset" || form === "code") {
    body.password = text("password") ?? "";
    body.passwordConfirm = text("passwordConfirm") ?? "";
    // The second factor's field, when the page showed it; left empty it is not sent, so the flow
    // answers SECOND_FACTOR_REQUIRED and the page asks for it by name.
    const otp = (text("otp") ?? "").trim();
    if (otp !== "") body.otp = otp;
  }
  return identifierType === undefined ? { body, values } : { body, identifierType, values };
}

/**
 * Which identifier type a typed value is: the only accepted type; else an address with `@` is
 * an email, digits with an optional `+` and separators a mobile number, anything else a
 * username (or, when usernames are not accepted, whichever type will report it invalid).
 */
export function classifyIdentifier(value: string, accepted: readonly IdentifierType[]): IdentifierType {
  const types = accepted.length > 0 ? accepted : (["email"] as const);
  if (types.length === 1) return types[0] as IdentifierType;
  if (value.includes("@") && types.includes("email")) return "email";
  if (/^\+?[\d\s().-]{5,}$/.test(value) && types.includes("mobile")) return "mobile";
  if (types.includes("username")) return "username";
  return types.includes("email") ? "email" : (types[0] as IdentifierType);
}

/** One detail of a `VALIDATION_ERROR` envelope, as the flows build it. */
export interface FlowFieldError {
  field: string;
  message: string;
  /** A machine reason, when the flow gives one (preferred over reading `message`). */
  reason?: string;
}

/** What the page errors are built from: the flow's error `type` and its details. */
export interface FlowFailure {
  type: string;
  details?: readonly FlowFieldError[];
}

/** Limits quoted in the messages. */
export interface PasswordLimits {
  minLength: number;
  maxLength: number;
}

/**
 * The errors to show on `form` for a flow's failure. Field names of the API map to the form's
 * fields; known failures get translated messages; a message the app wrote (its
 * `password.validate` rule) is shown as it is. `INVALID_TOKEN`/`TOKEN_EXPIRED` on the reset
 * form are not errors of the form: the router shows the invalid-link page instead.
 */
export function pageErrorsFor(form: PageForm, failure: FlowFailure, limits: PasswordLimits): PageError[] {
  switch (failure.type) {
    case "RATE_LIMITED":
      return [{ key: "errorRateLimited" }];
    case "INVALID_TOKEN":
    case "TOKEN_EXPIRED":
      return form === "code" ? [{ field: "code", key: "errorCodeInvalid" }] : [{ key: "errorFormExpired" }];
    case "SECOND_FACTOR_REQUIRED":
      return [{ field: "otp", key: "errorOtpRequired" }];
    case "INVALID_SECOND_FACTOR":
      return [{ field: "otp", key: "errorOtpInvalid" }];
    case "VALIDATION_ERROR":
      break;
    default:
      return [{ key: "errorUnavailable" }];
  }
  const errors = (failure.details ?? []).map((detail) => fieldError(form, detail, limits));
  // One message per field, in the form's order, so the summary matches the page.
  const order: PageField[] = ["identifier", "code", "password", "passwordConfirm", "otp"];
  const seen = new Set<string>();
  return errors
    .filter((error) => {
      const id = error.field ?? "";
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => order.indexOf(a.field ?? "identifier") - order.indexOf(b.field ?? "identifier"));
}

function fieldError(form: PageForm, detail: FlowFieldError, limits: PasswordLimits): PageError {
  const missing = /required|missing|empty/i.test(detail.message);
  const reason = detail.reason ?? "";
  switch (detail.field) {
    case "email":
      return { field: "identifier", key: missing ? "errorEmailRequired" : "errorEmailInvalid" };
    case "mobile":
    case "phone":
      return { field: "identifier", key: missing ? "errorMobileRequired" : "errorMobileInvalid" };
    case "username":
      return { field: "identifier", key: missing ? "errorUsernameRequired" : "errorIdentifierInvalid" };
    case "identifierType":
    case "identifierValue":
    case "identifier":
      return { field: "identifier", key: missing ? "errorIdentifierRequired" : "errorIdentifierInvalid" };
    case "code":
    case "token":
      return form === "code"
        ? { field: "code", key: missing ? "errorCodeRequired" : "errorCodeInvalid" }
        : { key: "errorFormExpired" };
    case "otp":
      return { field: "otp", key: "errorOtpInvalid" };
    case "passwordConfirm":
    case "confirmPassword":
      return { field: "passwordConfirm", key: "errorPasswordMismatch" };
    case "password":
      return passwordError(detail, reason, missing, limits);
    default:
      return { text: detail.message };
  }
}

function passwordError(
  detail: FlowFieldError,
  reason: string,
  missing: boolean,
  limits: PasswordLimits,
): PageError {
  const says = (pattern: RegExp) => pattern.test(reason) || pattern.test(detail.message);
  if (missing || says(/^password is not allowed to be empty$/))
    return { field: "password", key: "errorPasswordRequired" };
  if (says(/too_short|at least \d+ characters/)) {
    return { field: "password", key: "errorPasswordTooShort", params: { min: limits.minLength } };
  }
  if (says(/too_long|at most \d+ (bytes|characters)/)) {
    return { field: "password", key: "errorPasswordTooLong", params: { max: limits.maxLength } };
  }
  if (says(/common/)) return { field: "password", key: "errorPasswordCommon" };
  // Before "breach": a check that could not run is no finding that the password leaked.
  if (says(/breach_check_failed|could not check/))
    return { field: "password", key: "errorPasswordUnchecked" };
  if (says(/breach|pwned/)) return { field: "password", key: "errorPasswordBreached" };
  if (says(/personal|identifier|context|similar to your account/)) {
    return { field: "password", key: "errorPasswordPersonal" };
  }
  if (says(/^weak$|too easy to guess/)) return { field: "password", key: "errorPasswordWeak" };
  // The app's own rule: its message, as it wrote it.
  return { field: "password", text: detail.message };
}

/** The HTTP status a page shows a flow's failure with. */
export function statusOf(failure: FlowFailure): number {
  switch (failure.type) {
    case "SECOND_FACTOR_REQUIRED":
      return 403;
    case "RATE_LIMITED":
      return 429;
    case "INTERNAL_ERROR":
      return 500;
    default:
      return 400;
  }
}

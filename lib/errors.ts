/**
 * The one table of HTTP error types, and the two error classes: the configuration error thrown
 * at construction (`config-error.ts`, re-exported here) and the request error a flow throws to
 * answer with an error envelope.
 */
import type { ErrorType, FieldError } from "./types.js";

export { PasswordResetConfigError } from "./config-error.js";

/** HTTP status and default client-safe message of every error type. */
export const ERROR_TABLE: Readonly<Record<ErrorType, { status: number; message: string }>> = {
  VALIDATION_ERROR: { status: 400, message: "The request is invalid." },
  INVALID_TOKEN: { status: 400, message: "The reset token or code is invalid or has already been used." },
  TOKEN_EXPIRED: { status: 400, message: "The reset token or code has expired. Request a new one." },
  NOT_FOUND: { status: 404, message: "No account matches that identifier." },
  UNAUTHORIZED: { status: 401, message: "This client is not allowed to use this endpoint." },
  METHOD_NOT_ALLOWED: { status: 405, message: "Method not allowed." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "The request body is too large." },
  REQUEST_TIMEOUT: { status: 408, message: "The request body took too long to arrive." },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: "Send the body as application/json, text/plain JSON, or application/x-www-form-urlencoded.",
  },
  RATE_LIMITED: { status: 429, message: "Too many requests. Try again later." },
  SECOND_FACTOR_REQUIRED: {
    status: 403,
    message: "This account has a second factor: send its answer in otp with the new password.",
  },
  INVALID_SECOND_FACTOR: { status: 400, message: "The second-factor answer is wrong." },
  OPERATION_FAILED: { status: 502, message: "The reset message could not be sent." },
  INTERNAL_ERROR: { status: 500, message: "Something went wrong. Try again later." },
};

/** An error a flow throws to answer the request with an error envelope. */
export class RequestError extends Error {
  /** The error type of the envelope. */
  readonly type: ErrorType;
  /** Field-level problems, for `VALIDATION_ERROR`. */
  readonly details: FieldError[] | undefined;
  /** Extra response headers, such as `Retry-After`. */
  readonly headers: Record<string, string> | undefined;

  /** Builds an error of `type`, with the table's message unless one is given. */
  constructor(
    type: ErrorType,
    options: { message?: string; details?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    // A RequestError is an answer (an unknown account, a wrong code), not a fault: it needs no
    // stack, and capturing one was a tenth of an unknown account's forgot in the profile.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(options.message ?? ERROR_TABLE[type].message);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = "RequestError";
    this.type = type;
    this.details = options.details;
    this.headers = options.headers;
  }

  /** The HTTP status of this error type. */
  get status(): number {
    return ERROR_TABLE[this.type].status;
  }
}

/** A `VALIDATION_ERROR` naming the fields at fault. */
export function validationError(details: FieldError[]): RequestError {
  const first = details[0];
  return new RequestError("VALIDATION_ERROR", {
    message: first ? first.message : ERROR_TABLE.VALIDATION_ERROR.message,
    details,
  });
}

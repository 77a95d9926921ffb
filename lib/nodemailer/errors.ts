/**
 * The one error a failed send rejects with. Transport errors are never passed on: nodemailer puts
 * the server's reply in `message` and keeps the message on some errors, and a server may echo
 * what it was sent, reset link included. So a fresh error is built with a fixed message, keeping
 * only the fields a caller branches on.
 */

/** Codes and commands are kept only in this plain shape, so nothing else can ride along. */
const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const COMMAND = /^[A-Z][A-Z ]{0,19}$/;

/** Why sending a message failed. Its message never holds the link, code, address or server reply. */
export class MailDeliveryError extends Error {
  /** The transport's error code (`EENVELOPE`, `EMESSAGE`, `ESOCKET`, `ECONNREFUSED`...), or ours (`ETEMPLATE`). */
  readonly code?: string;
  /** The SMTP reply code, when the server answered with an error (`550`, `451`). */
  readonly responseCode?: number;
  /** The SMTP command that failed (`RCPT TO`, `DATA`, `CONN`), when the transport said. */
  readonly command?: string;
  /** Sending attempts made before giving up; 0 when the message was refused before any (`EENVELOPE`, `ETEMPLATE`). */
  readonly attempts: number;
  /** True when the failure was transient (a 4xx reply, a dropped connection): it may work later. */
  readonly transient: boolean;

  /** Builds the error; `details` are copied only when they have the expected shape. */
  constructor(
    message: string,
    details: {
      code?: unknown;
      responseCode?: unknown;
      command?: unknown;
      attempts: number;
      transient: boolean;
    },
  ) {
    super(message);
    this.name = "MailDeliveryError";
    if (typeof details.code === "string" && CODE.test(details.code)) this.code = details.code;
    if (Number.isInteger(details.responseCode)) this.responseCode = details.responseCode as number;
    if (typeof details.command === "string" && COMMAND.test(details.command)) this.command = details.command;
    this.attempts = details.attempts;
    this.transient = details.transient;
  }
}

/** The fields a transport error may carry, read defensively (anything can be thrown). */
export interface TransportErrorFields {
  /** Nodemailer or Node.js error code. */
  code?: unknown;
  /** The Node.js code nodemailer replaced with its own (`ECONNREFUSED` under `ESOCKET`). */
  originalCode?: unknown;
  /** The SMTP reply code. */
  responseCode?: unknown;
  /** The SMTP command in flight. */
  command?: unknown;
}

/** Reads the fields of a thrown value without trusting its type. */
export function transportErrorFields(error: unknown): TransportErrorFields {
  if (typeof error !== "object" || error === null) return {};
  const { code, originalCode, responseCode, command } = error as Record<string, unknown>;
  return { code, originalCode, responseCode, command };
}

/**
 * The safe error for a failed send of `what` ("the password reset email"): it names the SMTP
 * reply code and error code, never the reply text.
 */
export function deliveryError(
  what: string,
  error: unknown,
  attempts: number,
  transient: boolean,
): MailDeliveryError {
  const fields = transportErrorFields(error);
  const reasons = [
    Number.isInteger(fields.responseCode) ? `SMTP ${String(fields.responseCode)}` : undefined,
    typeof fields.code === "string" && CODE.test(fields.code) ? fields.code : undefined,
  ].filter((reason) => reason !== undefined);
  const because = reasons.length ? ` (${reasons.join(", ")})` : "";
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  return new MailDeliveryError(`express-password-reset: sending ${what} failed${because} after ${tries}`, {
    ...fields,
    attempts,
    transient,
  });
}

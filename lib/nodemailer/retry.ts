/**
 * Sending with bounded retries. Only failures that may pass on their own are retried: an SMTP 4xx
 * reply or a connection that dropped, timed out or was refused. A 5xx reply is the server's final
 * word on this message, so retrying it would only delay the error.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { deliveryError, transportErrorFields } from "./errors.js";

/** A resolved retry policy. */
export interface RetryPolicy {
  /** Total attempts, the first included (1 to {@link MAX_ATTEMPTS}). */
  attempts: number;
  /** Wait before the first retry, in ms; it doubles for each later one. */
  baseDelayMs: number;
}

/** The most attempts a policy may ask for, so a send always ends. */
export const MAX_ATTEMPTS = 10;

/** The longest single wait between attempts. */
export const MAX_DELAY_MS = 30_000;

// Node.js network errors, and nodemailer's own codes for a lost connection or a timeout.
// Nodemailer's ESOCKET also covers TLS certificate failures, so it counts only through an
// `originalCode` in this list.
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "ECONNECTION",
]);

/** True when a send failed in a way that may pass if tried again later. */
export function isTransientFailure(error: unknown): boolean {
  const { code, originalCode, responseCode } = transportErrorFields(error);
  // A reply code is the server's own verdict, so it wins over the error code.
  if (typeof responseCode === "number") return responseCode >= 400 && responseCode < 500;
  return [code, originalCode].some((c) => typeof c === "string" && NETWORK_CODES.has(c));
}

/** The wait before retry number `retry` (1 for the first retry). */
export function retryDelayMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.baseDelayMs * 2 ** (retry - 1), MAX_DELAY_MS);
}

/**
 * Runs `send` until it succeeds, fails permanently, or runs out of attempts; then rejects with a
 * `MailDeliveryError` about `what` that carries no part of the transport's error message.
 */
export async function sendWithRetry(
  send: () => Promise<unknown>,
  policy: RetryPolicy,
  what: string,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      const transient = isTransientFailure(error);
      if (!transient || attempt >= policy.attempts) throw deliveryError(what, error, attempt, transient);
      await sleep(retryDelayMs(policy, attempt));
    }
  }
}

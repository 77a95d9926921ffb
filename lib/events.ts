/**
 * Audit events and error reports. Nothing secret leaves through here (guarantee 10): events are
 * built from fixed fields, and an adapter's error message is scrubbed of every secret of the
 * request before it is passed on, since drivers like to echo what they were sent.
 */
import type { Logger, PasswordResetEvent } from "./types.js";

/** An event without its timestamp; {@link Events.emit} adds it. */
export type EventInput = Omit<PasswordResetEvent, "at">;

/** Where events and log lines go, and the clock that stamps events. */
export interface EventSinks {
  /** `hooks.onEvent`, if any. */
  readonly onEvent: ((event: PasswordResetEvent) => void) | undefined;
  /** `advanced.logger`. */
  readonly logger: Logger;
  /** `advanced.now`. */
  readonly now: () => number;
}

/** Sends events to `onEvent` and adapter failures to the logger. */
export class Events {
  readonly #config: EventSinks;
  readonly #reported = new WeakSet<object>();
  readonly #warned = new Set<string>();

  /** Sends to `config`'s sinks. */
  constructor(config: EventSinks) {
    this.#config = config;
  }

  /** Whether anything receives events (`hooks.onEvent` is set): else building one is wasted work. */
  get listened(): boolean {
    return this.#config.onEvent !== undefined;
  }

  /** Emits one event. A throwing `onEvent` is logged, never allowed to break a request. */
  emit(event: EventInput): void {
    const { onEvent, logger, now } = this.#config;
    if (!onEvent) return;
    try {
      onEvent({ ...event, at: now() });
    } catch (error) {
      logger.error(`express-password-reset: onEvent threw: ${describeError(error, []).message}`);
    }
  }

  /**
   * Reports a failed adapter call as an `adapter.failed` event (or the `type` given) and a log
   * line; `secrets` are cut out of the error's message.
   */
  failure(event: EventInput, error: unknown, secrets: ReadonlyArray<string | undefined>): void {
    const safe = describeError(error, secrets);
    if (typeof error === "object" && error !== null) this.#reported.add(error);
    this.emit({ ...event, error: safe });
    this.#config.logger.error(
      `express-password-reset: ${event.operation ?? event.type} failed: ${safe.name}: ${safe.message}`,
    );
  }

  /**
   * Writes a warning to the logger the first time `key` is seen by this router, never again: for
   * hints about the app's setup, which would otherwise repeat on every request.
   */
  warnOnce(key: string, message: () => string): void {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#config.logger.warn(`express-password-reset: ${message()} (Logged once.)`);
  }

  /** Whether `error` was already reported by {@link Events.failure}. */
  wasReported(error: unknown): boolean {
    return typeof error === "object" && error !== null && this.#reported.has(error);
  }
}

/** Name and message of an error, with every given secret replaced by `[redacted]`. */
export function describeError(
  error: unknown,
  secrets: ReadonlyArray<string | undefined>,
): { name: string; message: string } {
  const name = error instanceof Error ? error.name : "Error";
  let message = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    // Drivers echo what they were sent in their own encodings: a query string, a JSON document.
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ];
    for (const form of new Set([...forms, JSON.stringify(secret).slice(1, -1)])) {
      message = message.split(form).join("[redacted]");
    }
  }
  return { name, message: message.slice(0, 500) };
}

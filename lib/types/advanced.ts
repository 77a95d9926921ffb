/** The `advanced` option group: where the package logs, its clock, and how long adapters may take. */

/** Where the package writes its rare log lines. [console] */
export interface Logger {
  /** Informational lines. */
  info?(message: string): void;
  /** Warnings, such as a missing `secret` in production or a deprecated option. */
  warn(message: string): void;
  /** Errors an adapter raised. */
  error(message: string): void;
}

/** `advanced`: settings most apps never touch. */
export interface AdvancedOptions {
  /** Log sink; the package never writes to the console otherwise. [console] */
  logger?: Logger;
  /** Clock in epoch ms, for tests. [`Date.now`] */
  now?: () => number;
  /**
   * Longest an adapter call (users, mailer, sms, store, hooks) may take before it counts as failed,
   * in seconds (decimals allowed, from 0.001 to 600). [10]
   */
  adapterTimeoutSeconds?: number;
  /**
   * A span per request (`password_reset.<route>`, the background delivery a child span) and the
   * metrics `password_reset.requests`, `password_reset.deliveries` and `password_reset.duration`,
   * through the global providers of `@opentelemetry/api` (an optional peer: install it). They
   * carry the route, the outcome, the error type, the identifier type and the channel, never an
   * identifier, token, code, password or address. [false]
   */
  telemetry?: boolean;
}

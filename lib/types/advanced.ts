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
  // Reserved for issue 24: `telemetry` [false], spans and metrics through @opentelemetry/api.
}

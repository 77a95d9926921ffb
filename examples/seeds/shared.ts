// What every seed example takes and returns, so the tests and run.ts drive them all the same way.
import type { Express } from "express";
import type { PasswordResetOptions } from "../../lib/index.js";

/**
 * The app's own parts a seed example is built from: its user table and senders, plus the knobs a
 * test turns (a fast `password.hasher`, `rateLimit: false`, a fixed `secret`, a shared `tokenStore`,
 * `hooks.onEvent`, `advanced.logger`). The 0.2 spellings of those knobs still work, as everywhere.
 */
export type SeedDeps = Pick<PasswordResetOptions, "users" | "mailer"> &
  Partial<
    Pick<
      PasswordResetOptions,
      | "sms"
      | "secret"
      | "rateLimit"
      | "tokenStore"
      | "resetUrl"
      | "password"
      | "hooks"
      | "advanced"
      | "hashPassword"
      | "onEvent"
      | "logger"
    >
  >;

/** A seed example's app and the lifecycle of every router it mounts. */
export interface SeedApp {
  /** The Express app, answering the seed's paths. */
  app: Express;
  /** Waits for background deliveries (so a test can read the captured mail or SMS). */
  drain(): Promise<void>;
  /** Drains, then stops timers so the process can exit. */
  close(): Promise<void>;
}

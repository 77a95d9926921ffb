/**
 * The stand-ins the benchmarks mount the router with: a user table in a Map, mailers that do
 * nothing (or wait), a silent logger, and a cheap hash for figures that are not about bcrypt.
 */
import autocannon from "autocannon";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { bcryptHasher, createPasswordResetRouter } from "../lib/index.js";
import type {
  Identifier,
  Logger,
  Mailer,
  PasswordResetOptions,
  RateLimitOptions,
  ResetUser,
  TokenStore,
  UserAdapter,
} from "../lib/index.js";

/** Users `user-0@example.com` … `user-<count-1>@example.com`, found by email. */
export function userTable(count: number): UserAdapter & { passwords: Map<string, string> } {
  const passwords = new Map<string, string>();
  return {
    passwords,
    async findUser(identifier: Identifier): Promise<ResetUser | null> {
      const match = /^user-(\d+)@example\.com$/.exec(identifier.value);
      const index = match ? Number(match[1]) : -1;
      return index >= 0 && index < count ? { id: String(index), email: identifier.value } : null;
    },
    async updatePassword(userId: string, hash: string): Promise<void> {
      passwords.set(userId, hash);
    },
  };
}

/** A mailer that sends nothing, optionally after `delayMs` (a real SMTP hand-off takes time). */
export function idleMailer(delayMs = 0): Mailer {
  return {
    sendPasswordReset: () =>
      new Promise<void>((resolve) => (delayMs > 0 ? setTimeout(resolve, delayMs) : resolve())),
  };
}

/**
 * Drops every log line: a benchmark's output is its table. A deprecation warning throws instead, so
 * a bench router built with a 0.2 spelling fails its section rather than measuring the adapter.
 */
export const silentLogger: Logger = {
  warn: (message) => {
    if (message.includes("is deprecated")) throw new Error(`the bench uses a 0.2 spelling: ${message}`);
  },
  error: () => {},
};

/** A 32-byte signing secret, so routers with a shared store do not warn about a random one. */
export const BENCH_SECRET = "bench-secret-bench-secret-bench-secret-0123456789";

/** SHA-256 instead of bcrypt, where a figure is about the package and its store, not the hash. */
export async function cheapHash(plain: string): Promise<string> {
  return createHash("sha256").update(plain).digest("hex");
}

/** {@link cheapHash} as the router's `password.hasher` (a bcrypt hasher whose hashing is replaced). */
export const cheapHasher = bcryptHasher({ rounds: 4, hash: cheapHash });

/** Where the emailed links point; never opened. */
export const RESET_URL = "https://app.example.com/reset-password";

/** Rate limits that are on, so their store calls are part of what is measured, but never refuse. */
export const NEVER_REFUSING_LIMITS: RateLimitOptions = {
  forgotPerIdentifier: { points: 1_000_000, durationSeconds: 900 },
  forgotPerIp: { points: 1_000_000, durationSeconds: 900 },
  verifyResetPerIp: { points: 1_000_000, durationSeconds: 900 },
};

/**
 * What every store-backed bench router shares: the store, a shared secret, the cheap hash (bcrypt
 * would drown what is measured), limits that never refuse, and no log lines.
 */
export function storeRouterOptions(
  store: TokenStore,
): Pick<PasswordResetOptions, "resetUrl" | "tokenStore" | "secret" | "password" | "rateLimit" | "advanced"> {
  return {
    resetUrl: RESET_URL,
    tokenStore: store,
    secret: BENCH_SECRET,
    password: { hasher: cheapHasher },
    rateLimit: NEVER_REFUSING_LIMITS,
    advanced: { logger: silentLogger },
  };
}

/**
 * The router factory a throughput figure measures: `lib/` as tsx runs it, or with `--dist` on the
 * command line the built package (`npm run build` first), as an app runs it. The same code costs
 * about a tenth more CPU per request through tsx's transpiled modules than from the build.
 */
export function routerFactory(): typeof createPasswordResetRouter {
  if (!process.argv.includes("--dist")) return createPasswordResetRouter;
  const require = createRequire(resolve("package.json"));
  const built = require(resolve("dist/cjs/index.js")) as {
    createPasswordResetRouter: typeof createPasswordResetRouter;
  };
  return built.createPasswordResetRouter;
}

/** What {@link fireForgot} is to send, where, and how hard. */
export interface ForgotLoad {
  /** The router's (or bare handler's) mount URL; `/forgot` is appended. */
  mountUrl: string;
  email: string;
  connections: number;
  seconds: number;
  /** Names the variant in the error a failed answer throws. */
  label: string;
  /** Waits for the background deliveries the load started (a router's `drain`). */
  drain?: () => Promise<void>;
}

/**
 * Sends `POST /forgot` with autocannon for `seconds`, waits for the deliveries it started, and
 * answers the requests counted and the seconds measured. A throughput figure of failed answers
 * would be meaningless, so any error or non-2xx answer throws.
 */
export async function fireForgot(load: ForgotLoad): Promise<{ requests: number; seconds: number }> {
  const result = await autocannon({
    url: `${load.mountUrl}/forgot`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: load.email }),
    connections: load.connections,
    duration: load.seconds,
  });
  await load.drain?.();
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`${load.label}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  }
  return { requests: result.requests.total, seconds: result.duration };
}

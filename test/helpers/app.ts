// App factory for the HTTP tests: the same router mounted on Express 4 and on Express 5.
import express5 from "express";
import express4 from "express4";
import type { Express } from "express";
import { createPasswordResetRouter } from "../../lib/index.js";
import type {
  PasswordHasher,
  PasswordResetEvent,
  PasswordResetOptions,
  PasswordResetRouter,
} from "../../lib/index.js";
import { CapturingMailer, CapturingSmsSender } from "../../lib/testing/index.js";
import { FakeUsers } from "./users.js";

export const EXPRESS_VERSIONS = [
  { name: "Express 4", create: () => express4() as unknown as Express, json: () => express4.json() },
  { name: "Express 5", create: () => express5(), json: () => express5.json() },
] as const;

export type ExpressVersion = (typeof EXPRESS_VERSIONS)[number];

export interface TestApp {
  app: Express;
  router: PasswordResetRouter;
  users: FakeUsers;
  mailer: CapturingMailer;
  sms: CapturingSmsSender;
  events: PasswordResetEvent[];
  logs: string[];
  clock: { now: number };
}

export interface TestAppOptions extends Partial<PasswordResetOptions> {
  mountPath?: string;
  hostParsers?: boolean;
}

export const FAST_HASH = async (plain: string): Promise<string> =>
  `hashed:${plain.length}:${Buffer.from(plain).toString("base64")}`;

/**
 * {@link FAST_HASH} as a `password.hasher`. Its limit is generous so that, as with 0.2's
 * `hashPassword`, a test may raise `password.maxBytes`; the factory keeps the default at 72.
 */
export const FAST_HASHER: PasswordHasher = {
  id: "bcrypt",
  maxBytes: 4096,
  hash: FAST_HASH,
  verify: async (plain, hash) => hash === (await FAST_HASH(plain)),
  needsRehash: () => false,
};

/**
 * A host app with the router mounted at `/auth/password` (or `mountPath`). Rate limits off unless
 * given. A `FakeUsers`, `CapturingMailer` or `CapturingSmsSender` passed in is the one the router
 * uses and the one handed back, so `t.users`, `t.mailer` and `t.sms` always see what the router did.
 *
 * The defaults are written in the 1.0 spellings, so a router built from them logs no deprecation.
 * A test may still pass any 0.2 spelling: the factory then leaves out its own default for that
 * option (giving both spellings would throw), and the router takes the test's value as before.
 */
export function createTestApp(version: ExpressVersion, options: TestAppOptions = {}): TestApp {
  const { mountPath = "/auth/password", hostParsers = false, ...given } = options;
  const users = options.users instanceof FakeUsers ? options.users : new FakeUsers();
  const mailer = options.mailer instanceof CapturingMailer ? options.mailer : new CapturingMailer();
  const sms = options.sms instanceof CapturingSmsSender ? options.sms : new CapturingSmsSender();
  const events: PasswordResetEvent[] = [];
  const logs: string[] = [];
  const clock = { now: Date.UTC(2026, 0, 1) };
  // A test that names the hasher in any spelling (even as `undefined`, for the default) gets it.
  const ownHasher = !("hashPassword" in given || "bcryptRounds" in given || given.password?.hasher);
  const router = createPasswordResetRouter({
    users,
    mailer,
    sms,
    resetUrl: "https://app.example.com/reset-password",
    rateLimit: false,
    ...given,
    password: { ...(ownHasher ? { hasher: FAST_HASHER, maxBytes: 72 } : {}), ...given.password },
    hooks: { ...unlessGiven(given, "onEvent", (event) => events.push(event)), ...given.hooks },
    advanced: {
      ...unlessGiven(given, "logger", {
        warn: (m) => logs.push(`warn: ${m}`),
        error: (m) => logs.push(`error: ${m}`),
      }),
      ...unlessGiven(given, "now", () => clock.now),
      ...given.advanced,
    },
  });
  const app = version.create();
  if (hostParsers) {
    app.use(version.json());
  }
  app.use(mountPath, router);
  app.get("/", (_req, res) => {
    res.send("host app");
  });
  return { app, router, users, mailer, sms, events, logs, clock };
}

/** `{ [key]: value }`, unless the test gave `key` in its 0.2 spelling (at the top level). */
function unlessGiven<K extends "onEvent" | "logger" | "now">(
  given: TestAppOptions,
  key: K,
  value: NonNullable<PasswordResetOptions[K]>,
): { [P in K]?: NonNullable<PasswordResetOptions[P]> } {
  return key in given ? {} : ({ [key]: value } as { [P in K]?: NonNullable<PasswordResetOptions[P]> });
}

// App factory for the HTTP tests: the same router mounted on Express 4 and on Express 5.
import express5 from "express";
import express4 from "express4";
import type { Express } from "express";
import { createPasswordResetRouter } from "../../lib/index.js";
import type { PasswordResetEvent, PasswordResetOptions, PasswordResetRouter } from "../../lib/index.js";
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
 * A host app with the router mounted at `/auth/password` (or `mountPath`). Rate limits off unless
 * given. A `FakeUsers`, `CapturingMailer` or `CapturingSmsSender` passed in is the one the router
 * uses and the one handed back, so `t.users`, `t.mailer` and `t.sms` always see what the router did.
 */
export function createTestApp(version: ExpressVersion, options: TestAppOptions = {}): TestApp {
  const { mountPath = "/auth/password", hostParsers = false, ...routerOptions } = options;
  const users = options.users instanceof FakeUsers ? options.users : new FakeUsers();
  const mailer = options.mailer instanceof CapturingMailer ? options.mailer : new CapturingMailer();
  const sms = options.sms instanceof CapturingSmsSender ? options.sms : new CapturingSmsSender();
  const events: PasswordResetEvent[] = [];
  const logs: string[] = [];
  const clock = { now: Date.UTC(2026, 0, 1) };
  const router = createPasswordResetRouter({
    users,
    mailer,
    sms,
    resetUrl: "https://app.example.com/reset-password",
    rateLimit: false,
    hashPassword: FAST_HASH,
    onEvent: (event) => events.push(event),
    logger: { warn: (m) => logs.push(`warn: ${m}`), error: (m) => logs.push(`error: ${m}`) },
    now: () => clock.now,
    ...routerOptions,
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

/**
 * The real router with `pages` on, served on 127.0.0.1 and a free port, for the browser tests: a
 * memory store, a CapturingMailer and CapturingSmsSender (the tests read the mailed link or the
 * texted code from them), the test user table and a fast hash. What Chromium sees is exactly what
 * an app mounting `createPasswordResetRouter({ pages: true, ... })` serves.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { createPasswordResetRouter, type PasswordResetRouter } from "../../lib/index.js";
import type { PagesOptions } from "../../lib/pages/options.js";
import { CapturingMailer, CapturingSmsSender } from "../../lib/testing/index.js";
import type {
  AccountsOptions,
  DeliveryOptions,
  HooksOptions,
  IdentifierType,
  SecondFactorOptions,
} from "../../lib/types.js";
import { FAST_HASH } from "../helpers/app.js";
import { FakeUsers } from "../helpers/users.js";

/** The mount path of the fixture's router. */
export const MOUNT = "/auth/password";

/** A running router. */
export interface Fixture {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Absolute URL of a router path, e.g. `url("/forgot")`. */
  url(path: string): string;
  router: PasswordResetRouter;
  users: FakeUsers;
  mailer: CapturingMailer;
  sms: CapturingSmsSender;
  /** The router's clock: move `now` to expire links. */
  clock: { now: number };
  /** Asks for a link for `email` through the JSON API and returns the mailed link. */
  mailedLink(email?: string): Promise<string>;
  /** The newest mailed link (after the background delivery has finished). */
  lastLink(): Promise<string>;
  /** The newest texted code. */
  lastCode(): Promise<string>;
  close(): Promise<void>;
}

/** What a fixture serves. */
export interface FixtureOptions {
  pages?: PagesOptions;
  identifiers?: IdentifierType[];
  appName?: string;
  /** `accounts.secondFactor`, for the second-factor field. */
  secondFactor?: SecondFactorOptions;
  /** `accounts.tenant`, for the pages under tenants. */
  tenant?: AccountsOptions["tenant"];
  /** `delivery.allowedRedirectOrigins`. */
  allowedRedirectOrigins?: DeliveryOptions["allowedRedirectOrigins"];
  /** `hooks.onCompromiseReported`, for the "this wasn't me" page. */
  onCompromiseReported?: HooksOptions["onCompromiseReported"];
}

/** Starts the router on 127.0.0.1 and a free port. */
export async function startFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const users = new FakeUsers();
  const mailer = new CapturingMailer();
  const sms = new CapturingSmsSender();
  const clock = { now: Date.now() };
  const router = createPasswordResetRouter({
    users,
    mailer,
    sms,
    identifiers: options.identifiers ?? ["email"],
    resetUrl: `${origin}${MOUNT}/reset`,
    pages: options.pages ?? { signInUrl: "/login" },
    appName: options.appName ?? "Acme <Notes> & Co",
    secret: "browser-suite-secret-of-32-bytes!",
    hashPassword: FAST_HASH,
    rateLimit: false,
    now: () => clock.now,
    accounts: {
      ...(options.secondFactor !== undefined ? { secondFactor: options.secondFactor } : {}),
      ...(options.tenant !== undefined ? { tenant: options.tenant } : {}),
    },
    ...(options.allowedRedirectOrigins !== undefined
      ? { delivery: { allowedRedirectOrigins: options.allowedRedirectOrigins } }
      : {}),
    ...(options.onCompromiseReported !== undefined
      ? { hooks: { onCompromiseReported: options.onCompromiseReported } }
      : {}),
  });
  // Mounted once the port is known: resetUrl names this server's own reset page.
  app.use(MOUNT, router);

  const url = (path: string) => `${origin}${MOUNT}${path}`;
  const lastLink = async () => {
    await router.drain();
    const link = mailer.last?.link;
    if (link === undefined) throw new Error("no link was mailed");
    return link;
  };
  return {
    origin,
    url,
    router,
    users,
    mailer,
    sms,
    clock,
    async mailedLink(email = "alice@example.com") {
      const res = await fetch(url("/forgot"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email }),
      });
      if (res.status !== 200) throw new Error(`forgot answered ${res.status}`);
      return lastLink();
    },
    lastLink,
    async lastCode() {
      await router.drain();
      const code = sms.last?.code;
      if (code === undefined) throw new Error("no code was texted");
      return code;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await router.close();
    },
  };
}

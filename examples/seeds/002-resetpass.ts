// Reproduces seed 002_4a56bff7d1d6a9ce.txt: `POST /api/v1/auth/resetpass` (the emailed token) and
// `POST /api/v1/auth/resetpass/mobile` (the SMS code, sent in the field `token`), both with `Origin`
// and `client_id` headers and `{token, password, passwordConfirm}` (min 8), answering
// `{"status":"success","token":"<access token>"}`. Configuration: two routers sharing one token store
// and secret; `authorize` (client id + its origins), `afterReset` (logs the user in), `formatResponse`.
//
// UNSAFE opt-in, on the mobile route only: the documented request carries the code and no phone
// number, so `codesWithoutIdentifier: true` (with `aliases: { code: ["token"] }`). A guess is then a
// guess against every outstanding code of every account: with 10,000 codes outstanding, one guess at
// a 6-digit code (the seed's "119345") wins 1% of the time. Hence 12-digit codes, a 5-minute life and
// 3 guesses per IP: 10,000 codes against a million guesses from a botnet still give about a 1% chance
// per 5 minutes of taking over *some* account, and users behind one carrier NAT share those 3 guesses.
// The safe shape is the phone number next to the code (or `requestTokens: true` and its token as
// `Authorization: Bearer`); prefer it where you can.
import { randomBytes } from "node:crypto";
import express from "express";
import type { Express, Request } from "express";
import jwt from "jsonwebtoken";
import { MemoryTokenStore, createPasswordResetRouter } from "../../lib/index.js";
import type { FormatResponseContext, FormattedResponse, PasswordResetOptions } from "../../lib/index.js";
import type { SeedApp, SeedDeps } from "./shared.js";

/** Where the seed's API lives. */
export const MOUNT = "/api/v1/auth";

/** What this example adds to {@link SeedDeps}. */
export interface ResetPassDeps extends SeedDeps {
  /** API clients: `client_id` → the `Origin`s its app is served from. */
  clients: Readonly<Record<string, readonly string[]>>;
  /** Key signing the access tokens a reset hands out (the app's own login tokens). */
  accessTokenSecret: string;
}

/** JSend-like, as the seed's `status` suggests: `success`, `fail` (client error), `error`. */
export function formatResponse({ outcome }: FormatResponseContext): FormattedResponse {
  const { status, error, data } = outcome;
  if (error) return { status, body: { status: status >= 500 ? "error" : "fail", message: error.message } };
  return { status, body: { status: "success", ...(data?.accessToken ? { token: data.accessToken } : {}) } };
}

/** The seed's API: the email and mobile routers under {@link MOUNT} on `app`. */
export function createApp(deps: ResetPassDeps, app: Express = express()): SeedApp {
  const { clients, accessTokenSecret, ...rest } = deps;
  const tokenStore = rest.tokenStore ?? new MemoryTokenStore();
  // `Origin` is no secret (any non-browser client sets it); `client_id` names the app, that is all.
  const knownClient = (req: Request) => {
    const clientId = req.headers.client_id;
    if (typeof clientId !== "string" || !Object.hasOwn(clients, clientId)) return false;
    return clients[clientId]?.includes(req.headers.origin ?? "") ?? false;
  };
  const shared: PasswordResetOptions = {
    ...rest,
    // Shared, so a new request on either route supersedes the other's, and a reset revokes both.
    tokenStore,
    secret: rest.secret ?? randomBytes(32).toString("hex"),
    password: { ...rest.password, minLength: 8 },
    hooks: {
      ...rest.hooks,
      // Guarantee 11: nobody is logged in by a reset unless the app does it, as this seed does.
      afterReset: async ({ user }) => ({
        accessToken: jwt.sign({}, accessTokenSecret, {
          subject: String(user.id),
          expiresIn: "1h",
          algorithm: "HS256",
        }),
      }),
    },
  };
  const http = { authorize: ({ req }: { req: Request }) => knownClient(req), formatResponse };
  const email = createPasswordResetRouter({
    resetUrl: "http://localhost:3000/reset-password",
    ...shared,
    http: { ...http, paths: { forgot: "/forgotpass", verify: "/resetpass/verify", reset: "/resetpass" } },
  });
  const mobile = createPasswordResetRouter({
    ...shared,
    accounts: { identifiers: ["mobile"] },
    http: {
      ...http,
      paths: { forgot: "/forgotpass/mobile", verify: "/resetpass/mobile/verify", reset: "/resetpass/mobile" },
      aliases: { code: ["token"] },
    },
    codes: { withoutIdentifier: true, length: 12, ttlSeconds: 300, maxAttempts: 3 },
  });
  app.use(MOUNT, email, mobile);
  const routers = [email, mobile];
  return {
    app,
    drain: async () => void (await Promise.all(routers.map((router) => router.drain()))),
    close: async () => {
      await Promise.all(routers.map((router) => router.close()));
      if (!rest.tokenStore) await tokenStore.close?.();
    },
  };
}

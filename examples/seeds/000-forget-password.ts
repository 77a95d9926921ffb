// Reproduces seed 000_cfae286a57aea307.txt: `POST {{subdomain}}/api2/v2/api/forget-password` with a
// `text/plain` JSON body `{"email": ...}` and `Authorization: Bearer {{access_token}}`, answering
// `{"code":200,"message":"An email was sent successfully"}`, or 400 "Invalid email" / "Validation error".
// Configuration: `paths`, `authorize` (the API's own access token) and `formatResponse`. No opt-in is
// unsafe: the 200 is the same for unknown accounts, so it answers "sent" even when nothing was.
import express from "express";
import type { Express, Request } from "express";
import { createPasswordResetRouter } from "../../lib/index.js";
import type { FormatResponseContext, FormattedResponse } from "../../lib/index.js";
import type { SeedApp, SeedDeps } from "./shared.js";

/** Where the seed's API lives; the subdomain is the host. */
export const MOUNT = "/api2/v2/api";

/** What this example adds to {@link SeedDeps}. */
export interface ForgetPasswordDeps extends SeedDeps {
  /** Access tokens of the API itself (`Authorization: Bearer`); every route demands one. */
  accessTokens: readonly string[];
}

const MESSAGES = {
  forgot: "An email was sent successfully",
  verify: "The reset link is valid",
  reset: "The password was changed successfully",
  check: "The reset link is valid",
  report: "The report was received",
} as const;

/** The seed's `{ code, message }` body, for successes and errors alike. */
export function formatResponse({ outcome }: FormatResponseContext): FormattedResponse {
  const { status, error } = outcome;
  if (!error) return { status, body: { code: status, message: MESSAGES[outcome.route], ...outcome.data } };
  if (error.type !== "VALIDATION_ERROR") return { status, body: { code: status, message: error.message } };
  // The seed documents two 400s: a bad email, and any other validation error.
  const badEmail = error.details?.some((detail) => detail.field === "email");
  const message = badEmail ? "Invalid email" : "Validation error";
  return { status, body: { code: status, message, ...(badEmail ? {} : { errors: error.details }) } };
}

/** The seed's API: the password-reset router under {@link MOUNT} on `app`. */
export function createApp(deps: ForgetPasswordDeps, app: Express = express()): SeedApp {
  const { accessTokens, ...options } = deps;
  const hasAccessToken = (req: Request) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    return token !== undefined && accessTokens.includes(token);
  };
  const router = createPasswordResetRouter({
    resetUrl: "https://app.example.com/reset-password",
    ...options,
    http: {
      paths: { forgot: "/forget-password", verify: "/verify-reset-token", reset: "/reset-password" },
      // The Bearer token is the API's, so the reset step carries its link token in the body,
      // where the router looks first.
      authorize: ({ req }) => hasAccessToken(req),
      formatResponse,
    },
  });
  app.use(MOUNT, router);
  return { app, drain: router.drain, close: router.close };
}

// Reproduces seed 004_2b021f8a6beb8420.txt: `POST /v2/Auth/ForgotPassword` with `{"email": ...}`,
// answering `{"success":true,"data":{}}` (the package's own envelope, so the safe default needs no
// `formatResponse`), and the reset link's step `POST /v2/Auth/ResetPassword`.
// The seed also documents 400 NOT_FOUND "User not found" and 400 OPERATION_FAILED "Failed to send",
// while its notes say unknown emails get the 200. Both are here: by default every email gets the
// 200 (the note's advice), and `revealUnknownUser: true` gives the documented errors. That opt-in
// costs what the notes warn of: anyone can test which emails have accounts, the answer waits for the
// lookup and the mail (slower, and its timing tells the same), and a mail outage becomes visible.
import express from "express";
import type { Express } from "express";
import { createPasswordResetRouter } from "../../lib/index.js";
import type { FormatResponseContext, FormattedResponse } from "../../lib/index.js";
import type { SeedApp, SeedDeps } from "./shared.js";

/** Where the seed's API lives. */
export const MOUNT = "/v2/Auth";

/** What this example adds to {@link SeedDeps}. */
export interface ForgotPasswordDeps extends SeedDeps {
  /** UNSAFE: answer unknown emails and failed mail with the seed's errors. [false] */
  revealUnknownUser?: boolean;
}

/** The seed's statuses and messages for its two revealing errors; everything else as the package says. */
const REVEALED: Record<string, string> = { NOT_FOUND: "User not found", OPERATION_FAILED: "Failed to send" };

/** The package's envelope, with the seed's 400 and wording for NOT_FOUND and OPERATION_FAILED. */
export function formatResponse({ outcome }: FormatResponseContext): FormattedResponse {
  const { status, success, error, data } = outcome;
  if (!error) return { status, body: { success, data: data ?? {} } };
  const message = REVEALED[error.type];
  if (message === undefined) return { status, body: { success, error } };
  return { status: 400, body: { success, error: { type: error.type, message } } };
}

/** The seed's API: the password-reset router under {@link MOUNT} on `app`. */
export function createApp(deps: ForgotPasswordDeps, app: Express = express()): SeedApp {
  const { revealUnknownUser = false, ...options } = deps;
  const router = createPasswordResetRouter({
    resetUrl: "https://app.example.com/reset-password",
    ...options,
    accounts: { revealUnknown: revealUnknownUser },
    http: {
      paths: { forgot: "/ForgotPassword", verify: "/VerifyResetToken", reset: "/ResetPassword" },
      ...(revealUnknownUser ? { formatResponse } : {}),
    },
  });
  app.use(MOUNT, router);
  return { app, drain: router.drain, close: router.close };
}

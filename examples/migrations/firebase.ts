// Firebase Authentication's password reset (the Identity Toolkit REST API), served by this package:
// the same paths, bodies and answers, so the Firebase JS SDK's `sendPasswordResetEmail` and
// `confirmPasswordReset` (and any client of the REST API) work unchanged. The SDK only talks to
// another host in emulator mode (`connectAuthEmulator(auth, url)`), which puts the paths under
// `/identitytoolkit.googleapis.com/v1`; a REST client with its own base URL uses `/v1` likewise.
//
// Wire format (REST reference, `accounts.sendOobCode` and `accounts.resetPassword`):
//   POST /v1/accounts:sendOobCode?key=API_KEY {requestType:"PASSWORD_RESET", email, clientType?, continueUrl?}
//     200 {"kind":"identitytoolkit#GetOobConfirmationCodeResponse","email":"…"}
//   POST /v1/accounts:resetPassword?key=API_KEY {oobCode, newPassword}
//     200 {"kind":"identitytoolkit#ResetPasswordResponse","email":"…","requestType":"PASSWORD_RESET"}
//   POST /v1/accounts:resetPassword?key=API_KEY {oobCode}   (is this code still good? spends nothing)
//     200 {"kind":"identitytoolkit#ResetPasswordResponse","requestType":"PASSWORD_RESET"}
//   errors: {"error":{"code":400,"message":"INVALID_OOB_CODE","errors":[{"message":…,"domain":"global","reason":"invalid"}]}}
//     with EXPIRED_OOB_CODE, INVALID_OOB_CODE, WEAK_PASSWORD : …, INVALID_EMAIL, TOO_MANY_ATTEMPTS_TRY_LATER.
// Two routes share `accounts:resetPassword`: `parseRequest` tells them apart by `newPassword`.
// Unlike Firebase, the check answer does not name the account's email (it would tell whoever holds a
// link whose it is), so the SDK's `verifyPasswordResetCode`, which needs it, is not served.
import express from "express";
import Joi from "joi";
import type { Express, Request } from "express";
import { createPasswordResetRouter } from "../../lib/index.js";
import type {
  FormatResponseContext,
  FormattedResponse,
  ParsedRequest,
  PasswordResetOptions,
  PasswordResetRouter,
  RequestContext,
} from "../../lib/index.js";

/** Where the SDK in emulator mode sends Identity Toolkit calls. */
export const MOUNT = "/identitytoolkit.googleapis.com/v1";

/** Firebase's shortest password by default. */
const MIN_PASSWORD_LENGTH = 6;

/** What the app adds: the API keys its clients send as `?key=`, and where the mailed link opens. */
export interface FirebaseMigration {
  apiKeys: readonly string[];
  /** The app's action page, e.g. `https://app.example.com/__/auth/action`. */
  actionUrl: string;
}

/** The email each forgot request sent, for the answer that echoes it (as Firebase does). */
const sentEmail = new WeakMap<Request, string>();

/** The options that make the router answer as Identity Toolkit does. */
export function firebaseOptions({ apiKeys, actionUrl }: FirebaseMigration): Partial<PasswordResetOptions> {
  return {
    // Firebase's links: `<action page>?mode=resetPassword&oobCode=…&apiKey=…`.
    resetUrl: ({ token }) => {
      const link = new URL(actionUrl);
      link.searchParams.set("mode", "resetPassword");
      link.searchParams.set("oobCode", token);
      link.searchParams.set("apiKey", apiKeys[0] ?? "");
      return link.href;
    },
    password: { minLength: MIN_PASSWORD_LENGTH, requireConfirmation: false },
    http: {
      paths: {
        forgot: "/accounts:sendOobCode",
        reset: "/accounts:resetPassword",
        check: "/accounts:resetPassword",
      },
      // Other kinds of out-of-band code (VERIFY_EMAIL, EMAIL_SIGNIN) are not this router's.
      fields: { forgot: { requestType: Joi.string().valid("PASSWORD_RESET").required() } },
      authorize: ({ req }) => apiKeys.includes(queryOf(req).get("key") ?? ""),
      parseRequest,
      formatResponse,
    },
    hooks: {
      // Firebase names the account in the reset answer; the user record is known once it succeeded.
      afterReset: async ({ user }) => (user.email ? { email: user.email } : {}),
    },
  };
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.originalUrl, "http://localhost").searchParams;
}

/** Identity Toolkit's bodies to the package's fields; `{oobCode}` alone is a check. */
function parseRequest({ req, route, body }: RequestContext): ParsedRequest {
  if (route === "forgot") {
    if (typeof body.email === "string") sentEmail.set(req, body.email);
    // Other kinds of out-of-band code (VERIFY_EMAIL, EMAIL_SIGNIN) are not this router's.
    // `requestType` goes on as an extra field, which the `fields` option checks.
    return { fields: { email: body.email as string, requestType: body.requestType } };
  }
  const token = body.oobCode as string;
  if (body.newPassword === undefined) return { route: "check", fields: { token } };
  return { route: "reset", fields: { token, password: body.newPassword as string } };
}

/** Firebase's error envelope. */
function firebaseError(status: number, message: string): FormattedResponse {
  const reason = status === 429 ? "rateLimitExceeded" : "invalid";
  return {
    status: status === 429 ? 400 : status,
    body: {
      error: {
        code: status === 429 ? 400 : status,
        message,
        errors: [{ message, domain: "global", reason }],
      },
    },
  };
}

function formatResponse({ outcome, req }: FormatResponseContext): FormattedResponse {
  const { error, data = {} } = outcome;
  if (!error) {
    if (outcome.route === "forgot") {
      return {
        status: 200,
        body: { kind: "identitytoolkit#GetOobConfirmationCodeResponse", email: sentEmail.get(req) },
      };
    }
    return {
      status: 200,
      body: {
        kind: "identitytoolkit#ResetPasswordResponse",
        ...(typeof data.email === "string" ? { email: data.email } : {}),
        requestType: "PASSWORD_RESET",
      },
    };
  }
  switch (error.type) {
    case "INVALID_TOKEN":
      return firebaseError(400, "INVALID_OOB_CODE");
    case "TOKEN_EXPIRED":
      return firebaseError(400, "EXPIRED_OOB_CODE");
    case "RATE_LIMITED":
      return firebaseError(429, "TOO_MANY_ATTEMPTS_TRY_LATER");
    case "UNAUTHORIZED":
      return firebaseError(400, "API key not valid. Please pass a valid API key.");
    case "VALIDATION_ERROR": {
      const field = error.details?.[0]?.field;
      if (field === "password") return firebaseError(400, `WEAK_PASSWORD : ${error.message}`);
      if (field === "token") return firebaseError(400, "INVALID_OOB_CODE");
      if (field === "requestType") return firebaseError(400, "INVALID_REQ_TYPE");
      if (field === "email") return firebaseError(400, "INVALID_EMAIL");
      // No field named: the request carried no identifier at all.
      if (outcome.route === "forgot") return firebaseError(400, "MISSING_EMAIL");
      return firebaseError(400, "INVALID_ARGUMENT");
    }
    default:
      return firebaseError(outcome.status, error.type);
  }
}

/** An app serving Identity Toolkit's reset calls from this package under {@link MOUNT}. */
export function createApp(
  options: PasswordResetOptions & FirebaseMigration,
  app: Express = express(),
): { app: Express; router: PasswordResetRouter } {
  const { apiKeys, actionUrl, ...rest } = options;
  const router = createPasswordResetRouter({ ...firebaseOptions({ apiKeys, actionUrl }), ...rest });
  app.use(MOUNT, router);
  return { app, router };
}

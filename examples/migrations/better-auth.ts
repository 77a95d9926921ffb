// better-auth's password reset, served by this package: the same paths under `/api/auth`, the same
// request bodies, the same answers, so an app built on `better-auth/client` keeps calling
// `authClient.requestPasswordReset({ email, redirectTo })` and
// `authClient.resetPassword({ newPassword, token })` unchanged.
//
// Wire format (better-auth 1.x, `api/routes/password.ts`):
//   POST /api/auth/request-password-reset {email, redirectTo?}
//     200 {"status":true,"message":"If this email exists in our system, check your email for the reset link"}
//   POST /api/auth/reset-password {newPassword, token} (or ?token=)
//     200 {"status":true}
//     400 {"code":"INVALID_TOKEN","message":"Invalid token"}   (unknown, used or expired token)
//     400 {"code":"PASSWORD_TOO_SHORT","message":"Password too short"}
//   429 {"message":"Too many requests. Please try again later."} with X-Retry-After
// The mailed link opens `redirectTo?token=…`, where better-auth's own link would have sent the browser.
import express from "express";
import type { Express } from "express";
import { createPasswordResetRouter } from "../../lib/index.js";
import type {
  FormatResponseContext,
  FormattedResponse,
  ParsedRequest,
  PasswordResetOptions,
  PasswordResetRouter,
  RequestContext,
} from "../../lib/index.js";

/** Where better-auth mounts its handler: the client's default `basePath`. */
export const MOUNT = "/api/auth";

/** better-auth's shortest password by default (`emailAndPassword.minPasswordLength`). */
const MIN_PASSWORD_LENGTH = 8;

/** The options that make the router answer as better-auth does; spread the app's own beside them. */
export function betterAuthOptions(appUrl: string): Partial<PasswordResetOptions> {
  return {
    // The link lands where better-auth's callback would have redirected: `redirectTo?token=…`.
    resetUrl: ({ token, redirectUrl }) => {
      const page = new URL(redirectUrl ?? `${appUrl}/reset-password`);
      page.searchParams.set("token", token);
      return page.href;
    },
    delivery: { allowedRedirectOrigins: [new URL(appUrl).origin] },
    password: { minLength: MIN_PASSWORD_LENGTH, requireConfirmation: false },
    http: {
      paths: { forgot: "/request-password-reset", reset: "/reset-password" },
      aliases: { redirectUrl: ["redirectTo"] },
      parseRequest,
      formatResponse,
    },
  };
}

/** The reset route takes the token from the body or the query, and the password as `newPassword`. */
function parseRequest({ req, route, body }: RequestContext): ParsedRequest | undefined {
  if (route !== "reset") return undefined; // forgot's body is flat: `aliases` is enough.
  const query = new URL(req.originalUrl, "http://localhost").searchParams;
  const token = body.token ?? query.get("token") ?? undefined;
  return { fields: { token: token as string | undefined, password: body.newPassword as string } };
}

const SENT = "If this email exists in our system, check your email for the reset link";

/** better-auth's bodies: `{status:true,...}` on success, `{code, message}` on errors. */
function formatResponse({ outcome }: FormatResponseContext): FormattedResponse {
  const { error } = outcome;
  if (!error) {
    return {
      status: 200,
      body: outcome.route === "forgot" ? { status: true, message: SENT } : { status: true },
    };
  }
  switch (error.type) {
    case "INVALID_TOKEN":
    case "TOKEN_EXPIRED":
      // better-auth answers an expired token as an invalid one.
      return { status: 400, body: { code: "INVALID_TOKEN", message: "Invalid token" } };
    case "RATE_LIMITED":
      return { status: 429, body: { message: "Too many requests. Please try again later." } };
    case "VALIDATION_ERROR": {
      const fields = error.details?.map((detail) => detail.field) ?? [];
      if (fields.includes("password") && /at least/.test(error.message)) {
        return { status: 400, body: { code: "PASSWORD_TOO_SHORT", message: "Password too short" } };
      }
      if (fields.includes("password") && /at most/.test(error.message)) {
        return { status: 400, body: { code: "PASSWORD_TOO_LONG", message: "Password too long" } };
      }
      if (fields.includes("token")) {
        return { status: 400, body: { code: "INVALID_TOKEN", message: "Invalid token" } };
      }
      if (fields.includes("email"))
        return { status: 400, body: { code: "INVALID_EMAIL", message: "Invalid email" } };
      return { status: 400, body: { code: "VALIDATION_ERROR", message: error.message } };
    }
    default:
      return { status: outcome.status, body: { code: error.type, message: error.message } };
  }
}

/** An app serving better-auth's reset API from this package under {@link MOUNT}. */
export function createApp(
  options: PasswordResetOptions & { appUrl: string },
  app: Express = express(),
): { app: Express; router: PasswordResetRouter } {
  const { appUrl, ...rest } = options;
  const router = createPasswordResetRouter({ ...betterAuthOptions(appUrl), ...rest });
  app.use(MOUNT, router);
  return { app, router };
}

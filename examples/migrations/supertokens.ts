// SuperTokens' email-password reset (its frontend-driver interface), served by this package: the
// same paths under the API base path (`/auth` by default), the same `formFields` bodies and the same
// `status` answers, so a frontend built on `supertokens-web-js` (or `supertokens-auth-react`) keeps
// calling `EmailPassword.sendPasswordResetEmail` and `EmailPassword.submitNewPassword` unchanged.
//
// Wire format (frontend-driver interface 4.x, as `supertokens-web-js` 0.16 sends it):
//   POST /auth/user/password/reset/token {"formFields":[{"id":"email","value":"…"}]}
//     200 {"status":"OK"}                                   (known and unknown accounts alike)
//   POST /auth/user/password/reset {"formFields":[{"id":"password","value":"…"}],"token":"…","method":"token"}
//     200 {"status":"OK"}
//     200 {"status":"RESET_PASSWORD_INVALID_TOKEN_ERROR"}  (unknown, used or expired token)
//     200 {"status":"FIELD_ERROR","formFields":[{"id":"password","error":"…"}]}
//     200 {"status":"GENERAL_ERROR","message":"…"}        (the SDK throws STGeneralError)
// Fields arrive as an array of `{id, value}`, which is what `parseRequest` is for. The mailed link
// opens `<websiteDomain>/auth/reset-password?token=…`, where the SDK reads the token.
import express from "express";
import type { Express } from "express";
import { createPasswordResetRouter } from "../../lib/index.js";
import type {
  FormatResponseContext,
  FormattedResponse,
  ParsedRequest,
  PasswordResetOptions,
  PasswordResetRouter,
  RequestFields,
} from "../../lib/index.js";

/** SuperTokens' default `apiBasePath`. */
export const MOUNT = "/auth";

/** The options that make the router answer as SuperTokens does; `websiteDomain` hosts the reset page. */
export function superTokensOptions(websiteDomain: string): Partial<PasswordResetOptions> {
  return {
    resetUrl: `${websiteDomain}/auth/reset-password`,
    // SuperTokens has no confirmation field: the frontend checks the two inputs itself.
    password: { requireConfirmation: false },
    http: {
      paths: { forgot: "/user/password/reset/token", reset: "/user/password/reset" },
      parseRequest: ({ body }) => parseFormFields(body),
      formatResponse,
    },
  };
}

/** `formFields: [{id, value}]` (and `token` beside it) to the package's fields. */
function parseFormFields(body: Readonly<Record<string, unknown>>): ParsedRequest {
  const fields: RequestFields = {};
  const list = Array.isArray(body.formFields) ? (body.formFields as unknown[]) : [];
  for (const item of list) {
    if (typeof item !== "object" || item === null) continue;
    const { id, value } = item as { id?: unknown; value?: unknown };
    // Only the two ids SuperTokens sends here; any other is ignored, as SuperTokens ignores it.
    if (id === "email" || id === "password") fields[id] = value as string;
  }
  if (body.token !== undefined) fields.token = body.token as string;
  return { fields };
}

/** SuperTokens answers 200 with a `status` for every outcome its frontend handles. */
function formatResponse({ outcome }: FormatResponseContext): FormattedResponse {
  const { error } = outcome;
  if (!error) return { status: 200, body: { status: "OK" } };
  switch (error.type) {
    case "INVALID_TOKEN":
    case "TOKEN_EXPIRED":
      return { status: 200, body: { status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" } };
    case "VALIDATION_ERROR": {
      const details = error.details ?? [];
      if (outcome.route === "reset" && details.some((detail) => detail.field === "token")) {
        return { status: 200, body: { status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" } };
      }
      const formFields = details.length
        ? details.map(({ field, message }) => ({ id: field, error: message }))
        : [{ id: outcome.route === "forgot" ? "email" : "password", error: "Field is not optional" }];
      return { status: 200, body: { status: "FIELD_ERROR", formFields } };
    }
    default:
      return { status: 200, body: { status: "GENERAL_ERROR", message: error.message } };
  }
}

/** An app serving SuperTokens' reset API from this package under {@link MOUNT}. */
export function createApp(
  options: PasswordResetOptions & { websiteDomain: string },
  app: Express = express(),
): { app: Express; router: PasswordResetRouter } {
  const { websiteDomain, ...rest } = options;
  const router = createPasswordResetRouter({ ...superTokensOptions(websiteDomain), ...rest });
  app.use(MOUNT, router);
  return { app, router };
}

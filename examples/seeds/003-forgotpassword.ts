// Reproduces seed 003_97c7e4b149403c6b.txt: `POST /auth/forgotpassword` with `email` and an optional
// `redirect_url`, behind `Authorization: Bearer <token>`, answering
// `{"message":"Successful, Password reset code sent to users email","access_token":"<jwt>"}`; the JWT
// is then the Bearer token of `POST /auth/resetpassword` with the emailed `code` and new password.
// Configuration: `delivery: { email: "code" }`, `allowedRedirectOrigins`, `authorize` (the API key on
// forgot), `formatResponse`, and the opt-in `requestTokens: true`, whose cost is small: the token names
// the email (signed, not encrypted: readable by whoever holds it), never the account, so known and
// unknown emails get the same kind of answer and the code stays the secret. It must be kept like the
// email itself, and despite the seed's name it is no access token: nothing else may accept it.
// Like the seed's "sent" message, the answer is the same for unknown emails: its 404 would need
// `revealUnknownUser` (see 004), which this example leaves off.
import express from "express";
import type { Express } from "express";
import { createPasswordResetRouter } from "../../lib/index.js";
import type {
  AuthorizeContext,
  FormatResponseContext,
  FormattedResponse,
  RouteName,
} from "../../lib/index.js";
import type { SeedApp, SeedDeps } from "./shared.js";

/** Where the seed's API lives. */
export const MOUNT = "/auth";

/** What this example adds to {@link SeedDeps}. */
export interface ForgotPasswordDeps extends SeedDeps {
  /** API keys the client apps send as `Authorization: Bearer` to `forgotpassword`. */
  apiKeys: readonly string[];
  /** Origins `redirect_url` may point to, e.g. `["https://app.example.com"]`. */
  redirectOrigins: string[];
}

const MESSAGES: Record<RouteName, string> = {
  forgot: "Successful, Password reset code sent to users email",
  verify: "Successful, code verified",
  reset: "Successful, Password has been reset",
  check: "Successful, code verified",
  report: "Successful, report received",
};

/** `{ message, access_token }` as the seed answers; errors as `{ message, error }`. */
export function formatResponse({ outcome }: FormatResponseContext): FormattedResponse {
  const { status, error, data = {} } = outcome;
  if (error) return { status, body: { message: error.message, error: error.type } };
  const { requestToken, ...rest } = data;
  const token = requestToken === undefined ? {} : { access_token: requestToken };
  return { status, body: { message: MESSAGES[outcome.route], ...token, ...rest } };
}

/** The seed's API: the password-reset router under {@link MOUNT} on `app`. */
export function createApp(deps: ForgotPasswordDeps, app: Express = express()): SeedApp {
  const { apiKeys, redirectOrigins, ...options } = deps;
  // On forgot the Bearer is the client's API key; on reset it is the forgot answer's access_token.
  const authorize = ({ req, route }: AuthorizeContext) => {
    if (route !== "forgot") return true;
    const key = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    return key !== undefined && apiKeys.includes(key);
  };
  const router = createPasswordResetRouter({
    ...options,
    delivery: { email: "code", allowedRedirectOrigins: redirectOrigins },
    codes: { requestTokens: true },
    http: {
      paths: { forgot: "/forgotpassword", verify: "/verifycode", reset: "/resetpassword" },
      authorize,
      formatResponse,
    },
  });
  app.use(MOUNT, router);
  return { app, drain: router.drain, close: router.close };
}

/**
 * What each route reads and answers, one entry per route: the table is typed over `RouteName`, so
 * a route added to `ROUTE_NAMES` does not compile until it is described here. Everything that
 * depends on the configuration (identifier types, codes or links, `codes.requestTokens`,
 * `accounts.revealUnknown`, limits, `authorize`) is read from the router's settings.
 */
import { sendsCodes, sendsLinks } from "../settings/channels.js";
import type { Settings } from "../settings/settings.js";
import type { ErrorType, IdentifierType, RateLimitName, RequestField, RouteName } from "../types.js";
import type { JsonSchema } from "./types.js";

/** One field a route reads, and whether every request must carry it. */
export interface FieldUse {
  field: RequestField;
  required: boolean;
}

/** How one route is documented. */
export interface RouteDoc {
  /** One line, for the operation's `summary`. */
  summary: string;
  /** The rules a schema cannot say (exactly one identifier, which credential). */
  description(settings: Settings): string;
  /** The package fields the route reads. */
  fields(settings: Settings): FieldUse[];
  /** The success envelope's `data`. */
  data(settings: Settings): JsonSchema;
  /** The error types the route answers with, besides those of every route. */
  errors(settings: Settings): ErrorType[];
  /** What `Authorization: Bearer` carries on this route, if anything. */
  bearer(settings: Settings): string | undefined;
}

const IDENTIFIER_FIELDS: Readonly<Record<IdentifierType, RequestField>> = {
  email: "email",
  mobile: "mobile",
  username: "username",
};

/** The identifier fields of the accepted types, and the type/value pair. */
function identifierFields(settings: Settings): FieldUse[] {
  return [
    ...[...settings.accounts.identifiers].map((type) => ({
      field: IDENTIFIER_FIELDS[type],
      required: false,
    })),
    { field: "identifierType", required: false },
    { field: "identifierValue", required: false },
  ];
}

/** The fields of a presented secret: a link token, or an identifier (or request token) + code. */
function credentialFields(settings: Settings): FieldUse[] {
  const fields: FieldUse[] = [];
  if (sendsLinks(settings)) fields.push({ field: "token", required: false });
  if (sendsCodes(settings)) {
    fields.push({ field: "code", required: false });
    if (settings.codes.requestTokens) fields.push({ field: "requestToken", required: false });
  }
  return [...fields, ...identifierFields(settings)];
}

function credentialRules(settings: Settings, session: boolean): string {
  const ways: string[] = [];
  if (sendsLinks(settings)) ways.push("`token` (from the emailed link)");
  if (sendsCodes(settings)) {
    const with_ = ["the identifier it was sent to"];
    if (settings.codes.requestTokens)
      with_.push("the `requestToken` forgot answered (body or `Authorization: Bearer`)");
    ways.push(
      settings.codes.withoutIdentifier
        ? "`code` (on its own, or with the identifier)"
        : `\`code\` with ${with_.join(" or ")}`,
    );
  }
  if (session) ways.push("`resetToken` from verify (body or `Authorization: Bearer`)");
  const both =
    settings.delivery.email === "link+code"
      ? " A link and a code mailed together are one grant: using either spends both."
      : "";
  return `Send exactly one of: ${ways.join("; ")}.${both} A credential in the body wins over an \`Authorization\` header.`;
}

const IDENTIFIER_RULE =
  "Exactly one identifier: one of the identifier fields, or the pair `identifierType` + `identifierValue`.";

/** A rate limit that can answer `RATE_LIMITED`, or none. */
function limited(settings: Settings, ...names: RateLimitName[]): ErrorType[] {
  return names.some((name) => settings.limits.rules[name] !== null) ? ["RATE_LIMITED"] : [];
}

const SECRET_ERRORS: ErrorType[] = ["INVALID_TOKEN", "TOKEN_EXPIRED"];

/** Every route, described. */
export const ROUTE_DOCS: { [R in RouteName]: RouteDoc } = {
  forgot: {
    summary: "Request a reset link or code",
    description: (settings) =>
      `${IDENTIFIER_RULE} ` +
      (settings.accounts.revealUnknown
        ? "The answer says whether the account exists (`accounts.revealUnknown`)."
        : "The answer is the same whether or not the account exists; the message is sent afterwards."),
    fields: (settings) => [...identifierFields(settings), { field: "redirectUrl", required: false }],
    data: (settings): JsonSchema =>
      settings.codes.requestTokens
        ? {
            type: "object",
            required: ["requestToken"],
            properties: {
              requestToken: {
                type: "string",
                description: "Names the identifier (not the account); send it back with the code.",
              },
            },
          }
        : { type: "object", additionalProperties: false },
    errors: (settings) => [
      // With `accounts.revealUnknown` the delivery runs before the answer, with its own limits.
      ...limited(
        settings,
        "forgotPerIp",
        "forgotPerIdentifier",
        ...(settings.accounts.revealUnknown ? (["smsPerWindow"] as const) : []),
      ),
      ...(settings.accounts.revealUnknown ? (["NOT_FOUND", "OPERATION_FAILED"] as const) : []),
    ],
    bearer: () => undefined,
  },
  verify: {
    summary: "Exchange a link token or a code for a reset session",
    description: (settings) =>
      `${credentialRules(settings, false)} The token or code is spent; the session it gives is used once, by reset.`,
    fields: credentialFields,
    data: (settings) => ({
      type: "object",
      required: ["resetToken", "expiresIn"],
      properties: {
        resetToken: { type: "string", description: "The reset session: send it to reset." },
        expiresIn: { type: "integer", description: "Seconds the session lives." },
        ...(settings.accounts.secondFactor
          ? {
              secondFactor: {
                type: "boolean",
                const: true,
                description: "Present when the account has a second factor: reset then needs `otp`.",
              },
            }
          : {}),
      },
    }),
    errors: (settings) => [...SECRET_ERRORS, ...limited(settings, "verifyResetPerIp")],
    bearer: (settings) => (settings.codes.requestTokens && sendsCodes(settings) ? "requestToken" : undefined),
  },
  reset: {
    summary: "Set a new password",
    description: (settings) =>
      `${credentialRules(settings, true)} Every outstanding token, code and session of the account dies with the reset.`,
    fields: (settings) => [
      ...credentialFields(settings),
      { field: "resetToken", required: false },
      { field: "password", required: true },
      { field: "passwordConfirm", required: settings.password.requireConfirmation },
      ...(settings.accounts.secondFactor ? [{ field: "otp" as const, required: false }] : []),
    ],
    data: (settings) => ({
      type: "object",
      description: settings.hooks.afterReset
        ? "The fields the app's `hooks.afterReset` returned (none when it failed)."
        : "Empty.",
      ...(settings.hooks.afterReset ? {} : { additionalProperties: false }),
    }),
    errors: (settings) => [
      ...SECRET_ERRORS,
      ...limited(settings, "verifyResetPerIp"),
      ...(settings.accounts.secondFactor
        ? (["SECOND_FACTOR_REQUIRED", "INVALID_SECOND_FACTOR", "RATE_LIMITED"] as const)
        : []),
    ],
    bearer: (settings) =>
      settings.codes.requestTokens && sendsCodes(settings) ? "resetToken or requestToken" : "resetToken",
  },
  check: {
    summary: "Check a link token or code without spending it",
    description: (settings) =>
      `${credentialRules(settings, false)} Nothing is spent; unknown, used and expired secrets answer alike.`,
    fields: credentialFields,
    data: (settings) => ({
      type: "object",
      required: ["valid"],
      properties: {
        valid: { type: "boolean", const: true, description: "The secret is live." },
        ...(settings.accounts.secondFactor
          ? {
              secondFactor: {
                type: "boolean",
                const: true,
                description: "Present when the account has a second factor: reset will need `otp`.",
              },
            }
          : {}),
      },
    }),
    errors: (settings) => [...SECRET_ERRORS, ...limited(settings, "verifyResetPerIp")],
    bearer: (settings) => (settings.codes.requestTokens && sendsCodes(settings) ? "requestToken" : undefined),
  },
  report: {
    summary: 'Report a password change as not yours ("this wasn\'t me")',
    description: () =>
      "`token` from the report link of a password-changed notice (single use, valid 7 days). Every " +
      "outstanding link, code and reset session of the account is revoked and the app's " +
      "`hooks.onCompromiseReported` runs; then ask for a fresh reset. Forgot, verify, reset and " +
      "`revokeUser` never revoke a report link; a used one answers INVALID_TOKEN.",
    fields: () => [{ field: "token", required: true }],
    data: () => ({ type: "object", additionalProperties: false }),
    errors: (settings) => [...SECRET_ERRORS, ...limited(settings, "verifyResetPerIp")],
    bearer: () => undefined,
  },
};

/** The error types every route can answer with under `settings`. */
export function commonErrors(settings: Settings): ErrorType[] {
  return [
    "VALIDATION_ERROR",
    ...(settings.http.authorize ? (["UNAUTHORIZED"] as const) : []),
    "METHOD_NOT_ALLOWED",
    "REQUEST_TIMEOUT",
    "PAYLOAD_TOO_LARGE",
    "UNSUPPORTED_MEDIA_TYPE",
    "INTERNAL_ERROR",
  ];
}

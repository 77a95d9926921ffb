/**
 * The JSON Schema of each request field the package reads, under its own name. A `Record` over
 * `REQUEST_FIELDS`, so a field added to the vocabulary cannot be left undocumented. The length
 * bounds are the readers' own, from `FIELD_MAX_LENGTHS`.
 */
import type { Settings } from "../settings/settings.js";
import type { RequestField } from "../types.js";
import { FIELD_MAX_LENGTHS } from "../vocabulary.js";
import type { JsonSchema } from "./types.js";

const PAIR_NAMES = { email: "EMAIL", mobile: "MOBILE", username: "USERNAME" } as const;

const FIELD_SCHEMAS: { [F in RequestField]: (settings: Settings) => JsonSchema } = {
  email: () => ({
    type: "string",
    format: "email",
    maxLength: FIELD_MAX_LENGTHS.email,
    description: "The account's email address; trimmed, NFKC-normalised and lower-cased before the lookup.",
  }),
  mobile: () => ({
    type: "string",
    description:
      "The account's phone number in international form (`+14155550100`); spaces, dots, dashes and brackets are dropped.",
  }),
  username: () => ({
    type: "string",
    minLength: 1,
    maxLength: FIELD_MAX_LENGTHS.username,
    description: "The account's username; trimmed, NFKC-normalised and lower-cased before the lookup.",
  }),
  identifierType: (settings) => {
    const { identifiers } = settings.accounts;
    const names: string[] = [...identifiers].map((type) => PAIR_NAMES[type]);
    if (identifiers.has("mobile")) names.push("PHONE");
    return {
      type: "string",
      description: `With \`identifierValue\`: which kind of identifier it is, one of ${names.join(", ")} (any case).`,
      examples: names,
    };
  },
  identifierValue: () => ({
    type: "string",
    description: "With `identifierType`: the identifier itself.",
  }),
  token: () => ({
    type: "string",
    maxLength: FIELD_MAX_LENGTHS.token,
    description: "The token of the emailed link (its `token` query parameter).",
  }),
  code: (settings) => ({
    type: "string",
    pattern: "^\\s*[0-9]{1,12}\\s*$",
    maxLength: FIELD_MAX_LENGTHS.code,
    description:
      settings.codes.length < 12
        ? `The ${settings.codes.length}-digit code sent by email or SMS (12 digits for an account under attack).`
        : "The 12-digit code sent by email or SMS.",
  }),
  resetToken: () => ({
    type: "string",
    maxLength: FIELD_MAX_LENGTHS.resetToken,
    description: "The reset session `verify` answered with (or send it as `Authorization: Bearer`).",
  }),
  requestToken: () => ({
    type: "string",
    maxLength: FIELD_MAX_LENGTHS.requestToken,
    description:
      "The `requestToken` `forgot` answered with, in place of the identifier beside a `code` (or send it as `Authorization: Bearer`).",
  }),
  password: (settings) => ({
    type: "string",
    minLength: settings.password.minLength,
    maxLength: FIELD_MAX_LENGTHS.password,
    description:
      `The new password: at least ${settings.password.minLength} characters and at most ` +
      `${settings.password.maxBytes} bytes of UTF-8; common passwords and the account's own identifiers are refused.`,
  }),
  passwordConfirm: () => ({
    type: "string",
    maxLength: FIELD_MAX_LENGTHS.passwordConfirm,
    description: "The new password again; must equal `password`.",
  }),
  otp: () => ({
    type: "string",
    minLength: 1,
    maxLength: FIELD_MAX_LENGTHS.otp,
    description:
      "The answer to the account's second factor (a TOTP code, a recovery code, a WebAuthn assertion as JSON: the app decides), when `verify` answered `secondFactor: true` or reset answered `SECOND_FACTOR_REQUIRED`.",
  }),
  redirectUrl: ({ delivery }) => ({
    type: "string",
    format: "uri",
    maxLength: FIELD_MAX_LENGTHS.redirectUrl,
    description:
      typeof delivery.allowedRedirectOrigins === "function"
        ? "Where the reset page goes afterwards; its origin must be one of the origins " +
          "`delivery.allowedRedirectOrigins` allowed for the request's tenant."
        : delivery.allowedRedirectOrigins.size > 0
          ? `Where the reset page goes afterwards; its origin must be one of ${[...delivery.allowedRedirectOrigins].join(", ")}.`
          : "Refused: no redirect origin is allowed (`delivery.allowedRedirectOrigins`).",
  }),
};

/** The schema of `field` under `settings`. */
export function fieldSchema(field: RequestField, settings: Settings): JsonSchema {
  return FIELD_SCHEMAS[field](settings);
}

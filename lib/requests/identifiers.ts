/**
 * Identifier fields of a request: which one was sent, and its normalised form. Exactly one
 * identifier per request: `email`, `mobile` (the built-in alias `phone` arrives as `mobile`),
 * `username`, or the pair `identifierType` + `identifierValue`. Free of HTTP: the router's readers
 * and `router.sendResetLink()` both read identifiers here.
 */
import { validationError } from "../errors.js";
import type { FieldError, IdentifierType, RawIdentifier } from "../types.js";
import { FIELD_MAX_LENGTHS } from "../vocabulary.js";
import { isEmailAddress } from "./email.js";
import type { RequestIdentifier } from "./types.js";

const FIELD_TYPES: ReadonlyArray<[field: string, type: IdentifierType]> = [
  ["email", "email"],
  ["mobile", "mobile"],
  ["username", "username"],
];
const PAIR_TYPES: Readonly<Record<string, IdentifierType>> = {
  EMAIL: "email",
  MOBILE: "mobile",
  PHONE: "mobile",
  USERNAME: "username",
};
// Line/paragraph separators and bidirectional controls pass the control-character filter but let
// an identifier display as something else in the app's logs and admin screens (U+202E flips text).
const INVISIBLE_FORMATTING = /[\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/**
 * Finds the request's identifier. `required` false allows none (a route that takes a token
 * instead). Throws a `VALIDATION_ERROR` for two identifiers, an unaccepted type, or a value
 * that does not normalise.
 */
export function readIdentifier(
  body: Record<string, unknown>,
  accepted: ReadonlySet<IdentifierType>,
  required: boolean,
  normalize: (identifier: RawIdentifier) => string = normalizeIdentifier,
  sentAs: (field: string) => string = (field) => field,
): RequestIdentifier | null {
  const found: Array<{ field: string; type: IdentifierType | undefined; raw: unknown }> = [];
  for (const [field, type] of FIELD_TYPES) {
    if (body[field] !== undefined) found.push({ field: sentAs(field), type, raw: body[field] });
  }
  if (body.identifierType !== undefined || body.identifierValue !== undefined) {
    const typeName = body.identifierType;
    const type = typeof typeName === "string" ? PAIR_TYPES[typeName.trim().toUpperCase()] : undefined;
    if (typeName === undefined || type === undefined) {
      throw validationError([
        {
          field: sentAs("identifierType"),
          message: `${sentAs("identifierType")} must be one of EMAIL, MOBILE, USERNAME`,
        },
      ]);
    }
    found.push({ field: sentAs("identifierValue"), type, raw: body.identifierValue });
  }

  if (found.length > 1) {
    throw validationError(
      found.map(({ field }) => ({
        field,
        message: "send exactly one identifier (email, mobile or username)",
      })),
    );
  }
  const only = found[0];
  if (!only) {
    if (!required) return null;
    const names = [...accepted].join(", ");
    throw validationError([{ field: [...accepted][0] ?? "email", message: `${names} is required` }]);
  }
  const { field, raw } = only;
  const type = only.type as IdentifierType;
  if (typeof raw !== "string") throw validationError([{ field, message: `${field} must be a string` }]);
  if (INVISIBLE_FORMATTING.test(raw)) {
    throw validationError([
      { field, message: `${field} must not contain line separators or direction controls` },
    ]);
  }
  if (!accepted.has(type)) {
    throw validationError([
      { field, message: `${type} is not accepted here; use ${[...accepted].join(" or ")}` },
    ]);
  }
  const value = normalize({ type, value: raw });
  if (typeof value !== "string") throw new TypeError("normalizeIdentifier must return a string");
  const problem = checkIdentifier(type, value, field);
  if (problem) throw validationError([problem]);
  return { field, type, value, normalised: raw.trim() !== value };
}

/**
 * The contract's normalisation: trimmed; email and username Unicode-NFKC and lower-cased;
 * mobile reduced to `+` and digits (E.164). Wrap it in `accounts.normalizeIdentifier`.
 */
export function normalizeIdentifier(identifier: RawIdentifier): string;
/**
 * The contract's normalisation, in 0.2's form.
 * @deprecated Pass one object: `normalizeIdentifier({ type, value })`.
 */
export function normalizeIdentifier(type: IdentifierType, raw: string): string;
export function normalizeIdentifier(identifier: RawIdentifier | IdentifierType, raw?: string): string {
  const { type, value } =
    typeof identifier === "string" ? { type: identifier, value: raw ?? "" } : identifier;
  const trimmed = value.trim();
  if (type === "mobile") {
    const compact = trimmed.replace(/[\s().-]/g, "");
    const digits = compact.startsWith("+") ? compact.slice(1) : compact.replace(/^00/, "");
    return /^\d+$/.test(digits) ? `+${digits}` : compact;
  }
  return trimmed.normalize("NFKC").toLowerCase();
}

function checkIdentifier(type: IdentifierType, value: string, field: string): FieldError | null {
  switch (type) {
    case "email":
      return isEmailAddress(value) ? null : { field, message: `${field} must be a valid email address` };
    case "mobile":
      return /^\+[1-9]\d{6,14}$/.test(value)
        ? null
        : { field, message: `${field} must be a phone number in international form, e.g. +14155550100` };
    case "username":
      return value.length >= 1 && value.length <= FIELD_MAX_LENGTHS.username
        ? null
        : { field, message: `${field} must be 1 to ${FIELD_MAX_LENGTHS.username} characters` };
  }
}

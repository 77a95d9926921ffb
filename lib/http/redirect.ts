/**
 * `redirectUrl` (built-in alias `redirect_url`): accepted only when its exact origin is allowed. The
 * string itself must begin with that origin, so parser quirks (`https:evil`, `\\`, `user@host`,
 * default ports spelled out) cannot smuggle in another destination.
 */
import { fieldReader, stringField } from "./fields.js";
import { validationError } from "../errors.js";
import { FIELD_MAX_LENGTHS } from "../vocabulary.js";

const readRedirectFields = fieldReader<{ redirectUrl: string }>({
  redirectUrl: stringField(FIELD_MAX_LENGTHS.redirectUrl),
});

/** Reads and checks the redirect URL of a forgot request; `undefined` when none was sent. */
export function readRedirectUrl(
  body: Record<string, unknown>,
  allowedOrigins: ReadonlySet<string>,
  sentAs: (field: string) => string = (field) => field,
): string | undefined {
  const value = readRedirectFields(body, sentAs).redirectUrl;
  if (value === undefined) return undefined;
  if (!isAllowed(value, allowedOrigins)) {
    const field = sentAs("redirectUrl");
    throw validationError([{ field, message: `${field} is not an allowed redirect destination` }]);
  }
  return value;
}

/** True when `value` is an absolute http(s) URL on an allowed origin, with no credentials. */
export function isAllowed(value: string, allowedOrigins: ReadonlySet<string>): boolean {
  if (value.includes("\\") || /\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username !== "" || url.password !== "") {
    return false;
  }
  if (!allowedOrigins.has(url.origin)) return false;
  const rest = value.slice(url.origin.length);
  return (
    value.toLowerCase().startsWith(url.origin.toLowerCase()) && (rest === "" || "/?#".includes(rest[0] ?? ""))
  );
}

/**
 * `redirectUrl` (alias `redirect_url`): accepted only when its exact origin is allowed. The
 * string itself must begin with that origin, so parser quirks (`https:evil`, `\\`, `user@host`,
 * default ports spelled out) cannot smuggle in another destination.
 */
import { fieldReader, stringField } from "./input.js";
import { validationError } from "./errors.js";

const readRedirectFields = fieldReader<{ redirectUrl: string; redirect_url: string }>({
  redirectUrl: stringField(2048),
  redirect_url: stringField(2048),
});

/** Reads and checks the redirect URL of a forgot request; `undefined` when none was sent. */
export function readRedirectUrl(
  body: Record<string, unknown>,
  allowedOrigins: ReadonlySet<string>,
): string | undefined {
  const fields = readRedirectFields(body);
  if (fields.redirectUrl !== undefined && fields.redirect_url !== undefined) {
    throw validationError([{ field: "redirect_url", message: "send redirectUrl or redirect_url, not both" }]);
  }
  const field = fields.redirectUrl !== undefined ? "redirectUrl" : "redirect_url";
  const value = fields.redirectUrl ?? fields.redirect_url;
  if (value === undefined) return undefined;
  if (!isAllowed(value, allowedOrigins)) {
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

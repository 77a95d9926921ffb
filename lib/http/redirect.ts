/**
 * `redirectUrl` (built-in alias `redirect_url`): accepted only when its exact origin is allowed
 * (origins.ts says what a redirect's origin truly is). With the origins a function of the tenant,
 * the reader checks the URL's form here and the forgot flow asks the tenant's list (tenants.ts).
 */
import { fieldReader, stringField } from "./fields.js";
import { isAllowed, redirectOrigin, redirectRefused } from "../origins.js";
import type { RedirectOriginsFunction } from "../types.js";
import { FIELD_MAX_LENGTHS } from "../vocabulary.js";

export { isAllowed } from "../origins.js";

const readRedirectFields = fieldReader<{ redirectUrl: string }>({
  redirectUrl: stringField(FIELD_MAX_LENGTHS.redirectUrl),
});

/**
 * Reads and checks the redirect URL of a forgot request; `undefined` when none was sent. Against a
 * function of the tenant only its form is checked: the flow checks its origin in the tenant.
 */
export function readRedirectUrl(
  body: Record<string, unknown>,
  allowedOrigins: ReadonlySet<string> | RedirectOriginsFunction,
  sentAs: (field: string) => string = (field) => field,
): string | undefined {
  const value = readRedirectFields(body, sentAs).redirectUrl;
  if (value === undefined) return undefined;
  const allowed =
    typeof allowedOrigins === "function"
      ? redirectOrigin(value) !== undefined
      : isAllowed(value, allowedOrigins);
  if (!allowed) throw redirectRefused(sentAs("redirectUrl"));
  return value;
}

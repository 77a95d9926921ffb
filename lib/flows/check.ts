/**
 * POST check: is this link token (or identifier + code) still good? The same lookup, comparison
 * and code guess budget as verify, but nothing is claimed or spent (`checkGrant`), so a client can
 * ask before it shows its "new password" form.
 */
import { checkGrant } from "../grants/claim.js";
import type { Flow } from "./flow.js";

/** The check flow: `{ valid: true }`, or the INVALID_TOKEN / TOKEN_EXPIRED that verify would answer. */
export const check: Flow<"check"> = async (scope, { credential }) => {
  await checkGrant(scope, credential);
  return { data: { valid: true } };
};

/**
 * The check flow for the hosted reset page: the same check, whose `data` also holds the identifier
 * the grant was asked for by (`account`), which the page shows masked once the link is proven. The
 * JSON API's `check` never answers it: only the pages' door runs this flow.
 */
export const checkNamingAccount: Flow<"check"> = async (scope, { credential }) => {
  const { identifier } = await checkGrant(scope, credential);
  return { data: { valid: true, account: { type: identifier.type, value: identifier.value } } };
};

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

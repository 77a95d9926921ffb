/**
 * POST check: is this link token (or identifier + code) still good? The same lookup, comparison
 * and code guess budget as verify, but nothing is claimed or spent (`checkGrant`), so a client can
 * ask before it shows its "new password" form.
 */
import { checkedGrant } from "../grants/claim.js";
import { findUser } from "./find-user.js";
import type { Flow } from "./flow.js";
import { hasSecondFactor } from "./second-factor.js";

/**
 * The check flow: `{ valid: true }`, or the INVALID_TOKEN / TOKEN_EXPIRED that verify would answer.
 * With `accounts.secondFactor`, a live secret's account is read and `secondFactor: true` says that
 * reset will ask for it (the hosted reset page then shows the field); the secret was proven first.
 */
export const check: Flow<"check"> = async (scope, { credential }) => {
  const { userId, identifier } = await checkedGrant(scope, credential);
  if (!scope.runtime.settings.accounts.secondFactor) return { data: { valid: true } };
  const user = await findUser(scope, identifier);
  const factor = user !== null && String(user.id) === userId && (await hasSecondFactor(scope, user));
  return { data: { valid: true, ...(factor ? { secondFactor: true } : {}) } };
};

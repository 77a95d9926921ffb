/**
 * POST check: is this link token (or identifier + code) still good? The same lookup, comparison
 * and code guess budget as verify, but nothing is claimed or spent (`checkGrant`), so a client can
 * ask before it shows its "new password" form.
 */
import { checkGrant } from "../grants/claim.js";
import type { Credential } from "../requests/types.js";
import type { Scope } from "../scope.js";
import type { Identifier } from "../types.js";
import { findUser } from "./find-user.js";
import type { Flow } from "./flow.js";
import { hasSecondFactor } from "./second-factor.js";

/**
 * The check flow: `{ valid: true }`, or the INVALID_TOKEN / TOKEN_EXPIRED that verify would answer.
 * With `accounts.secondFactor`, a live secret's account is read and `secondFactor: true` says that
 * reset will ask for it (the hosted reset page then shows the field); the secret was proven first.
 */
export const check: Flow<"check"> = async (scope, { credential }) => ({
  data: (await checked(scope, credential)).data,
});

/**
 * The check flow for the hosted reset page: the same check, whose `data` also holds the identifier
 * the grant was asked for by (`account`), which the page shows masked once the link is proven. The
 * JSON API's `check` never answers it: only the pages' door runs this flow.
 */
export const checkNamingAccount: Flow<"check"> = async (scope, { credential }) => {
  const { data, identifier } = await checked(scope, credential);
  return { data: { ...data, account: { type: identifier.type, value: identifier.value } } };
};

/** The check's answer, and the identifier of the grant it proved. */
async function checked(
  scope: Scope,
  credential: Credential,
): Promise<{ data: Record<string, unknown>; identifier: Identifier }> {
  const { userId, identifier } = (await checkGrant(scope, credential)).grant;
  if (!scope.runtime.settings.accounts.secondFactor) return { data: { valid: true }, identifier };
  const user = await findUser(scope, identifier);
  const factor = user !== null && String(user.id) === userId && (await hasSecondFactor(scope, user));
  return { data: { valid: true, ...(factor ? { secondFactor: true } : {}) }, identifier };
}

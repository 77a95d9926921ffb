/**
 * The account a claimed grant names, read again at the moment of use (verify and reset alike): a
 * grant is worth nothing once its account is gone, its identifier names someone else, or the
 * account's credential stamp (`ResetUser.stamp`) changed since the grant was issued.
 */
import { RequestError } from "../errors.js";
import type { Claim } from "../grants/claim.js";
import type { Scope } from "../scope.js";
import { stampUnchanged } from "../grants/stamps.js";
import { findUser } from "./find-user.js";
import type { ResetUser } from "../types.js";

/**
 * `findUser` for the claimed grant's identifier. A failing lookup gives the claim back; an account
 * that is gone or is now someone else spends the grant and answers INVALID_TOKEN.
 */
export async function userOfClaim(scope: Scope, claim: Claim): Promise<ResetUser> {
  const { grant } = claim;
  const user = await claim.releaseOnFailure(() => findUser(scope, grant.identifier));
  const stamp = user && typeof user.stamp === "string" ? user.stamp : undefined;
  if (!user || String(user.id) !== grant.userId || !stampUnchanged(grant, scope.realm, grant.userId, stamp)) {
    await claim.spend();
    throw new RequestError("INVALID_TOKEN");
  }
  return user;
}

/**
 * POST /verify: exchange a link token or an identifier + code for a short-lived reset session.
 * The token or code is spent: issuing the session supersedes every other grant of the user. With
 * `accounts.secondFactor`, the answer says whether reset will ask for the factor: the verified
 * secret has proven the link or code, so this tells no stranger. The account is read again first.
 */
import { claimGrant } from "../grants/claim.js";
import { sessionGrant } from "../grants/build.js";
import { issueInRealm } from "../realm.js";
import type { Flow } from "./flow.js";
import { userOfClaim } from "./grant-user.js";
import { hasSecondFactor } from "./second-factor.js";

/** The verify flow. */
export const verify: Flow<"verify"> = async (scope, { credential }) => {
  const { grants, store } = scope.runtime;
  const claim = await claimGrant(scope, credential);
  // The account is read again: gone, someone else, or a changed credential stamp kills the grant.
  const user = await userOfClaim(scope, claim);
  const factor = await claim.releaseOnFailure(() => hasSecondFactor(scope, user));
  const session = sessionGrant(grants, scope.realm, claim.grant, scope.binding);
  scope.hide(session.secret);
  await claim.releaseOnFailure(() =>
    scope.call("tokenStore.issue", () => issueInRealm(store, scope.realm, session.grant)),
  );
  // Issuing the session superseded every other grant of the user, the verified one included.
  await claim.spend({ alreadyDeleted: true });
  scope.emit("verify.succeeded");
  const expiresIn = Math.round(grants.sessionTtlMs / 1000);
  return { data: { resetToken: session.secret, expiresIn, ...(factor ? { secondFactor: true } : {}) } };
};

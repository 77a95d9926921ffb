/**
 * POST /verify: exchange a link token or an identifier + code for a short-lived reset session.
 * The token or code is spent: issuing the session supersedes every other grant of the user.
 */
import { claimGrant } from "../grants/claim.js";
import { sessionGrant } from "../grants/build.js";
import { issueInRealm } from "../realm.js";
import type { Flow } from "./flow.js";

/** The verify flow. */
export const verify: Flow<"verify"> = async (scope, { credential }) => {
  const { grants, store } = scope.runtime;
  const claim = await claimGrant(scope, credential);
  const session = sessionGrant(grants, scope.realm, claim.grant, scope.binding);
  scope.hide(session.secret);
  await claim.releaseOnFailure(() =>
    scope.call("tokenStore.issue", () => issueInRealm(store, scope.realm, session.grant)),
  );
  // Issuing the session superseded every other grant of the user, the verified one included.
  await claim.spend({ alreadyDeleted: true });
  scope.emit("verify.succeeded");
  return { data: { resetToken: session.secret, expiresIn: Math.round(grants.sessionTtlMs / 1000) } };
};

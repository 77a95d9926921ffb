/**
 * POST report: "this wasn't me". The report link of a password-changed notice is claimed (single
 * use), every outstanding link, code and reset session of the account is revoked (as
 * `router.revokeUser` does), and the app's `hooks.onCompromiseReported` runs, so it can lock the
 * account and sign it out everywhere. Should revoking or the hook fail, the link is given back and
 * the user can confirm again. `GET` of the hosted report page never gets here: it changes nothing.
 */
import { claimReport } from "../grants/report.js";
import { revokeInRealm } from "../realm.js";
import { findUser } from "./find-user.js";
import type { Flow } from "./flow.js";

/** The report flow. */
export const report: Flow<"report"> = async (scope, { token }) => {
  const { store } = scope.runtime;
  const claim = await claimReport(scope, token);
  const { userId } = claim;
  await claim.releaseOnFailure(async () => {
    await scope.call("tokenStore.revokeUser", () => revokeInRealm(store, scope.realm, userId));
    // The hook gets the account as it is now; an identifier that names no one (or someone else)
    // since the reset is no reason to skip it: `userId` still names the account.
    const found = await findUser(scope, claim.grant.identifier);
    const user = found !== null && String(found.id) === userId ? found : null;
    const hook = scope.hooks.onCompromiseReported;
    if (hook) await scope.call("onCompromiseReported", async () => hook(user, userId));
  });
  await claim.spend();
  scope.emit("reset.reported");
  return { data: {} };
};

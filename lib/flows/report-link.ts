/**
 * The report link a password-changed notice carries ("this wasn't me"): a report grant
 * (`grants/report.ts`) is issued when the notice goes out, and its token put into the hosted
 * report page's address (pages on) or the app's `delivery.reportUrl`. Without either, the notice
 * goes without a link and the router says so once. A failure here is reported and the notice is
 * still sent, without the link: telling the user matters more than the link.
 */
import { reportGrant } from "../grants/report.js";
import type { Scope } from "../scope.js";
import { tenantOf } from "../tenants.js";
import type { Identifier, ResetUser } from "../types.js";

const NO_REPORT_PAGE =
  'password-changed notices carry no "this wasn\'t me" link: turn `pages` on (the hosted page at ' +
  "`http.paths.report`), or set `delivery.reportUrl` to your page, which POSTs the link's `token` to " +
  "the router's report route.";

/** The report link for `user`'s notice, or `undefined` (no page to link to, or a failure, reported). */
export async function reportLinkFor(
  scope: Scope,
  user: ResetUser,
  identifier: Identifier,
): Promise<string | undefined> {
  const { buildReportLink, store, events, settings } = scope.runtime;
  if (!buildReportLink) {
    events.warnOnce("no-report-page", () => NO_REPORT_PAGE);
    return undefined;
  }
  const { grant, secret } = reportGrant(scope.realm, String(user.id), identifier, settings.advanced.now());
  scope.hide(secret);
  const link = await scope.attempt("delivery.reportUrl", () =>
    buildReportLink({ token: secret, user, ...tenantOf(scope) }),
  );
  if (link === undefined) return undefined;
  // `issue` directly, not `issueInRealm`: the report grant's user key is its own (it supersedes nothing).
  const issued = await scope.attempt("tokenStore.issue", async () => {
    await store.issue(grant);
    return true;
  });
  return issued ? link : undefined;
}

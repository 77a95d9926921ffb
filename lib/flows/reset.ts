/**
 * POST /reset: check the new password, claim the presented secret, re-read the user, hash,
 * store the hash, then revoke every outstanding secret of the user. If storing the password
 * fails, the claim is released and the secret stays usable (guarantee 6).
 */
import type { Flow, FlowContext } from "../context.js";
import { RequestError } from "../errors.js";
import { readNewPassword, refuseByRule } from "../password.js";
import { consume } from "../rate-limit.js";
import type { ResetUser } from "../types.js";
import {
  claimCredential,
  clearCodeBudget,
  readCredential,
  releaseClaim,
  type ClaimedGrant,
} from "./credential.js";

/** The reset flow. */
export const reset: Flow = async (ctx, { body, ip, authorization, req, binding }) => {
  const { config, events } = ctx;
  await consume(ctx, "verifyResetPerIp", ip, { route: "reset", ip });
  const credential = readCredential(body, config, authorization, true);
  const password = readNewPassword(body, config.password);
  const claimed = await claimCredential(ctx, credential, { route: "reset", ip }, binding);
  const user = await changePassword(ctx, claimed, password, ip);

  const event = { route: "reset" as const, ip, userId: user.id, grant: claimed.grant.kind };
  const secrets = [claimed.secret, password];
  // The password has changed: from here on a failure is reported but cannot undo the reset. The
  // grant used is deleted on its own first, so it cannot come back when its claim's lease ends even
  // if revoking the user's other grants fails.
  const spent = claimed.grant;
  await ctx
    .call("tokenStore.remove", event, secrets, () => config.store.remove(spent.kind, spent.id))
    .catch(() => {});
  await ctx
    .call("tokenStore.revokeUser", event, secrets, () => config.store.revokeUser(user.id))
    .catch(() => {});
  await clearCodeBudget(ctx, spent, event);
  events.emit({ type: "reset.succeeded", ...event });

  const afterReset = config.afterReset;
  const data = afterReset
    ? ((await ctx.call("afterReset", event, secrets, () => afterReset(user, req))) ?? {})
    : {};
  return { data: { ...data }, afterResponse: () => sendNotice(ctx, user, ip) };
};

/** Everything between claim and success; releases the claim when it fails. */
async function changePassword(
  ctx: FlowContext,
  claimed: ClaimedGrant,
  password: string,
  ip: string,
): Promise<ResetUser & { id: string }> {
  const { config } = ctx;
  const { grant } = claimed;
  const event = { route: "reset" as const, ip, userId: grant.userId, grant: grant.kind };
  const secrets = [claimed.secret, password];
  try {
    const found = await ctx.call("users.findUser", event, secrets, () =>
      config.users.findUser(grant.identifier),
    );
    if (!found || String(found.id) !== grant.userId) {
      // The account is gone or the identifier now names someone else: the grant is worthless.
      await ctx.call("tokenStore.remove", event, secrets, () => config.store.remove(grant.kind, grant.id));
      throw new RequestError("INVALID_TOKEN");
    }
    const user = { ...found, id: String(found.id) };
    // The app's rule runs like an adapter: bounded in time, its failures reported with secrets cut.
    const rule = config.password.validate;
    if (rule)
      refuseByRule(await ctx.call("password.validate", event, secrets, async () => rule(password, user)));
    const hash = await ctx.call("hashPassword", event, secrets, () => config.hashPassword(password));
    await ctx.call("users.updatePassword", event, [...secrets, hash], () =>
      config.users.updatePassword(user.id, hash),
    );
    return user;
  } catch (error) {
    await releaseClaim(ctx, claimed, "reset");
    throw error;
  }
}

/** Tells the user their password changed (if the mailer can), after the response is sent. */
async function sendNotice(ctx: FlowContext, user: ResetUser & { id: string }, ip: string): Promise<void> {
  const { mailer, now } = ctx.config;
  const to = typeof user.email === "string" && user.email !== "" ? user.email : undefined;
  if (!mailer?.sendPasswordChanged || !to) return;
  const event = { route: "reset" as const, ip, userId: user.id, channel: "email" as const };
  try {
    await ctx.call("mailer.sendPasswordChanged", { ...event, type: "notice.failed" }, [], () =>
      mailer.sendPasswordChanged!({ to, user, changedAt: new Date(now()) }),
    );
    ctx.events.emit({ type: "notice.sent", ...event });
  } catch {
    // Reported as notice.failed by ctx.call.
  }
}

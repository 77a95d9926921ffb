/**
 * POST /verify: exchange a link token or an identifier + code for a short-lived reset session.
 * The token or code is spent: issuing the session supersedes every other grant of the user.
 */
import type { Flow } from "../context.js";
import { consume } from "../rate-limit.js";
import { signSession } from "../sessions.js";
import { bindingHash, sha256 } from "../tokens.js";
import type { Grant } from "../types.js";
import { claimCredential, clearCodeBudget, readCredential, releaseClaim } from "./credential.js";

/** The verify flow. */
export const verify: Flow = async (ctx, { body, ip, authorization, binding }) => {
  const { config, events } = ctx;
  await consume(ctx, "verifyResetPerIp", ip, { route: "verify", ip });
  const credential = readCredential(body, config, authorization, false);
  const claimed = await claimCredential(ctx, credential, { route: "verify", ip }, binding);
  const { grant } = claimed;

  const now = config.now();
  const session = signSession(config.secret, grant.userId, now, config.sessionTtlMs);
  const expiresAt = now + config.sessionTtlMs;
  const sessionGrant: Grant = {
    kind: "session",
    id: session.jti,
    userId: grant.userId,
    identifier: grant.identifier,
    hash: sha256(session.token),
    createdAt: now,
    expiresAt,
    retainUntil: expiresAt + config.retainExpiredMs,
    ...(grant.redirectUrl !== undefined ? { redirectUrl: grant.redirectUrl } : {}),
    // The session belongs to the context it was issued in (the verify request's, else the grant's).
    ...(binding !== undefined
      ? { binding: bindingHash(config.secret, binding) }
      : grant.binding !== undefined
        ? { binding: grant.binding }
        : {}),
  };
  const event = { route: "verify" as const, ip, userId: grant.userId, grant: grant.kind };
  try {
    await ctx.call("tokenStore.issue", event, [claimed.secret, session.token], () =>
      config.store.issue(sessionGrant),
    );
  } catch (error) {
    await releaseClaim(ctx, claimed, "verify");
    throw error;
  }
  await clearCodeBudget(ctx, grant, event);
  events.emit({ type: "verify.succeeded", ...event });
  return { data: { resetToken: session.token, expiresIn: Math.round(config.sessionTtlMs / 1000) } };
};

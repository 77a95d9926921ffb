/**
 * The background half of `forgot`: look the account up, issue a link or code (superseding the
 * user's older ones), and send it to the address or number on the user record — never to the
 * one typed in the request (guarantee 2).
 */
import type { FlowContext } from "../context.js";
import { RequestError } from "../errors.js";
import { consume } from "../rate-limit.js";
import type { RequestIdentifier } from "../identifiers.js";
import { bareCodeId, bindingHash, createCode, createLinkToken, hashCode, identifierKey } from "../tokens.js";
import type { Grant, IdentifierType, ResetUser } from "../types.js";

/**
 * How a forgot request ended, for `revealUnknownUser`: `failed` when the message could not be
 * sent (or the account has nowhere to send it), `error` when the user table or store failed.
 */
export type DeliveryResult = "sent" | "unknown" | "failed" | "error" | "limited";

interface Channel {
  channel: "email" | "sms";
  to: string;
  kind: "link" | "code";
}

/** Runs the delivery; never throws: every failure becomes an event. */
export async function deliverReset(
  ctx: FlowContext,
  identifier: RequestIdentifier,
  redirectUrl: string | undefined,
  ip: string,
  binding?: string,
): Promise<DeliveryResult> {
  const { config, events } = ctx;
  const base = { route: "forgot" as const, ip, identifierType: identifier.type };
  let user: ResetUser | null;
  try {
    user = await ctx.call("users.findUser", base, [], () =>
      config.users.findUser({ type: identifier.type, value: identifier.value }),
    );
  } catch {
    return "error";
  }
  if (!user) {
    events.emit({ type: "forgot.unknown_user", ...base });
    return "unknown";
  }
  const userId = String(user.id);
  // The per-identifier limit is keyed on what was typed; a user table that collates loosely
  // (case, dotless ı, full-width letters) would let look-alike spellings reach one account more
  // often. The same budget per account closes that, silently: the answer has already gone out.
  try {
    await consume(ctx, "forgotPerIdentifier", `user:${userId}`, { ...base, userId });
  } catch (error) {
    if (!(error instanceof RequestError)) return "error";
    events.emit({ type: "rate_limited", ...base, userId, reason: "per_account" });
    return "limited";
  }
  const channel = chooseChannel(ctx, identifier.type, user);
  if (!channel) {
    events.emit({ type: "delivery.failed", ...base, userId, reason: "no_address" });
    return "failed";
  }

  const now = config.now();
  const ttlMs = channel.kind === "link" ? config.linkTtlMs : config.codeTtlMs;
  const expiresAt = now + ttlMs;
  const times = { createdAt: now, expiresAt, retainUntil: expiresAt + config.retainExpiredMs };
  const stored = { type: identifier.type, value: identifier.value };
  let grant: Grant;
  let secret: { link?: string; code?: string; token?: string };
  if (channel.kind === "link") {
    const link = createLinkToken();
    grant = { kind: "link", id: link.selector, userId, identifier: stored, hash: link.hash, ...times };
    secret = { token: link.token };
  } else {
    const code = createCode(config.codeLength);
    if (config.codesWithoutIdentifier) {
      const id = bareCodeId(config.secret, code);
      grant = { kind: "code", id, userId, identifier: stored, hash: id, ...times };
    } else {
      const hash = hashCode(config.secret, identifier, code);
      grant = { kind: "code", id: identifierKey(identifier), userId, identifier: stored, hash, ...times };
    }
    secret = { code };
  }
  if (redirectUrl !== undefined) grant.redirectUrl = redirectUrl;
  if (binding !== undefined) grant.binding = bindingHash(config.secret, binding);

  const event = { ...base, userId, channel: channel.channel, grant: channel.kind };
  try {
    await ctx.call("tokenStore.issue", event, [], () => config.store.issue(grant));
    if (secret.token !== undefined) {
      const token = secret.token;
      secret.link = config.buildLink({ token, user, ...(redirectUrl !== undefined ? { redirectUrl } : {}) });
    }
  } catch {
    return "error";
  }

  const secrets = [secret.token, secret.code, secret.link];
  try {
    await ctx.call("delivery", { ...event, type: "delivery.failed" }, secrets, () =>
      send(ctx, channel, user, secret, new Date(expiresAt), redirectUrl),
    );
  } catch {
    return "failed";
  }
  events.emit({ type: "delivery.sent", ...event });
  return "sent";
}

async function send(
  ctx: FlowContext,
  channel: Channel,
  user: ResetUser,
  secret: { link?: string; code?: string },
  expiresAt: Date,
  redirectUrl: string | undefined,
): Promise<void> {
  const { mailer, sms } = ctx.config;
  if (channel.channel === "sms") {
    if (!sms || secret.code === undefined) throw new Error("no SmsSender is configured");
    await sms.sendPasswordResetCode({ to: channel.to, user, code: secret.code, expiresAt });
    return;
  }
  if (!mailer) throw new Error("no Mailer is configured");
  await mailer.sendPasswordReset({
    to: channel.to,
    user,
    ...(secret.link !== undefined ? { link: secret.link } : { code: secret.code ?? "" }),
    expiresAt,
    ...(redirectUrl !== undefined ? { redirectUrl } : {}),
  });
}

/**
 * Where the message goes. Email identifiers get email; mobile gets a code by SMS; a username
 * gets email when the record has an address and a mailer is set, else a code by SMS.
 */
function chooseChannel(ctx: FlowContext, type: IdentifierType, user: ResetUser): Channel | null {
  const { mailer, sms, emailDelivery } = ctx.config;
  const email = nonEmpty(user.email);
  const mobile = nonEmpty(user.mobile);
  const byEmail = email && mailer ? { channel: "email" as const, to: email, kind: emailDelivery } : null;
  const bySms = mobile && sms ? { channel: "sms" as const, to: mobile, kind: "code" as const } : null;
  if (type === "email") return byEmail;
  if (type === "mobile") return bySms;
  return byEmail ?? bySms;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

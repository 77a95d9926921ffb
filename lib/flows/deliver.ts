/**
 * Delivery of a reset: find the account, make its link or code (superseding every older one,
 * guarantee 5), and send it to the address or number on the user record — never to the one typed
 * in the request (guarantee 2). Every failure is an event; it throws the error the revealing
 * `forgot` answers with (NOT_FOUND, RATE_LIMITED, OPERATION_FAILED, or the adapter's own).
 */
import { RequestError } from "../errors.js";
import { codeGrant, linkAndCodeGrant, linkGrant, type NewGrant } from "../grants/build.js";
import { codeLengthFor, startAfresh } from "../grants/code-guesses.js";
import { sendsCodes } from "../settings/channels.js";
import { takeLimit } from "../limits.js";
import { issueInRealm } from "../realm.js";
import type { ForgotRequest } from "../requests/types.js";
import type { Scope } from "../scope.js";
import type { IdentifierType, ResetUser } from "../types.js";
import { addressesOf } from "./addresses.js";
import { tenantOf } from "../tenants.js";
import { findUser } from "./find-user.js";
import { readerLocale } from "./locale.js";

interface Channel {
  channel: "email" | "sms";
  to: string;
  /** What the message carries; `"link+code"` is one grant, presented either way. */
  kind: "link" | "code" | "link+code";
}

/** Delivers a reset for the request's identifier; see the module comment. */
export async function deliverReset(scope: Scope, { identifier, redirectUrl }: ForgotRequest): Promise<void> {
  const { store, grants } = scope.runtime;
  // Asking for a code forgets this network's guesses from while none lived, known account or not.
  if (sendsCodes(scope.runtime.settings)) await startAfresh(scope, identifier);
  const user = await findUser(scope, identifier);
  if (!user) {
    scope.emit("forgot.unknown_user");
    if (identifier.normalised) hintAtNormalisation(scope, identifier.type);
    throw new RequestError("NOT_FOUND");
  }
  const userId = String(user.id);
  scope.note({ userId });
  // The per-identifier limit is keyed on what was typed; a user table that collates loosely
  // (case, dotless ı, full-width letters) would let look-alike spellings reach one account more
  // often. The same budget per account closes that, silently: the answer has already gone out.
  await takeLimit(scope, "forgotPerIdentifier", `user:${userId}`, "per_account");
  const channel = chooseChannel(scope, identifier.type, user);
  if (!channel) {
    warnOfMissingAddress(scope, identifier.type, user);
    scope.emit("delivery.failed", { reason: "no_address" });
    throw new RequestError("OPERATION_FAILED");
  }
  scope.note({ channel: channel.channel, grant: channel.kind === "code" ? "code" : "link" });
  if (channel.channel === "sms") await allowSms(scope, channel.to);

  const subject = {
    realm: scope.realm,
    userId,
    identifier,
    redirectUrl,
    binding: scope.binding,
    stamp: typeof user.stamp === "string" ? user.stamp : undefined,
    // A code belongs to the network that asked for it; one the app sends itself, to none.
    origin: scope.client.byApp ? undefined : scope.client.network,
  };
  const made: NewGrant =
    channel.kind === "link"
      ? linkGrant(grants, subject)
      : channel.kind === "code"
        ? codeGrant(grants, subject, await codeLengthFor(scope, userId))
        : linkAndCodeGrant(grants, subject, await codeLengthFor(scope, userId));
  scope.hide(made.secret);
  scope.hide(made.code);
  // The link is built before the grant is stored, so a failing `resetUrl` leaves the user's live
  // link alone instead of superseding it with one that was never sent.
  const link =
    channel.kind !== "code"
      ? await scope.call("resetUrl", () =>
          scope.runtime.buildLink({ token: made.secret, user, redirectUrl, ...tenantOf(scope) }),
        )
      : undefined;
  scope.hide(link);
  await scope.call("tokenStore.issue", () => issueInRealm(store, scope.realm, made.grant));

  const expiresAt = new Date(made.grant.expiresAt);
  try {
    await scope.call(
      "delivery",
      () => send(scope, channel, user, link, made.code ?? made.secret, expiresAt, redirectUrl),
      "delivery.failed",
    );
  } catch {
    throw new RequestError("OPERATION_FAILED");
  }
  scope.emit("delivery.sent");
}

/**
 * SMS pumping: anyone can make the router text the numbers of registered users, at the app's
 * expense. Numbers outside `delivery.smsCountries` get nothing, and all SMS together stay within
 * `rateLimit.smsPerWindow`. Checked before the code is made, so a refusal supersedes nothing.
 */
async function allowSms(scope: Scope, to: string): Promise<void> {
  const countries = scope.runtime.settings.delivery.smsCountries;
  if (countries && !countries.some((prefix) => to.startsWith(prefix))) {
    scope.emit("delivery.failed", { reason: "sms_country" });
    throw new RequestError("OPERATION_FAILED");
  }
  await takeLimit(scope, "smsPerWindow", "all", "sms_budget");
}

/**
 * Outside production, says once why a lookup may have missed: `findUser` gets the normalised
 * identifier (lower case, NFKC, E.164), and a table that stores `Bob.Smith@Example.COM` compared
 * with `=` never matches it. The line names no identifier.
 */
function hintAtNormalisation(scope: Scope, type: IdentifierType): void {
  if (process.env.NODE_ENV === "production") return;
  scope.runtime.events.warnOnce(
    "normalisation",
    () =>
      `findUser found no account for a ${type} that normalisation changed ` +
      "(trimmed, NFKC, lower-cased; numbers to E.164). If your table keeps the case users typed, look it up " +
      "case-insensitively, e.g. `WHERE lower(email) = $1`. Outside production only.",
  );
}

/**
 * Says once when the row `findUser` returned has no address for the reset asked for: a query that
 * leaves out the address column (or a column left empty) otherwise answers success and sends
 * nothing, for every user. The line names no user and no address.
 */
function warnOfMissingAddress(scope: Scope, type: IdentifierType, user: ResetUser): void {
  const { email, mobile } = addressesOf(user);
  const { mailer, sms } = scope.runtime.settings.core;
  const wanted =
    type === "email"
      ? ["email"]
      : type === "mobile"
        ? ["mobile"]
        : [mailer ? "email" : "", sms ? "mobile" : ""];
  const columns = wanted.filter((column) => column !== "");
  if ((columns.includes("email") && email) || (columns.includes("mobile") && mobile)) return;
  const names = columns.map((column) => `\`${column}\``).join(" or ");
  scope.runtime.events.warnOnce(
    `no_address:${type}`,
    () =>
      `findUser returned a user with no address for a ${type} reset (no ${names} in the row), so nothing was sent. ` +
      `Return the address with the row, e.g. \`SELECT id, ${columns.join(", ")} FROM users …\`; users without one cannot reset this way.`,
  );
}

/** Sends the message; `code` is the code (by SMS, or by email beside or instead of the link). */
async function send(
  scope: Scope,
  channel: Channel,
  user: ResetUser,
  link: string | undefined,
  code: string,
  expiresAt: Date,
  redirectUrl: string | undefined,
): Promise<void> {
  const { mailer, sms } = scope.runtime.settings.core;
  if (channel.channel === "sms") {
    if (!sms) throw new Error("no SmsSender is configured");
    const locale = readerLocale(scope, user, sms.locales);
    await sms.sendPasswordResetCode({
      to: channel.to,
      user,
      code,
      expiresAt,
      ...tenantOf(scope),
      ...(locale !== undefined ? { locale } : {}),
    });
    return;
  }
  if (!mailer) throw new Error("no Mailer is configured");
  const locale = readerLocale(scope, user, mailer.locales);
  await mailer.sendPasswordReset({
    to: channel.to,
    user,
    ...(link !== undefined ? { link } : {}),
    ...(channel.kind !== "link" ? { code } : {}),
    expiresAt,
    ...(redirectUrl !== undefined ? { redirectUrl } : {}),
    ...tenantOf(scope),
    ...(locale !== undefined ? { locale } : {}),
  });
}

/**
 * Where the message goes. Email identifiers get email; mobile gets a code by SMS; a username
 * gets email when the record has an address and a mailer is set, else a code by SMS.
 */
function chooseChannel(scope: Scope, type: IdentifierType, user: ResetUser): Channel | null {
  const { mailer, sms } = scope.runtime.settings.core;
  const { email, mobile } = addressesOf(user);
  const kind = scope.runtime.settings.delivery.email;
  const byEmail = email && mailer ? { channel: "email" as const, to: email, kind } : null;
  const bySms = mobile && sms ? { channel: "sms" as const, to: mobile, kind: "code" as const } : null;
  if (type === "email") return byEmail;
  if (type === "mobile") return bySms;
  return byEmail ?? bySms;
}

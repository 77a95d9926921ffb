/**
 * POST /reset: claim the presented secret, re-read the user, check the new password against the
 * policy, hash, store the hash, then revoke every outstanding secret of the user. If anything
 * before the password is stored fails, the claim is released and the secret stays usable
 * (guarantee 6); once it is stored, the reset has happened and later failures are only reported.
 */
import { RequestError, validationError } from "../errors.js";
import type { Claim } from "../grants/claim.js";
import { claimGrant } from "../grants/claim.js";
import { refuseByRule } from "../password.js";
import { revokeInRealm } from "../realm.js";
import type { Scope } from "../scope.js";
import type { Identifier, PasswordChangedMessage, ResetUser } from "../types.js";
import { addressesOf } from "./addresses.js";
import { tenantOf } from "../tenants.js";
import { userOfClaim } from "./grant-user.js";
import { checkSecondFactor, forgetWrongAnswers, grantDead, hasSecondFactor } from "./second-factor.js";
import type { Flow } from "./flow.js";
import { readerLocale } from "./locale.js";
import { reportLinkFor } from "./report-link.js";

/** The reset flow. */
export const reset: Flow<"reset"> = async (scope, { credential, password, otp }) => {
  const { store } = scope.runtime;
  scope.hide(password, otp);
  const claim = await claimGrant(scope, credential);
  const { user, factor } = await changePassword(scope, claim, password, otp);

  // The password has changed. The grant used goes first, on its own, so it cannot come back when
  // its claim's lease ends even if revoking the user's other grants fails.
  await claim.spend();
  await scope.attempt("tokenStore.revokeUser", () => revokeInRealm(store, scope.realm, String(user.id)));
  if (factor) await forgetWrongAnswers(scope, String(user.id));
  scope.emit("reset.succeeded");
  // Only now, with the factor passed and the password changed, may the app sign the user in.
  const data = await runAfterReset(scope, user);
  const { identifier } = claim.grant;
  return { data, afterResponse: () => sendNotice(scope, user, identifier) };
};

/**
 * Everything between claim and the stored password; gives the claim back when it fails, except to
 * a grant that had all its wrong second-factor answers, which is spent.
 */
async function changePassword(
  scope: Scope,
  claim: Claim,
  password: string,
  otp: string | undefined,
): Promise<{ user: ResetUser; factor: boolean }> {
  const { settings, hashPassword } = scope.runtime;
  const { users } = settings.core;
  const user = await userOfClaim(scope, claim);
  const factor = await claim.releaseOnFailure(() => hasSecondFactor(scope, user));
  if (factor && otp === undefined) {
    await claim.release();
    throw new RequestError("SECOND_FACTOR_REQUIRED");
  }
  const dead = await claim.releaseOnFailure(async () => {
    const { rule, ruleName } = settings.password;
    if (rule) refuseByRule(await scope.call(ruleName, async () => rule({ password, user })));
    await checkAgainstPolicy(scope, password, user);
    // After the policy, so an answer (a TOTP step, a recovery code) is not used up on a refused password.
    if (factor && otp !== undefined && (await checkSecondFactor(scope, claim, user, otp)) === "grant-dead") {
      return true;
    }
    const hash = await scope.call("hashPassword", (signal) => hashPassword(password, signal));
    scope.hide(hash);
    await scope.call("users.updatePassword", () =>
      users.updatePassword(user.id, hash, { tenant: scope.realm.tenant }),
    );
    return false;
  });
  if (dead) {
    await claim.spend();
    throw grantDead();
  }
  return { user, factor };
}

/**
 * The built-in checks, after the app's own rule: common passwords, the account's own words, the
 * strength estimate and the breached-password check. A breach service that fails is reported; the
 * check's `onError` decided whether the password passes.
 */
async function checkAgainstPolicy(scope: Scope, password: string, user: ResetUser): Promise<void> {
  const refusal = await scope.call("password.checks", () =>
    scope.runtime.passwordChecks.check(password, user, {
      onBreachCheckFailed: (error, refused) =>
        scope.report("breach_check.failed", error, { reason: refused ? "refused" : "allowed" }),
    }),
  );
  if (refusal) throw validationError([{ field: "password", message: refusal.message }]);
}

/**
 * The app's `hooks.afterReset`, whose fields join the response. The password has already changed, so a
 * failing hook cannot make the reset fail: it is reported, and the reset answers success without
 * the hook's fields.
 */
async function runAfterReset(scope: Scope, user: ResetUser): Promise<Record<string, unknown>> {
  const afterReset = scope.hooks.afterReset;
  if (!afterReset) return {};
  const data = await scope.attempt("afterReset", () => afterReset(user));
  return { ...(data ?? {}) };
}

/**
 * Tells the user their password changed, after the response is sent: by email when the account has
 * an address and the mailer can, else by SMS when it has a number and the SMS sender can, so
 * accounts without email are told too. The notice carries a report link ("this wasn't me") for the
 * account, found by `identifier` (the one the reset was asked for by).
 */
async function sendNotice(scope: Scope, user: ResetUser, identifier: Identifier): Promise<void> {
  const { mailer, sms } = scope.runtime.settings.core;
  const { email, mobile } = addressesOf(user);
  const channel =
    email && mailer?.sendPasswordChanged
      ? { name: "email" as const, to: email, sender: mailer, operation: "mailer.sendPasswordChanged" }
      : mobile && sms?.sendPasswordChanged
        ? { name: "sms" as const, to: mobile, sender: sms, operation: "sms.sendPasswordChanged" }
        : undefined;
  if (!channel) return;
  const send = channel.sender.sendPasswordChanged!.bind(channel.sender);
  const locale = readerLocale(scope, user, channel.sender.locales);
  const changedAt = new Date(scope.runtime.settings.advanced.now());
  const reportLink = await reportLinkFor(scope, user, identifier);
  const message: PasswordChangedMessage = {
    to: channel.to,
    user,
    changedAt,
    ...tenantOf(scope),
    ...(locale !== undefined ? { locale } : {}),
    ...(reportLink !== undefined ? { reportLink } : {}),
  };
  scope.note({ channel: channel.name });
  try {
    await scope.call(channel.operation, () => send(message), "notice.failed");
    scope.emit("notice.sent");
  } catch {
    // Reported as notice.failed.
  }
}

/**
 * Every message the password policy shows a user, in one table so they can be translated later.
 * `{minLength}` and `{maxBytes}` are filled in by {@link policyMessage}. The length messages are
 * the reset flow's own words, so sign-up and reset read the same.
 */
import type { PasswordRefusal, PasswordRefusalReason } from "./types.js";

/** The English message for each refusal reason. */
export const PASSWORD_POLICY_MESSAGES = {
  too_short: "password must be at least {minLength} characters long",
  too_long: "password must be at most {maxBytes} bytes long",
  common: "This password is too common; choose one that is harder to guess",
  context: "This password is too similar to your account details",
  weak: "This password is too easy to guess; try a few unrelated words together",
  breached: "This password has appeared in a data breach; choose a different one",
  breach_check_failed: "We could not check this password right now; try again",
} as const satisfies Record<PasswordRefusalReason, string>;

/** The refusal for `reason`, its placeholders filled from `values`. */
export function policyRefusal(
  reason: PasswordRefusalReason,
  values: { minLength?: number; maxBytes?: number } = {},
): PasswordRefusal {
  const message = PASSWORD_POLICY_MESSAGES[reason].replace(/\{(minLength|maxBytes)\}/g, (_, key: string) =>
    String(values[key as "minLength" | "maxBytes"]),
  );
  return { reason, message };
}

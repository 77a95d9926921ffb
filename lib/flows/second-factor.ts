/**
 * The account's own second factor (`accounts.secondFactor`), asked by reset between the proven
 * grant and the new password, so that whoever reads the mailbox cannot take over an account the app
 * protects with more than a password. Only someone who has proven a link, code or session ever
 * learns that an account has a factor: both questions are asked after the claim.
 *
 * Wrong answers are budgeted twice: per grant (`codes.maxAttempts`, then the grant dies — a bend of
 * guarantee 6, like guarantee 7's for codes) and per account across grants
 * ({@link ACCOUNT_FACTOR} × `codes.maxAttempts` a day), so that asking for a new link buys no new
 * guesses. Both counters count an answer before the app's `verify` sees it, so concurrent answers
 * cannot overrun them.
 */
import { RequestError } from "../errors.js";
import type { Claim } from "../grants/claim.js";
import { keyedHash } from "../keys.js";
import { rateLimited } from "../limits.js";
import type { Scope } from "../scope.js";
import type { ResetUser } from "../types.js";

/** How many times `codes.maxAttempts` an account may answer wrong per {@link ACCOUNT_WINDOW_MS}. */
export const ACCOUNT_FACTOR = 2;

/** The window of the per-account budget: a day. */
export const ACCOUNT_WINDOW_MS = 24 * 3600 * 1000;

/** True when `user` has a second factor the reset must ask for; false when the option is off. */
export async function hasSecondFactor(scope: Scope, user: ResetUser): Promise<boolean> {
  const factor = scope.runtime.settings.accounts.secondFactor;
  if (!factor) return false;
  const required = await scope.call("accounts.secondFactor.required", async () => factor.required({ user }));
  return required === true;
}

/**
 * The counter of the account's wrong answers, keyed so the store never holds a plain user id, and
 * within the realm: another tenant's (or router's) account with the same id is another person,
 * whose wrong answers must not lock this one out.
 */
function accountCounter(scope: Scope, userId: string): string {
  const { secret } = scope.runtime.settings.keys;
  return `factor:${keyedHash(secret, "factor-account", scope.realm.audience, userId)}`;
}

/**
 * Checks `answer` for the claimed grant's account: counts it (per grant, then per account), then
 * asks the app. Answers `"grant-dead"` once the grant has had its wrong answers (the caller spends
 * it and answers INVALID_TOKEN); throws RATE_LIMITED once the account has had its day's, and
 * INVALID_SECOND_FACTOR for a wrong answer (the caller releases the claim: nothing spent).
 */
export async function checkSecondFactor(
  scope: Scope,
  claim: Claim,
  user: ResetUser,
  answer: string,
): Promise<"right" | "grant-dead"> {
  scope.hide(answer);
  const { store, settings } = scope.runtime;
  const { keys, codes, advanced } = settings;
  const { grant } = claim;
  const max = codes.maxAttempts;
  const count = (counter: string, windowMs: number) =>
    scope.call("tokenStore.countAttempt", () => store.countAttempt(counter, windowMs));

  // A code grant's id is its identifier's (one code per identifier at a time): its hash, unique to
  // each code issued, keeps one code's answers from carrying over to the next.
  const grantCounter = `factor:${keyedHash(keys.secret, "factor-grant", grant.kind, grant.id, grant.hash)}`;
  const perGrant = await count(grantCounter, Math.max(60_000, grant.retainUntil - advanced.now()));
  if (perGrant.count > max) return "grant-dead";
  const perAccount = await count(accountCounter(scope, grant.userId), ACCOUNT_WINDOW_MS);
  if (perAccount.count > max * ACCOUNT_FACTOR) {
    scope.emit("rate_limited", { reason: "secondFactor" });
    throw rateLimited(perAccount.resetAt - advanced.now(), ACCOUNT_WINDOW_MS);
  }
  const verify = scope.hooks.verifySecondFactor;
  const right =
    verify !== undefined &&
    (await scope.call("accounts.secondFactor.verify", async () => verify(user, answer)));
  if (right !== true) throw new RequestError("INVALID_SECOND_FACTOR");
  return "right";
}

/** The answer to a grant that had all its wrong answers: it is spent, like a code that had its guesses. */
export function grantDead(): RequestError {
  return new RequestError("INVALID_TOKEN", {
    message: "Too many wrong second-factor answers. Request a new link or code.",
  });
}

/** Forgets the account's wrong answers once its owner answered right and the password changed. */
export async function forgetWrongAnswers(scope: Scope, userId: string): Promise<void> {
  const { store } = scope.runtime;
  await scope.attempt("tokenStore.clearAttempts", () => store.clearAttempts(accountCounter(scope, userId)));
}

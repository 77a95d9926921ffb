/** The `accounts` option group: which identifiers find an account, and what `forgot` reveals. */
import type { Request } from "express";
import type { IdentifierType, ResetUser } from "./adapters.js";

/** What {@link AccountsOptions.normalizeIdentifier} receives: an identifier as the client sent it. */
export interface RawIdentifier {
  /** Which kind of identifier it is. */
  type: IdentifierType;
  /** The value as sent, not yet trimmed or normalised. */
  value: string;
}

/** What {@link AccountsOptions.tenant} receives. */
export interface TenantContext {
  /** The Express request (forgot, verify, reset, check, and the hosted pages' posts). */
  req: Request;
}

/** What {@link SecondFactorOptions.required} receives. */
export interface SecondFactorRequiredContext<User extends ResetUser = ResetUser> {
  /** The account a proven link, code or reset session names, as `findUser` returned it. */
  user: User;
}

/** What {@link SecondFactorOptions.verify} receives. */
export interface SecondFactorVerifyContext<User extends ResetUser = ResetUser> {
  /** The account whose password is about to change. */
  user: User;
  /** The body field `otp` as sent: a TOTP code, a recovery code, a WebAuthn assertion as JSON... */
  answer: string;
  /** The Express request of the reset. */
  req: Request;
}

/**
 * `accounts.secondFactor`: the account's own second factor, asked before its password changes, so
 * whoever reads the mailbox cannot take over an account the app protects with more than a password.
 */
export interface SecondFactorOptions<User extends ResetUser = ResetUser> {
  /** True when `user` has a second factor the reset must ask for. Sync or async. */
  required: (context: SecondFactorRequiredContext<User>) => boolean | Promise<boolean>;
  /**
   * True when `answer` is right for `user`. The app decides what an answer is (TOTP, recovery
   * code, WebAuthn assertion) and spends a recovery code or records a TOTP step itself. A throw is
   * an INTERNAL_ERROR and spends nothing. Sync or async.
   */
  verify: (context: SecondFactorVerifyContext<User>) => boolean | Promise<boolean>;
}

/** `accounts`: how a request names an account. */
export interface AccountsOptions<User extends ResetUser = ResetUser> {
  /** Identifier types accepted: any of `"email"`, `"mobile"`, `"username"`. [`["email"]`] */
  identifiers?: IdentifierType[];
  /**
   * Replaces the contract's normalisation (trim; NFKC + lower case for email and username; `+` and
   * digits for mobile), e.g. to turn national phone numbers into E.164 with a default country. The
   * result is still checked (a mobile must come out as `+` and 7 to 15 digits). The default is
   * exported as `normalizeIdentifier({ type, value })`, to wrap. [the contract's]
   */
  normalizeIdentifier?: (identifier: RawIdentifier) => string;
  /**
   * Answer `forgot` for an unknown account with `NOT_FOUND` (and a failed delivery with
   * `OPERATION_FAILED`) synchronously. Reveals which accounts exist. [false]
   */
  revealUnknown?: boolean;
  /**
   * Ask the account's second factor before its password changes: `reset` then needs the answer in
   * body field `otp` (403 `SECOND_FACTOR_REQUIRED` without it, 400 `INVALID_SECOND_FACTOR` when
   * wrong), the grant dies after `codes.maxAttempts` wrong answers, and an account gets at most
   * 2 × `codes.maxAttempts` wrong answers a day across all its links. `verify` answers
   * `secondFactor: true` beside the reset session. [none]
   */
  secondFactor?: SecondFactorOptions<User>;
  /**
   * Tells apart routers that share a `secret` and a token store (say a customer and a staff
   * router): links, codes and reset sessions of one are refused by the other, and one's `forgot`
   * and `revokeUser` leave the other's alone. Routers with different secrets are told apart
   * already. Instances of one app use the same value. 1 to 64 characters: letters, digits, `.`,
   * `_`, `-`. [`"default"`]
   */
  namespace?: string;
  /**
   * The request's tenant, for one router serving several (from a header, a subdomain or a path
   * parameter the app trusts): links, codes, reset sessions, supersede, per-identifier and
   * per-account limits and events then belong to it, and a secret of one tenant is `INVALID_TOKEN`
   * under another. `findUser`, `updatePassword`, a `resetUrl` function and the senders are told
   * it. `undefined` means no tenant. A tenant is 1 to 64 letters, digits, `.`, `_`, `-`; anything
   * else is logged as an error and answered as for an unknown account. Per-IP limits stay global.
   * Sync or async, bounded like any adapter. [none]
   */
  tenant?: (context: TenantContext) => string | undefined | Promise<string | undefined>;
}

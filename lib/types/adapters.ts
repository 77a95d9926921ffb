/**
 * The adapters an app plugs in — its user table (`users`), mail and SMS senders, the token store —
 * and the records they exchange with the router. `User` is the app's own row type: what `findUser`
 * returns reaches the senders and every hook unchanged, with its own fields typed.
 */
import type { IDENTIFIER_TYPES } from "../vocabulary.js";

/** The kinds of identifier a user can reset by: `"email" | "mobile" | "username"`. */
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** A normalised identifier, as handed to {@link UserAdapter.findUser}. */
export interface Identifier {
  /** Which kind of identifier `value` is. */
  type: IdentifierType;
  /** Trimmed; email and username NFKC + lower-cased; mobile `+` and digits (E.164). */
  value: string;
}

/**
 * A user record as the package needs it: the id and where to send messages. The app's own row
 * type may extend it with any other fields; they reach the mailer and the hooks as they are.
 */
export interface ResetUser {
  /**
   * The app's own user id, a string or a number (a `serial` column), handed back to
   * {@link UserAdapter.updatePassword} exactly as given. Stores keep its string form.
   */
  id: string | number;
  /** Address reset mail is sent to (the stored one, never the one typed in the request). */
  email?: string;
  /** Number reset codes are sent to, E.164 (`+14155550100`). */
  mobile?: string;
  /** The account's username, if it has one. */
  username?: string;
  /** Display name, used in message templates. */
  name?: string;
  /**
   * The language the user reads, a BCP 47 tag (`"fr"`, `"pt-BR"`). When set, messages to the user
   * are written in it, whatever the `Accept-Language` of the request; without it (or when it is no
   * valid tag) the request's `Accept-Language` decides. See {@link PasswordResetMessage.locale}.
   */
  locale?: string;
  /**
   * Anything that changes with the account's credentials or address: the password hash, a
   * `credentials_changed_at`, a version counter. A grant remembers a keyed hash of it, and verify
   * and reset refuse the grant (`INVALID_TOKEN`) once it differs, so links, codes and reset
   * sessions die the moment the password or the email changes elsewhere. [none]
   */
  stamp?: string;
}

/**
 * What {@link UserAdapter.findUser} and {@link UserAdapter.updatePassword} are told beside their
 * arguments: whose account it is, for apps with tenants (`accounts.tenant`).
 */
export interface AccountContext {
  /**
   * The request's tenant, as `accounts.tenant` returned it; `undefined` without tenants. The same
   * address may be an account in two tenants: look it up in this tenant only.
   */
  tenant: string | undefined;
}

/**
 * The app's own user table, as the package sees it. `User` is the app's row type, inferred by
 * `createPasswordResetRouter` from this adapter and passed on to the senders and hooks.
 */
export interface UserAdapter<User extends ResetUser = ResetUser> {
  /**
   * Looks a user up by a normalised identifier, in `context.tenant` when the app has tenants;
   * `null` when there is none (an unknown tenant included).
   */
  findUser(identifier: Identifier, context: AccountContext): Promise<User | null>;
  /**
   * Stores a new password hash (never a plain password) for the user, by the id `findUser` gave,
   * in `context.tenant` when the app has tenants.
   */
  updatePassword(userId: User["id"], passwordHash: string, context: AccountContext): Promise<void>;
}

/**
 * What {@link Mailer.sendPasswordReset} receives: a link, a code, or both (`delivery.email:
 * "link+code"`: one grant, either way spends it).
 */
export interface PasswordResetMessage<User extends ResetUser = ResetUser> {
  /** The address on the user record. */
  to: string;
  /** The user the message is for, as `findUser` returned it. */
  user: User;
  /** The reset link (`"link"` and `"link+code"` delivery). */
  link?: string;
  /**
   * The reset code (`"code"` and `"link+code"` delivery). With both, the link is for the browser
   * that opens the mail and the code for another device, typed with the identifier; using one
   * spends the other.
   */
  code?: string;
  /** When the link or code stops working. */
  expiresAt: Date;
  /** The allowed redirect URL the request carried, if any. */
  redirectUrl?: string;
  /** The tenant of the request that caused the message (`accounts.tenant`); absent without tenants. */
  tenant?: string;
  /**
   * The reader's language, a canonical BCP 47 tag: the user row's `locale` when it has a valid one,
   * else the language of the sender's `locales` (the five shipped ones when it declares none) that
   * the `Accept-Language` of the request that caused the message prefers. `undefined` when neither
   * says: write in your default language. A row's tag may be one the sender has no strings for
   * (`"de-CH"`, `"it"`): fall back to its language, then to your default.
   */
  locale?: string;
}

/**
 * What {@link Mailer.sendPasswordChanged} receives. It carries no reset token or password; its
 * `reportLink` holds a report token, which can only revoke.
 */
export interface PasswordChangedMessage<User extends ResetUser = ResetUser> {
  /** The address (or number, for SMS) on the user record. */
  to: string;
  /** The user whose password changed, as `findUser` returned it. */
  user: User;
  /** When the password was changed. */
  changedAt: Date;
  /**
   * "This wasn't me": a single-use link, valid 7 days, to the hosted report page (pages on) or the
   * app's `delivery.reportUrl`. Confirming it revokes every outstanding link, code and session of
   * the account and calls `hooks.onCompromiseReported`. Show it in the notice. Absent when the
   * router has no report page, or issuing it failed (reported).
   */
  reportLink?: string;
  /** The tenant of the request that caused the message (`accounts.tenant`); absent without tenants. */
  tenant?: string;
  /**
   * The reader's language, a canonical BCP 47 tag: the user row's `locale` when it has a valid one,
   * else the language of the sender's `locales` (the five shipped ones when it declares none) that
   * the `Accept-Language` of the request that caused the message prefers. `undefined` when neither
   * says: write in your default language. A row's tag may be one the sender has no strings for
   * (`"de-CH"`, `"it"`): fall back to its language, then to your default.
   */
  locale?: string;
}

/** Sends reset mail. */
export interface Mailer<User extends ResetUser = ResetUser> {
  /** Sends the reset link or code. */
  sendPasswordReset(message: PasswordResetMessage<User>): Promise<void>;
  /** Optional: tells the user their password was changed. */
  sendPasswordChanged?(message: PasswordChangedMessage<User>): Promise<void>;
  /**
   * Optional: the languages this sender writes, BCP 47 tags. A request's `Accept-Language` is
   * matched against them to choose a message's `locale`. [the shipped `en es fr de pt`]
   */
  readonly locales?: readonly string[];
}

/** What {@link SmsSender.sendPasswordResetCode} receives. */
export interface PasswordResetCodeSms<User extends ResetUser = ResetUser> {
  /** The number on the user record, E.164. */
  to: string;
  /** The user the code is for, as `findUser` returned it. */
  user: User;
  /** The reset code. */
  code: string;
  /** When the code stops working. */
  expiresAt: Date;
  /** The tenant of the request that caused the message (`accounts.tenant`); absent without tenants. */
  tenant?: string;
  /**
   * The reader's language, a canonical BCP 47 tag: the user row's `locale` when it has a valid one,
   * else the language of the sender's `locales` (the five shipped ones when it declares none) that
   * the `Accept-Language` of the request that caused the message prefers. `undefined` when neither
   * says: write in your default language. A row's tag may be one the sender has no strings for
   * (`"de-CH"`, `"it"`): fall back to its language, then to your default.
   */
  locale?: string;
}

/** Sends reset codes by SMS. */
export interface SmsSender<User extends ResetUser = ResetUser> {
  /** Sends one reset code. */
  sendPasswordResetCode(message: PasswordResetCodeSms<User>): Promise<void>;
  /**
   * Optional: tells the user by SMS that their password was changed. Used when the account has no
   * email address (or the mailer cannot send the notice). The message carries no token or password.
   */
  sendPasswordChanged?(message: PasswordChangedMessage<User>): Promise<void>;
  /**
   * Optional: the languages this sender writes, BCP 47 tags. A request's `Accept-Language` is
   * matched against them to choose a message's `locale`. [the shipped `en es fr de pt`]
   */
  readonly locales?: readonly string[];
}

/** The three secrets a user can present: an emailed link token, a code, a verify-step session. */
export type GrantKind = "link" | "code" | "session";

/**
 * One outstanding reset secret, as a {@link TokenStore} keeps it. Only a hash of the secret is
 * stored; the secret itself exists only in the message sent to the user.
 */
export interface Grant {
  /** Which kind of secret this is. */
  kind: GrantKind;
  /** Lookup key: a link's public selector, a code's identifier key, a session's `jti`. */
  id: string;
  /**
   * The user the grant resets, as a key of the router that issued it: `<tag>:<user id>`, where the
   * tag stands for the router's `secret` and `accounts.namespace`. Opaque to a store: keep it as
   * text, supersede and revoke by it.
   */
  userId: string;
  /** The identifier the user was found by; looked up again when the grant is used. */
  identifier: Identifier;
  /** Hex keyed hash of the secret (HMAC under the issuing router's key; bound to the identifier for codes). */
  hash: string;
  /** Epoch ms the grant was issued. */
  createdAt: number;
  /** Epoch ms after which the grant answers `TOKEN_EXPIRED`. */
  expiresAt: number;
  /** Epoch ms after which the store may forget the grant entirely (it then answers `INVALID_TOKEN`). */
  retainUntil: number;
  /** The allowed redirect URL of the request that created the grant. */
  redirectUrl?: string;
  /** Keyed hash of the `bindTo` context of the request that created the grant. */
  binding?: string;
  /**
   * A second way to present this same grant: the code of a `delivery.email: "link+code"` mail,
   * beside the link (then `kind` is `"link"`). A store that declares
   * {@link TokenStore.linkAndCode} finds the grant by `find("code", code.id)` too, and deletes
   * both ways at once (supersede, `remove`, `revokeUser`); `claim`, `release` and `remove` always
   * name the grant by its own `kind` and `id`, so spending one way spends both.
   */
  code?: GrantCode;
}

/** {@link Grant.code}: where a grant's code is found and the keyed hash of its digits. */
export interface GrantCode {
  /** Lookup key of the code: what `find("code", id)` is called with. */
  id: string;
  /** Hex keyed hash of the code (as a code grant's `hash`). */
  hash: string;
}

/** What {@link TokenStore.countAttempt} answers. */
export interface AttemptCount {
  /** Attempts counted against the key in the current window, this one included. */
  count: number;
  /** Epoch ms at which the current window ends (for `Retry-After`). */
  resetAt: number;
}

/**
 * Where grants live. Single use rests on {@link TokenStore.claim} being atomic inside the
 * backend: of any number of concurrent claims of one grant, at most one succeeds.
 * `express-password-reset/testing` exports a contract suite every store should pass.
 */
export interface TokenStore {
  /**
   * `true` when the store keeps a grant's {@link Grant.code}: `find("code", grant.code.id)` answers
   * the grant, and whatever deletes the grant deletes that way to it too. `delivery.email:
   * "link+code"` needs it (the router refuses to start without it); every built-in store has it.
   */
  readonly linkAndCode?: boolean;
  /**
   * Saves a grant and, in the same atomic step, deletes every other grant of `grant.userId`. A
   * grant with a {@link Grant.code} is saved under both ways (a store with `linkAndCode`).
   */
  issue(grant: Grant): Promise<void>;
  /**
   * The grant of that kind and id, expired or not, or `null` once it is gone or past `retainUntil`.
   * `find("code", id)` also answers a grant whose {@link Grant.code} has that id (kind `"link"`).
   */
  find(kind: GrantKind, id: string): Promise<Grant | null>;
  /**
   * Atomically marks the grant as in use for `leaseMs` when it exists, its hash is `hash`, and no
   * other claim holds it. Resolves `true` for exactly one of any concurrent callers.
   */
  claim(kind: GrantKind, id: string, hash: string, leaseMs: number): Promise<boolean>;
  /** Ends a claim without spending the grant (the password change failed). */
  release(kind: GrantKind, id: string, hash: string): Promise<void>;
  /** Deletes one grant. */
  remove(kind: GrantKind, id: string): Promise<void>;
  /** Deletes every grant of a user key (`Grant.userId`). Apps call `router.revokeUser(id)` instead. */
  revokeUser(userId: string): Promise<void>;
  /**
   * Counts one attempt against `key` and returns the count within the window, which starts at
   * the first attempt and lasts `windowMs`, and when that window ends. Atomic: of `n` concurrent
   * calls on one key, each gets its own count from 1 to `n`. The router's rate limits and code
   * guess budgets are all built on this one counter.
   */
  countAttempt(key: string, windowMs: number): Promise<AttemptCount>;
  /** Forgets the attempts counted against `key`. */
  clearAttempts(key: string): Promise<void>;
  /** Optional: stops timers. Never closes a client the store was given. */
  close?(): Promise<void>;
}

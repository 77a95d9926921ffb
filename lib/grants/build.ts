/**
 * Building grants: the record a store keeps of each secret sent (a link token, a code) or issued
 * (a reset session), and the secret itself, which exists only in the message or response.
 */
import { realmUserKey, type Realm } from "../realm.js";
import type { CodeSettings } from "../settings/settings.js";
import { signSession } from "../sessions.js";
import { bindingHash, createCode, createLinkToken, sha256 } from "../tokens.js";
import type { Grant, Identifier } from "../types.js";
import { codeLookup, originTag, withOrigin } from "./code-keys.js";
import { bindingOf, keepStamp, withStamp } from "./stamps.js";

/**
 * How long a grant is kept past expiry, so a late click answers TOKEN_EXPIRED rather than
 * INVALID_TOKEN.
 */
const RETAIN_EXPIRED_MS = 24 * 3600 * 1000;

/** What grants are made with: the clock, and each kind's lifetime and shape. */
export interface GrantTerms {
  /** Code length, lifetime and keying. */
  readonly codes: CodeSettings;
  /** `delivery.linkTtlSeconds`, in ms. */
  readonly linkTtlMs: number;
  /** `http.sessionTtlSeconds`, in ms. */
  readonly sessionTtlMs: number;
  readonly now: () => number;
}

/** What a new grant is for. */
export interface GrantSubject {
  /** The realm the grant is issued in (the request's: `scope.realm`); its keys hash the secret. */
  realm: Realm;
  /** The account: the app's user id (the grant keeps it as the realm's user key). */
  userId: string;
  /** The identifier the account was found by. */
  identifier: Identifier;
  /** The allowed redirect URL of the request, if any. */
  redirectUrl: string | undefined;
  /** The `bindTo` context of the request, if any. */
  binding: string | undefined;
  /** The account's `stamp` at issue, if it has one: the grant keeps a keyed hash of it. */
  stamp?: string | undefined;
  /**
   * The client network the request came from: a code belongs to it (its origin), and its hash
   * carries a keyed tag of it. Links and sessions ignore it.
   */
  origin?: string;
}

/** A grant and the secret it stands for. */
export interface NewGrant {
  grant: Grant;
  secret: string;
  /** The code that opens the grant too (`"link+code"`): `secret` is then the link token. */
  code?: string;
}

/** A link grant: its secret is the token that goes into the link. */
export function linkGrant(terms: GrantTerms, subject: GrantSubject): NewGrant {
  const link = createLinkToken(subject.realm);
  const grant = base(terms, subject, "link", link.selector, link.hash, terms.linkTtlMs);
  return { grant, secret: link.token };
}

/**
 * A code grant: its secret is the digits, `length` of them (`codes.length` unless the account's
 * guesses call for longer ones). A code stored under its identifier carries its origin's tag.
 */
export function codeGrant(terms: GrantTerms, subject: GrantSubject, length = terms.codes.length): NewGrant {
  const { code, id, hash } = newCode(terms, subject, length);
  const grant = base(terms, subject, "code", id, hash, terms.codes.ttlMs);
  grant.hash = codeHash(terms, subject, grant, hash);
  return { grant, secret: code };
}

/**
 * A link grant that a code opens too (`delivery.email: "link+code"`): one grant, so spending it
 * either way spends it, kept by the store under the link's selector and the code's id
 * (`Grant.code`). The code's id and hash are those of a code grant for the same request (its
 * origin's tag included), so the guess budget treats it as any code. It lives as long as the
 * shorter of the two lifetimes: a code is guessable, so it never outlives `codes.ttlSeconds`.
 */
export function linkAndCodeGrant(
  terms: GrantTerms,
  subject: GrantSubject,
  length = terms.codes.length,
): NewGrant & { code: string } {
  const link = createLinkToken(subject.realm);
  const ttlMs = Math.min(terms.linkTtlMs, terms.codes.ttlMs);
  const grant = base(terms, subject, "link", link.selector, link.hash, ttlMs);
  const { code, id, hash } = newCode(terms, subject, length);
  grant.code = { id, hash: codeHash(terms, subject, { id, createdAt: grant.createdAt }, hash) };
  return { grant, secret: link.token, code };
}

/** Fresh digits and the id and (untagged) hash a store keeps them under, in the subject's realm. */
function newCode(
  terms: GrantTerms,
  subject: GrantSubject,
  length: number,
): { code: string; id: string; hash: string } {
  const code = createCode(length);
  const lookup = codeLookup(subject.realm.keys[0], terms.codes.withoutIdentifier, subject.identifier, code);
  return { code, ...lookup };
}

/** A code's hash as stored: tagged with its origin, when it is stored under its identifier. */
function codeHash(
  terms: GrantTerms,
  subject: GrantSubject,
  code: Pick<Grant, "id" | "createdAt">,
  hash: string,
): string {
  if (terms.codes.withoutIdentifier || subject.origin === undefined) return hash;
  return withOrigin(hash, originTag(subject.realm.keys[0], code, subject.origin));
}

/**
 * A reset session for the account a verified grant names (`verified.userId` being the app's id, as
 * the claim hands it over); its secret is the JWT. It belongs to the realm and the context it was
 * issued in: the verify request's binding, else the verified grant's.
 */
export function sessionGrant(
  terms: GrantTerms,
  realm: Realm,
  verified: Grant,
  binding: string | undefined,
): NewGrant {
  const session = signSession(realm, verified.userId, terms.now(), terms.sessionTtlMs);
  const subject: GrantSubject = {
    realm,
    userId: verified.userId,
    identifier: verified.identifier,
    redirectUrl: verified.redirectUrl,
    binding: undefined,
  };
  const grant = base(terms, subject, "session", session.jti, sha256(session.token), terms.sessionTtlMs);
  // The session keeps the verified grant's stamp, so it dies with the same change.
  const bound = binding !== undefined ? bindingHash(realm.keys[0], binding) : bindingOf(verified.binding);
  const kept = keepStamp(bound, verified.binding);
  if (kept !== undefined) grant.binding = kept;
  return { grant, secret: session.token };
}

function base(
  terms: GrantTerms,
  subject: GrantSubject,
  kind: Grant["kind"],
  id: string,
  hash: string,
  ttlMs: number,
): Grant {
  const now = terms.now();
  const expiresAt = now + ttlMs;
  const grant: Grant = {
    kind,
    id,
    userId: realmUserKey(subject.realm, subject.userId),
    identifier: { type: subject.identifier.type, value: subject.identifier.value },
    hash,
    createdAt: now,
    expiresAt,
    retainUntil: expiresAt + RETAIN_EXPIRED_MS,
  };
  if (subject.redirectUrl !== undefined) grant.redirectUrl = subject.redirectUrl;
  const bound =
    subject.binding !== undefined ? bindingHash(subject.realm.keys[0], subject.binding) : undefined;
  const kept = withStamp(bound, subject.realm, subject.userId, subject.stamp);
  if (kept !== undefined) grant.binding = kept;
  return grant;
}

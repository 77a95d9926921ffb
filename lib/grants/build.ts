/**
 * Building grants: the record a store keeps of each secret sent (a link token, a code) or issued
 * (a reset session), and the secret itself, which exists only in the message or response.
 */
import type { CodeSettings, KeySettings } from "../settings/settings.js";
import { signSession } from "../sessions.js";
import { bindingHash, createCode, createLinkToken, sha256 } from "../tokens.js";
import type { Grant, Identifier } from "../types.js";
import { codeLookup, originTag, withOrigin } from "./code-keys.js";

/**
 * How long a grant is kept past expiry, so a late click answers TOKEN_EXPIRED rather than
 * INVALID_TOKEN.
 */
const RETAIN_EXPIRED_MS = 24 * 3600 * 1000;

/** What grants are made with: the keys, the clock, and each kind's lifetime and shape. */
export interface GrantTerms {
  readonly keys: KeySettings;
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
  /** The account, as the store keys it. */
  userId: string;
  /** The identifier the account was found by. */
  identifier: Identifier;
  /** The allowed redirect URL of the request, if any. */
  redirectUrl: string | undefined;
  /** The `bindTo` context of the request, if any. */
  binding: string | undefined;
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
}

/** A link grant: its secret is the token that goes into the link. */
export function linkGrant(terms: GrantTerms, subject: GrantSubject): NewGrant {
  const link = createLinkToken();
  const grant = base(terms, subject, "link", link.selector, link.hash, terms.linkTtlMs);
  return { grant, secret: link.token };
}

/**
 * A code grant: its secret is the digits, `length` of them (`codes.length` unless the account's
 * guesses call for longer ones). A code stored under its identifier carries its origin's tag.
 */
export function codeGrant(terms: GrantTerms, subject: GrantSubject, length = terms.codes.length): NewGrant {
  const { codes, keys } = terms;
  const code = createCode(length);
  const { id, hash } = codeLookup(keys.secret, codes.withoutIdentifier, subject.identifier, code);
  const grant = base(terms, subject, "code", id, hash, codes.ttlMs);
  if (!codes.withoutIdentifier && subject.origin !== undefined) {
    grant.hash = withOrigin(hash, originTag(keys.secret, grant, subject.origin));
  }
  return { grant, secret: code };
}

/**
 * A reset session for the account a verified grant names; its secret is the JWT. It belongs to the
 * context it was issued in: the verify request's binding, else the verified grant's.
 */
export function sessionGrant(terms: GrantTerms, verified: Grant, binding: string | undefined): NewGrant {
  const session = signSession(terms.keys.secret, verified.userId, terms.now(), terms.sessionTtlMs);
  const subject: GrantSubject = {
    userId: verified.userId,
    identifier: verified.identifier,
    redirectUrl: verified.redirectUrl,
    binding: undefined,
  };
  const grant = base(terms, subject, "session", session.jti, sha256(session.token), terms.sessionTtlMs);
  if (binding !== undefined) grant.binding = bindingHash(terms.keys.secret, binding);
  else if (verified.binding !== undefined) grant.binding = verified.binding;
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
    userId: subject.userId,
    identifier: { type: subject.identifier.type, value: subject.identifier.value },
    hash,
    createdAt: now,
    expiresAt,
    retainUntil: expiresAt + RETAIN_EXPIRED_MS,
  };
  if (subject.redirectUrl !== undefined) grant.redirectUrl = subject.redirectUrl;
  if (subject.binding !== undefined) grant.binding = bindingHash(terms.keys.secret, subject.binding);
  return grant;
}

/**
 * Building grants: the record a store keeps of each secret sent (a link token, a code) or issued
 * (a reset session), and the secret itself, which exists only in the message or response.
 */
import type { Settings } from "../settings/settings.js";
import { signSession } from "../sessions.js";
import { bindingHash, createCode, createLinkToken, sha256 } from "../tokens.js";
import type { Grant, Identifier } from "../types.js";
import { codeLookup } from "./code-keys.js";

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
}

/** A grant and the secret it stands for. */
export interface NewGrant {
  grant: Grant;
  secret: string;
}

/** A link grant: its secret is the token that goes into the link. */
export function linkGrant(settings: Settings, subject: GrantSubject): NewGrant {
  const link = createLinkToken();
  const grant = base(settings, subject, "link", link.selector, link.hash, settings.linkTtlMs);
  return { grant, secret: link.token };
}

/** A code grant: its secret is the digits. */
export function codeGrant(settings: Settings, subject: GrantSubject): NewGrant {
  const code = createCode(settings.codeLength);
  const { id, hash } = codeLookup(settings, subject.identifier, code);
  return { grant: base(settings, subject, "code", id, hash, settings.codeTtlMs), secret: code };
}

/**
 * A reset session for the account a verified grant names; its secret is the JWT. It belongs to the
 * context it was issued in: the verify request's binding, else the verified grant's.
 */
export function sessionGrant(settings: Settings, verified: Grant, binding: string | undefined): NewGrant {
  const session = signSession(settings.secret, verified.userId, settings.now(), settings.sessionTtlMs);
  const subject: GrantSubject = {
    userId: verified.userId,
    identifier: verified.identifier,
    redirectUrl: verified.redirectUrl,
    binding: undefined,
  };
  const grant = base(settings, subject, "session", session.jti, sha256(session.token), settings.sessionTtlMs);
  if (binding !== undefined) grant.binding = bindingHash(settings.secret, binding);
  else if (verified.binding !== undefined) grant.binding = verified.binding;
  return { grant, secret: session.token };
}

function base(
  settings: Settings,
  subject: GrantSubject,
  kind: Grant["kind"],
  id: string,
  hash: string,
  ttlMs: number,
): Grant {
  const now = settings.now();
  const expiresAt = now + ttlMs;
  const grant: Grant = {
    kind,
    id,
    userId: subject.userId,
    identifier: { type: subject.identifier.type, value: subject.identifier.value },
    hash,
    createdAt: now,
    expiresAt,
    retainUntil: expiresAt + settings.retainExpiredMs,
  };
  if (subject.redirectUrl !== undefined) grant.redirectUrl = subject.redirectUrl;
  if (subject.binding !== undefined) grant.binding = bindingHash(settings.secret, subject.binding);
  return grant;
}

/**
 * Verify-step reset sessions: short-lived JWTs (jsonwebtoken, HS256 pinned) whose `jti` names a
 * grant in the token store, so each session is single use and dies with a reset or a revoke. A
 * session's `aud` names the realm that issued it (`password-reset/<namespace>`, see realm.ts), so a
 * router with the same `secret` but another `accounts.namespace` refuses it.
 */
import { randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import type { Realm } from "./realm.js";
import type { Identifier } from "./types.js";

/** `iss` of every reset session. */
export const SESSION_ISSUER = "express-password-reset";

/**
 * `aud` of request tokens (see the `codes.requestTokens` option) of `realm`: they name an
 * identifier, nothing more, and only to the realm that issued them.
 */
function requestAudience(realm: Realm): string {
  return `password-reset-request/${realm.name}`;
}

/** A signed session and its id. */
export interface SignedSession {
  /** The JWT. */
  token: string;
  /** Its `jti`, the store key of its grant. */
  jti: string;
}

/**
 * Signs a session of `realm` for `userId`, valid `ttlMs` from `nowMs`, with the realm's newest key.
 * Its `aud` is the realm's: not an access token, not accepted as one, nor by another realm.
 */
export function signSession(realm: Realm, userId: string, nowMs: number, ttlMs: number): SignedSession {
  const jti = randomUUID();
  const issuedAt = Math.floor(nowMs / 1000);
  const token = jwt.sign({ iat: issuedAt, exp: issuedAt + Math.ceil(ttlMs / 1000) }, realm.keys[0].secret, {
    algorithm: "HS256",
    audience: realm.audience,
    issuer: SESSION_ISSUER,
    subject: userId,
    jwtid: jti,
  });
  return { token, jti };
}

/** What a presented session proves. `expired` sessions carry a valid signature. */
export type SessionCheck = { jti: string; userId: string; expired: boolean } | null;

/**
 * Checks signature (HS256 only: `alg: none` and every other algorithm are refused) under each of
 * the realm's rotated keys, the realm's audience and the issuer. Expiry is reported rather than
 * thrown, so the flow can tell TOKEN_EXPIRED from forgery.
 */
export function checkSession(realm: Realm, token: string, nowMs: number): SessionCheck {
  const secrets = realm.keys.map((key) => key.secret);
  const payload = verifyPinned(secrets, token, realm.audience, { ignoreExpiration: true });
  if (!payload || typeof payload.jti !== "string" || typeof payload.sub !== "string") return null;
  if (typeof payload.exp !== "number") return null;
  return { jti: payload.jti, userId: payload.sub, expired: payload.exp * 1000 <= nowMs };
}

/**
 * True when `token` looks like a reset session this realm issued (its issuer, audience and
 * algorithm) although no configured key verifies it: most likely another instance signed it with
 * another `secret`. (A session of another namespace is no sign of a misconfiguration.) Only ever
 * used to explain a refusal in a log line, never to accept anything.
 */
export function looksSignedElsewhere(realm: Realm, token: string): boolean {
  let decoded: jwt.Jwt | null;
  try {
    decoded = jwt.decode(token, { complete: true });
  } catch {
    return false; // not even readable: a forgery or garbage, not another instance's session
  }
  if (!decoded || typeof decoded.payload !== "object" || decoded.header.alg !== "HS256") return false;
  return decoded.payload.iss === SESSION_ISSUER && decoded.payload.aud === realm.audience;
}

/** Signs a request token of `realm` naming `identifier`, valid `ttlMs` from `nowMs`. */
export function signRequestToken(realm: Realm, identifier: Identifier, nowMs: number, ttlMs: number): string {
  const issuedAt = Math.floor(nowMs / 1000);
  return jwt.sign(
    { iat: issuedAt, exp: issuedAt + Math.ceil(ttlMs / 1000), idt: identifier.type, idv: identifier.value },
    realm.keys[0].secret,
    { algorithm: "HS256", audience: requestAudience(realm), issuer: SESSION_ISSUER },
  );
}

/** The identifier a valid, unexpired request token of `realm` names; `null` for anything else. */
export function checkRequestToken(realm: Realm, token: string, nowMs: number): Identifier | null {
  const secrets = realm.keys.map((key) => key.secret);
  const payload = verifyPinned(secrets, token, requestAudience(realm), {
    clockTimestamp: Math.floor(nowMs / 1000),
  });
  if (!payload || typeof payload.idv !== "string") return null;
  const type = payload.idt;
  if (type !== "email" && type !== "mobile" && type !== "username") return null;
  return { type, value: payload.idv };
}

/**
 * The payload of a token signed with HS256 under one of `secrets` (rotated keys, newest first) for
 * `audience` by this package; `null` for anything else. The algorithm is pinned: `alg: none` and
 * every other algorithm are refused.
 */
function verifyPinned(
  secrets: readonly string[],
  token: string,
  audience: string,
  options: Pick<jwt.VerifyOptions, "ignoreExpiration" | "clockTimestamp">,
): jwt.JwtPayload | null {
  for (const secret of secrets) {
    const payload = verifyWith(secret, token, audience, options);
    if (payload) return payload;
  }
  return null;
}

function verifyWith(
  secret: string,
  token: string,
  audience: string,
  options: Pick<jwt.VerifyOptions, "ignoreExpiration" | "clockTimestamp">,
): jwt.JwtPayload | null {
  try {
    const payload = jwt.verify(token, secret, {
      algorithms: ["HS256"],
      audience,
      issuer: SESSION_ISSUER,
      ...options,
    });
    return typeof payload === "object" ? payload : null;
  } catch {
    return null;
  }
}

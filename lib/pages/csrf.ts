/**
 * CSRF defence of the pages' forms. Two checks, both required, because each alone has a hole:
 *
 * - `Sec-Fetch-Site` (sent by every current browser) names the site that made the request; only
 *   `same-origin` passes. It is the only check that stops a *sibling*: a page on another port or
 *   subdomain of the same site is `same-site`, and for it SameSite cookies flow freely (cookies
 *   are not isolated by port, so on 127.0.0.1 any other port is such a sibling). We cannot use
 *   `Origin` instead: the pages send `Referrer-Policy: no-referrer`, which makes the browser send
 *   `Origin: null` on their own posts.
 * - A token in a hidden field: an HMAC, under the router's secret, of a random value held in an
 *   HttpOnly cookie, the form's purpose and an expiry. It covers browsers and proxies that do
 *   not send `Sec-Fetch-Site` (then it is the whole defence), and it is the second lock where the
 *   header is present. A cross-site page can make the browser send the cookie but can neither
 *   read it nor the token, and a token minted for another browser's cookie, another form or an
 *   earlier hour is refused.
 *
 * Where the site is served over https the cookie is named `__Host-…` (Secure, `Path=/`, no
 * `Domain`), so a sibling subdomain cannot plant its own value in it ("cookie tossing") and pair
 * it with a token it minted for that value. The cookie's value is the server's own in any case: a
 * random part and its HMAC, so a value a client chose (over plain http, where no prefix protects
 * the cookie) is replaced, never given a token.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { serialize } from "cookie";
import { PasswordResetConfigError } from "../config-error.js";

/** The hidden field of every form that carries the token. */
export const CSRF_FIELD = "csrf";

/** The form a token is minted for: a token of one form is refused by another. */
export type CsrfPurpose = "forgot" | "reset" | "code" | "report";

/** How {@link createCsrf} is configured; the router derives it from its own options. */
export interface CsrfOptions {
  /** The router's secret(s), newest first: the first signs, every one verifies (rotation). */
  secrets: string | readonly string[];
  /** True when the pages are served over https (the `resetUrl` is `https:`). */
  secure: boolean;
  /** The router's public mount path (cookie `Path` over http). Default `"/"`. */
  mountPath?: string;
  /** How long a token stays valid, in seconds. Default: 7200 (a form left open over lunch). */
  ttlSeconds?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** What a request presents to {@link Csrf.verify}. */
export interface CsrfCheck {
  /** The form's hidden field (any type: it comes from the body). */
  token: unknown;
  /** The CSRF cookie's value, if the request has one (see {@link Csrf.cookieName}). */
  cookieValue: string | undefined;
  /** The form the token must have been minted for. */
  purpose: CsrfPurpose;
  /** The request's headers (Node's lower-case names). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The browser's CSRF cookie value, and the `Set-Cookie` to send when it had no valid one yet. */
export interface CsrfCookie {
  /** The value, minted and signed by the server (now or earlier). */
  value: string;
  /** A `Set-Cookie` header value, when a new per-browser value was created. */
  setCookie?: string;
}

/** A minted token, and the `Set-Cookie` to send when the browser had no valid cookie yet. */
export interface IssuedToken extends CsrfCookie {
  /** Goes into the form's hidden {@link CSRF_FIELD} field. */
  token: string;
}

/** The CSRF defence, built once per router. */
export interface Csrf {
  /** Name of the cookie holding the per-browser value. */
  readonly cookieName: string;
  /** The browser's value when the server minted it (under any of its secrets), else a new one to set. */
  cookie(cookieValue: string | undefined): CsrfCookie;
  /** True when `cookieValue` is a value the server minted (under any of its secrets). */
  minted(cookieValue: string | undefined): cookieValue is string;
  /** Mints a token for `purpose`, reusing the browser's cookie value when the server minted it. */
  issue(cookieValue: string | undefined, purpose: CsrfPurpose): IssuedToken;
  /** True only for a same-origin (or header-less) request whose token matches its cookie, purpose and time. */
  verify(check: CsrfCheck): boolean;
}

/** A cookie value: 32 random bytes and their HMAC, each base64url. */
const COOKIE_VALUE = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;
const TOKEN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/** Builds the CSRF defence. Throws a {@link PasswordResetConfigError} without a secret. */
export function createCsrf(options: CsrfOptions): Csrf {
  const secrets = typeof options.secrets === "string" ? [options.secrets] : [...options.secrets];
  if (secrets.length === 0 || secrets.some((secret) => typeof secret !== "string" || secret === "")) {
    throw new PasswordResetConfigError(
      "secret",
      "must be a non-empty string or list of strings: the pages' CSRF defence signs with it.",
    );
  }
  // A key of its own, derived from each secret, so a CSRF MAC can never be mistaken for any
  // other signature made with the same secret.
  const keys = secrets.map((secret) =>
    createHmac("sha256", secret).update("express-password-reset/pages/csrf").digest(),
  );
  const ttlMs = (options.ttlSeconds ?? 7200) * 1000;
  const now = options.now ?? Date.now;
  const cookieName = options.secure ? "__Host-epr-csrf" : "epr-csrf";
  const cookiePath = options.secure ? "/" : (options.mountPath ?? "/");

  const mac = (key: Buffer, purpose: CsrfPurpose, expires: string, cookieValue: string): Buffer =>
    createHmac("sha256", key).update(`${purpose}\n${expires}\n${cookieValue}`).digest();
  // The cookie's own MAC: another message shape than a token's (no purpose is "cookie").
  const cookieMac = (key: Buffer, random: string): Buffer =>
    createHmac("sha256", key).update(`cookie\n${random}`).digest();

  const minted = (cookieValue: string | undefined): cookieValue is string => {
    const parts = cookieValue === undefined ? null : COOKIE_VALUE.exec(cookieValue);
    if (parts === null) return false;
    const [, random = "", given = ""] = parts;
    return anyKeyMatches(keys, Buffer.from(given, "base64url"), (key) => cookieMac(key, random));
  };
  const cookie = (cookieValue: string | undefined): CsrfCookie => {
    if (minted(cookieValue)) return { value: cookieValue };
    const random = randomBytes(32).toString("base64url");
    const value = `${random}.${cookieMac(keys[0] as Buffer, random).toString("base64url")}`;
    // A session cookie: the value only has to outlive the open form.
    const setCookie = serialize(cookieName, value, {
      httpOnly: true,
      secure: options.secure,
      sameSite: "lax",
      path: cookiePath,
    });
    return { value, setCookie };
  };

  return {
    cookieName,
    cookie,
    minted,
    issue(cookieValue, purpose) {
      const browser = cookie(cookieValue);
      const expires = Math.floor((now() + ttlMs) / 1000).toString(36);
      const token = `${expires}.${mac(keys[0] as Buffer, purpose, expires, browser.value).toString("base64url")}`;
      return { ...browser, token };
    },
    verify({ token, cookieValue, purpose, headers }) {
      if (!sameOrigin(headers)) return false;
      if (typeof token !== "string" || !minted(cookieValue)) return false;
      const parts = TOKEN.exec(token);
      if (parts === null) return false;
      const [, expires = "", given = ""] = parts;
      if (parseInt(expires, 36) * 1000 <= now()) return false;
      return anyKeyMatches(keys, Buffer.from(given, "base64url"), (key) =>
        mac(key, purpose, expires, cookieValue),
      );
    },
  };
}

/** True when `presented` equals `expected(key)` for some key: every key tried (no early exit), each in constant time. */
function anyKeyMatches(
  keys: readonly Buffer[],
  presented: Buffer,
  expected: (key: Buffer) => Buffer,
): boolean {
  let ok = false;
  for (const key of keys) {
    const wanted = expected(key);
    ok = (presented.length === wanted.length && timingSafeEqual(presented, wanted)) || ok;
  }
  return ok;
}

/**
 * `Sec-Fetch-Site` must be `same-origin` when present. `none` (a typed address, a bookmark)
 * cannot produce a form POST, and `same-site` is exactly the sibling this check exists for.
 * Absent (an old browser, a privacy proxy), the token alone decides.
 */
function sameOrigin(headers: CsrfCheck["headers"]): boolean {
  const site = headers["sec-fetch-site"];
  if (site === undefined) return true;
  return site === "same-origin";
}

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
 * it with a token it minted for that value.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { serialize } from "cookie";
import { PasswordResetConfigError } from "../config-error.js";

/** The hidden field of every form that carries the token. */
export const CSRF_FIELD = "csrf";

/** The form a token is minted for: a token of one form is refused by another. */
export type CsrfPurpose = "forgot" | "reset" | "code";

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

/** A minted token, and the `Set-Cookie` to send when the browser had no valid cookie yet. */
export interface IssuedToken {
  /** Goes into the form's hidden {@link CSRF_FIELD} field. */
  token: string;
  /** A `Set-Cookie` header value, when a new per-browser value was created. */
  setCookie?: string;
}

/** The CSRF defence, built once per router. */
export interface Csrf {
  /** Name of the cookie holding the per-browser value. */
  readonly cookieName: string;
  /** Mints a token for `purpose`, reusing the browser's cookie value when it is well formed. */
  issue(cookieValue: string | undefined, purpose: CsrfPurpose): IssuedToken;
  /** True only for a same-origin (or header-less) request whose token matches its cookie, purpose and time. */
  verify(check: CsrfCheck): boolean;
}

const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;
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

  return {
    cookieName,
    issue(cookieValue, purpose) {
      const reuse = cookieValue !== undefined && COOKIE_VALUE.test(cookieValue);
      const value = reuse ? cookieValue : randomBytes(32).toString("base64url");
      const expires = Math.floor((now() + ttlMs) / 1000).toString(36);
      const token = `${expires}.${mac(keys[0] as Buffer, purpose, expires, value).toString("base64url")}`;
      if (reuse) return { token };
      // A session cookie: the value only has to outlive the open form.
      const setCookie = serialize(cookieName, value, {
        httpOnly: true,
        secure: options.secure,
        sameSite: "lax",
        path: cookiePath,
      });
      return { token, setCookie };
    },
    verify({ token, cookieValue, purpose, headers }) {
      if (!sameOrigin(headers)) return false;
      if (typeof token !== "string" || cookieValue === undefined || !COOKIE_VALUE.test(cookieValue))
        return false;
      const parts = TOKEN.exec(token);
      if (parts === null) return false;
      const [, expires = "", given = ""] = parts;
      if (parseInt(expires, 36) * 1000 <= now()) return false;
      const presented = Buffer.from(given, "base64url");
      // Every key is tried (no early exit), each comparison in constant time.
      let ok = false;
      for (const key of keys) {
        const expected = mac(key, purpose, expires, cookieValue);
        ok = (presented.length === expected.length && timingSafeEqual(presented, expected)) || ok;
      }
      return ok;
    },
  };
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

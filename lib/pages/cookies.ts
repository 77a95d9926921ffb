/**
 * The cookies of the pages, other than CSRF's (see csrf.ts):
 *
 * - the **hand-off**: `GET reset?token=…` moves the token from the address bar into a
 *   short-lived HttpOnly cookie and answers `303` to the same path without the query, so neither
 *   the history, a screenshot nor a `Referer` carries it. It is `SameSite=Lax`, not `Strict`:
 *   the link is clicked in a webmail, on another site, and a `Strict` cookie set during that
 *   cross-site navigation is not sent on the redirect that follows it (the redirect belongs to
 *   the same cross-site navigation), so the form would never see the token. `Lax` is sent on
 *   that top-level `GET` and on nothing a third-party page can trigger silently (subresources,
 *   cross-site POSTs).
 *   The hand-off is tied to the browser's CSRF cookie (csrf.ts): its value carries an HMAC, under
 *   the router's secret, of its content and that cookie's value. Over https the CSRF cookie is
 *   `__Host-`, which a sibling subdomain cannot set, while the hand-off (kept on the reset page's
 *   path, so the token is not sent with every request to the app) could be planted by one with
 *   `Domain=`: a planted hand-off, minted for the attacker's own browser, matches no CSRF cookie
 *   of the visitor's and is refused before its token is looked at.
 * - the **flash**: the outcome a post/redirect/get carries to the page it redirects to
 *   ("a message is on its way", "password changed").
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { parse, serialize } from "cookie";
import { PasswordResetConfigError } from "../config-error.js";

/** The state the hand-off cookie carries from the link to the reset form. */
export interface Handoff {
  /** The reset token from the link. */
  token: string;
  /** The link's `redirect`, if it had one (the router checks it again before using it). */
  redirect?: string;
  /** The account the link resets, masked; set once the token was proven (the first check). */
  account?: string;
}

/** What the request's hand-off cookies amount to: none, one this browser got, or only foreign ones. */
export type HandoffFound =
  | { found: "none" }
  /** `until`: when the hand-off ends, epoch seconds (kept when it is stored again). */
  | { found: "own"; handoff: Handoff; until: number }
  | { found: "elsewhere" };

/** The outcome a post/redirect/get shows on the next page. */
export type Flash =
  | { page: "sent"; channel: "email" | "mobile" | "any" }
  | { page: "success"; redirect?: string }
  | { page: "reported" };

/** How the cookies are scoped; the router derives it once from `resetUrl` and `paths.reset`. */
export interface PageCookieOptions {
  /** The public URL of the hosted reset page (the router's `resetUrl`). */
  resetUrl: string;
  /** The router-relative path of the reset page (`paths.reset`), to find the mount path. */
  resetPath: string;
  /** Lifetime of the hand-off in seconds: at most the link's lifetime. Default 600. */
  handoffSeconds?: number;
  /** The router's secret(s), newest first: the first ties a hand-off to its browser, each verifies. */
  secrets: readonly string[];
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** Build, read and clear the pages' cookies. All are HttpOnly, `SameSite=Lax`, `Secure` over https. */
export interface PageCookies {
  /** The public mount path (`resetUrl`'s path without `paths.reset`), e.g. `/auth/password`. */
  readonly mountPath: string;
  /** True when `resetUrl` is https: the cookies are `Secure` and `__Secure-` prefixed. */
  readonly secure: boolean;
  /** Names of the cookies. */
  readonly names: { readonly handoff: string; readonly flash: string };
  /**
   * `Set-Cookie` value storing the hand-off, scoped to the reset page's path and tied to `browser`,
   * the browser's CSRF cookie value. Lives `handoffSeconds`, or until `until` (epoch seconds) when
   * it is stored again with what the check found.
   */
  setHandoff(handoff: Handoff, browser: string, until?: number): string;
  /**
   * The hand-off in the request's `Cookie` header tied to `browser` (of several of that name, the
   * first that is), `elsewhere` when there are only others, `none` when there is none.
   */
  readHandoff(
    cookieHeader: string | undefined,
    browser: string | undefined,
  ): HandoffFound & { until?: number };
  /** `Set-Cookie` value deleting the hand-off (after the reset, or when the token is refused). */
  clearHandoff(): string;
  /** `Set-Cookie` value storing a flash for the next page (one minute, mount path). */
  setFlash(flash: Flash): string;
  /** The flash in the request's `Cookie` header, if well formed. */
  readFlash(cookieHeader: string | undefined): Flash | undefined;
  /** `Set-Cookie` value deleting the flash once shown. */
  clearFlash(): string;
}

// Far more than any token or URL the package makes, far less than a browser's 4 KiB cookie.
const MAX_VALUE = 3000;

/** Builds the cookie helpers. Throws a {@link PasswordResetConfigError} for a `resetUrl` that is not http(s). */
export function pageCookies(options: PageCookieOptions): PageCookies {
  let url: URL;
  try {
    url = new URL(options.resetUrl);
  } catch {
    throw new PasswordResetConfigError(
      "resetUrl",
      `must be an absolute URL when \`pages\` is on; got ${JSON.stringify(options.resetUrl)}.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new PasswordResetConfigError("resetUrl", "must be an http: or https: URL when `pages` is on.");
  }
  const secure = url.protocol === "https:";
  const resetPagePath = url.pathname;
  const mountPath = mountPathOf(resetPagePath, options.resetPath);
  const handoffSeconds = Math.max(1, Math.floor(options.handoffSeconds ?? 600));
  const prefix = secure ? "__Secure-" : "";
  const names = { handoff: `${prefix}epr-reset`, flash: `${prefix}epr-flash` };
  const base = { httpOnly: true, secure, sameSite: "lax" as const };
  const now = options.now ?? Date.now;
  if (options.secrets.length === 0) {
    throw new PasswordResetConfigError("secret", "must be given: the pages tie their cookies to it.");
  }
  // A key of its own per secret, so this MAC is never mistaken for another signature made with it.
  const keys = options.secrets.map((secret) =>
    createHmac("sha256", secret).update("express-password-reset/pages/handoff").digest(),
  );
  const tie = (key: Buffer, browser: string, payload: string): Buffer =>
    createHmac("sha256", key).update(`${browser}\n${payload}`).digest();

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const set = (name: string, value: unknown, path: string, maxAge: number): string =>
    serialize(name, encode(value), { ...base, path, maxAge });
  const clear = (name: string, path: string): string =>
    serialize(name, "", { ...base, path, maxAge: 0, expires: new Date(0) });
  const read = (header: string | undefined, name: string): Record<string, unknown> | undefined =>
    header === undefined ? undefined : decode(parse(header)[name]);

  function setHandoff(handoff: Handoff, browser: string, until?: number): string {
    const expires = until ?? Math.floor(now() / 1000) + handoffSeconds;
    const payload = encode({ ...handoff, until: expires });
    const mac = tie(keys[0] as Buffer, browser, payload).toString("base64url");
    const maxAge = Math.max(1, expires - Math.floor(now() / 1000));
    return serialize(names.handoff, `${payload}.${mac}`, { ...base, path: resetPagePath, maxAge });
  }

  function readHandoff(header: string | undefined, browser: string | undefined): HandoffFound {
    const values = header === undefined ? [] : cookieValues(header, names.handoff);
    if (values.length === 0) return { found: "none" };
    for (const raw of values) {
      const dot = raw.lastIndexOf(".");
      if (browser === undefined || dot === -1) continue;
      const payload = raw.slice(0, dot);
      const presented = Buffer.from(raw.slice(dot + 1), "base64url");
      let tied = false;
      for (const key of keys) {
        const expected = tie(key, browser, payload);
        tied = (presented.length === expected.length && timingSafeEqual(presented, expected)) || tied;
      }
      const value = tied ? decode(payload) : undefined;
      const handoff = value === undefined ? undefined : handoffOf(value);
      if (handoff === undefined || typeof value?.until !== "number" || value.until * 1000 <= now()) continue;
      return { found: "own", handoff, until: value.until };
    }
    return { found: "elsewhere" };
  }

  return {
    mountPath,
    secure,
    names,
    setHandoff,
    readHandoff,
    clearHandoff: () => clear(names.handoff, resetPagePath),
    setFlash: (flash) => set(names.flash, flash, mountPath, 60),
    readFlash(header) {
      const value = read(header, names.flash);
      if (
        value?.page === "sent" &&
        (value.channel === "email" || value.channel === "mobile" || value.channel === "any")
      ) {
        return { page: "sent", channel: value.channel };
      }
      if (value?.page === "reported") return { page: "reported" };
      if (value?.page === "success") {
        return typeof value.redirect === "string"
          ? { page: "success", redirect: value.redirect }
          : { page: "success" };
      }
      return undefined;
    },
    clearFlash: () => clear(names.flash, mountPath),
  };
}

/** A hand-off's fields, when they have their types. */
function handoffOf(value: Record<string, unknown>): Handoff | undefined {
  const { token, redirect, account } = value;
  if (typeof token !== "string" || token === "") return undefined;
  if (redirect !== undefined && typeof redirect !== "string") return undefined;
  if (account !== undefined && typeof account !== "string") return undefined;
  return {
    token,
    ...(redirect !== undefined ? { redirect } : {}),
    ...(account !== undefined ? { account } : {}),
  };
}

/** Every value of the cookies named `name` in a `Cookie` header, in the header's order. */
function cookieValues(header: string, name: string): string[] {
  const values: string[] = [];
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq !== -1 && pair.slice(0, eq).trim() === name) values.push(pair.slice(eq + 1).trim());
  }
  return values;
}

/** A cookie's JSON object, from its base64url form; `undefined` when it is anything else. */
function decode(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined || raw.length > MAX_VALUE || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The mount path: the reset page's public path without the router-relative `paths.reset`
 * (`/auth/password/reset` − `/reset` = `/auth/password`). When the path does not end with it
 * (the router warns about that), the page's parent directory.
 */
export function mountPathOf(resetPagePath: string, resetPath: string): string {
  const mount = resetPagePath.endsWith(resetPath)
    ? resetPagePath.slice(0, resetPagePath.length - resetPath.length)
    : resetPagePath.slice(0, resetPagePath.lastIndexOf("/"));
  return mount === "" ? "/" : mount.replace(/\/+$/, "") || "/";
}

/** A cookie's value from a `Cookie` header, or `undefined` (for the CSRF cookie). */
export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  return cookieHeader === undefined ? undefined : parse(cookieHeader)[name];
}

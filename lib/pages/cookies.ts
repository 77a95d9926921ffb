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
 * - the **flash**: the outcome a post/redirect/get carries to the page it redirects to
 *   ("a message is on its way", "password changed").
 */
import { parse, serialize } from "cookie";
import { PasswordResetConfigError } from "../config-error.js";

/** The state the hand-off cookie carries from the link to the reset form. */
export interface Handoff {
  /** The reset token from the link. */
  token: string;
  /** The link's `redirect`, if it had one (the router checks it again before using it). */
  redirect?: string;
}

/** The outcome a post/redirect/get shows on the next page. */
export type Flash =
  { page: "sent"; channel: "email" | "mobile" | "any" } | { page: "success"; redirect?: string };

/** How the cookies are scoped; the router derives it once from `resetUrl` and `paths.reset`. */
export interface PageCookieOptions {
  /** The public URL of the hosted reset page (the router's `resetUrl`). */
  resetUrl: string;
  /** The router-relative path of the reset page (`paths.reset`), to find the mount path. */
  resetPath: string;
  /** Lifetime of the hand-off in seconds: at most the link's lifetime. Default 600. */
  handoffSeconds?: number;
}

/** Build, read and clear the pages' cookies. All are HttpOnly, `SameSite=Lax`, `Secure` over https. */
export interface PageCookies {
  /** The public mount path (`resetUrl`'s path without `paths.reset`), e.g. `/auth/password`. */
  readonly mountPath: string;
  /** True when `resetUrl` is https: the cookies are `Secure` and `__Secure-` prefixed. */
  readonly secure: boolean;
  /** Names of the cookies. */
  readonly names: { readonly handoff: string; readonly flash: string };
  /** `Set-Cookie` value storing the hand-off, scoped to the reset page's path. */
  setHandoff(handoff: Handoff): string;
  /** The hand-off in the request's `Cookie` header, if well formed. */
  readHandoff(cookieHeader: string | undefined): Handoff | undefined;
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

  const set = (name: string, value: unknown, path: string, maxAge: number): string =>
    serialize(name, Buffer.from(JSON.stringify(value)).toString("base64url"), { ...base, path, maxAge });
  const clear = (name: string, path: string): string =>
    serialize(name, "", { ...base, path, maxAge: 0, expires: new Date(0) });
  const read = (header: string | undefined, name: string): Record<string, unknown> | undefined => {
    if (header === undefined) return undefined;
    const raw = parse(header)[name];
    if (raw === undefined || raw.length > MAX_VALUE || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
    try {
      const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    mountPath,
    secure,
    names,
    setHandoff: (handoff) => set(names.handoff, handoff, resetPagePath, handoffSeconds),
    readHandoff(header) {
      const value = read(header, names.handoff);
      if (value === undefined || typeof value.token !== "string" || value.token === "") return undefined;
      if (value.redirect !== undefined && typeof value.redirect !== "string") return undefined;
      return value.redirect === undefined
        ? { token: value.token }
        : { token: value.token, redirect: value.redirect };
    },
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

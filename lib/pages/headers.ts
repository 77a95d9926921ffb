/**
 * Security headers of every page: a CSP that allows only the router's own stylesheet and images
 * (no script at all unless the app adds a challenge widget's origin), no caching, no referrer.
 */
import { PasswordResetConfigError } from "../config-error.js";

/** Origins an app adds to the CSP for an optional challenge widget (Turnstile, hCaptcha, ALTCHA...). */
export interface CspSources {
  /** Added to `script-src` (which is otherwise absent: no script runs). */
  script?: readonly string[];
  /** Added to `frame-src`. */
  frame?: readonly string[];
  /** Added to `connect-src`. */
  connect?: readonly string[];
  /** Added to `style-src` after `'self'`. */
  style?: readonly string[];
  /** Added to `img-src` after `'self'`. */
  img?: readonly string[];
}

/**
 * The `Content-Security-Policy` of the pages. Each extra source must be an `https:` origin
 * (scheme, host and optional port, nothing more), so no keyword such as `'unsafe-inline'`, no
 * `*` (alone or in a host: `https://*.example.com`) and no `;` can widen or break the policy;
 * anything else throws a {@link PasswordResetConfigError} naming `pages.csp`.
 */
export function contentSecurityPolicy(extra: CspSources = {}): string {
  const list = (name: keyof CspSources): string[] => {
    const origins: unknown = extra[name] ?? [];
    if (!Array.isArray(origins)) {
      throw new PasswordResetConfigError(
        `pages.csp.${name}`,
        'must be a list of https origins, e.g. ["https://challenges.cloudflare.com"].',
      );
    }
    return origins.map((origin: unknown) => checkOrigin(origin, name));
  };
  const directives = [
    "default-src 'none'",
    ["style-src 'self'", ...list("style")].join(" "),
    ["img-src 'self'", ...list("img")].join(" "),
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ];
  if (extra.script?.length) directives.push(["script-src", ...list("script")].join(" "));
  if (extra.frame?.length) directives.push(["frame-src", ...list("frame")].join(" "));
  if (extra.connect?.length) directives.push(["connect-src", ...list("connect")].join(" "));
  return directives.join("; ");
}

/**
 * Every header a page answer carries, computed once at construction. `X-Frame-Options` repeats
 * `frame-ancestors 'none'` for browsers that predate CSP 2.
 */
export function pageHeaders(extra: CspSources = {}): Readonly<Record<string, string>> {
  return Object.freeze({
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": contentSecurityPolicy(extra),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    // Each answer depends on the language and on cookies: say so to any cache that ignores no-store.
    Vary: "Accept-Language, Cookie",
  });
}

function checkOrigin(origin: unknown, directive: keyof CspSources): string {
  let url: URL | undefined;
  try {
    url = typeof origin === "string" ? new URL(origin) : undefined;
  } catch {
    url = undefined;
  }
  // The WHATWG URL parser takes `*` as a host character (`https://*`, `https://*.example.com`),
  // while a browser reads it in a CSP as a wildcard: only plain host names and IP literals pass.
  if (
    url === undefined ||
    url.protocol !== "https:" ||
    url.origin !== origin ||
    !PLAIN_HOST.test(url.hostname)
  ) {
    throw new PasswordResetConfigError(
      `pages.csp.${directive}`,
      `holds ${JSON.stringify(origin)}: each source must be one https origin (scheme, host and port, nothing more; no wildcard) such as "https://challenges.cloudflare.com". List each host the widget loads from.`,
    );
  }
  return url.origin;
}

/** A host name of letters, digits and hyphens (IDNs arrive as punycode), or a bracketed IPv6 literal. */
const PLAIN_HOST = /^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/;

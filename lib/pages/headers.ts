/**
 * Security headers of every page: a CSP that allows only the router's own stylesheet and images
 * (no script at all unless the app adds a challenge widget's origin), no caching, no referrer.
 */

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
 * `*` and no `;` can widen or break the policy; anything else throws a `TypeError` naming
 * `pages.csp`.
 */
export function contentSecurityPolicy(extra: CspSources = {}): string {
  const list = (name: keyof CspSources): string[] =>
    (extra[name] ?? []).map((origin) => checkOrigin(origin, name));
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

function checkOrigin(origin: string, directive: keyof CspSources): string {
  let url: URL | undefined;
  try {
    url = new URL(origin);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.protocol !== "https:" || url.origin !== origin) {
    throw new TypeError(
      `pages.csp.${directive}: ${JSON.stringify(origin)} must be an https origin such as "https://challenges.cloudflare.com"`,
    );
  }
  return origin;
}

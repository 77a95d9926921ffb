/**
 * With pages on, `resetUrl` must name the hosted reset page: the pages scope their cookies by its
 * path, and the mailed link must open them.
 */
import { PasswordResetConfigError } from "../config-error.js";
import { normalizePath } from "../settings/paths.js";
import type { PagesCore } from "./core.js";

/**
 * The public address of the hosted reset page. Throws when `resetUrl` is not a URL string, when
 * its path ends with `/` (the page's relative redirects and its cookies' paths would miss the
 * pages), and when it is `http:` under `NODE_ENV=production` (the pages' cookies would lose
 * `Secure` and the `__Host-` prefix; the core allows a loopback `http:` address in production, the
 * pages do not). Warns once, at construction, when its path does not end with `paths.reset`,
 * because the mailed link would then open some other page than the hosted one.
 */
export function hostedResetUrl(core: PagesCore): string {
  const { resetUrl, paths } = core;
  if (resetUrl === undefined) {
    throw new PasswordResetConfigError(
      "resetUrl",
      "must be a URL string when `pages` is on: the public address of the hosted reset page, " +
        `e.g. "https://app.example.com/auth/password${paths.reset}" (origin + mount path + paths.reset).`,
    );
  }
  const url = new URL(resetUrl);
  if (url.pathname.length > 1 && url.pathname.endsWith("/")) {
    // The page redirects to itself by a relative address ("reset"), which from `…/reset/` is
    // `…/reset/reset`; and its cookies would be scoped to a path the forgot page is not on.
    const path = url.pathname.replace(/\/+$/, "");
    const fixed = new URL(path.endsWith(paths.reset) ? path : `${path}${paths.reset}`, url);
    fixed.search = url.search;
    throw new PasswordResetConfigError(
      "resetUrl",
      `(${resetUrl}) ends with "/": with \`pages\` on it must be the hosted reset page's own address, ` +
        `without a trailing slash: ${JSON.stringify(fixed.href)}.`,
    );
  }
  if (url.protocol === "http:" && process.env.NODE_ENV === "production") {
    throw new PasswordResetConfigError(
      "resetUrl",
      `(${resetUrl}) is http: while NODE_ENV=production and \`pages\` is on: the pages' cookies, which ` +
        "carry the link's token and the CSRF value, would go without Secure and without the __Host- prefix. " +
        "Set resetUrl to the https:// address users reach (https even when a proxy in front terminates TLS), " +
        "or run this local trial without NODE_ENV=production.",
    );
  }
  const pagePath = normalizePath(url.pathname);
  if (!pagePath.endsWith(paths.reset)) {
    core.logger.warn(
      `express-password-reset: \`pages\` is on but \`resetUrl\` (${resetUrl}) does not end with ` +
        `\`paths.reset\` (${paths.reset}), so the mailed link will not open the hosted reset page. ` +
        `Set resetUrl to the public origin + the router's mount path + ${paths.reset}.`,
    );
  }
  return resetUrl;
}

/**
 * The public address of the hosted report page ("this wasn't me"): `resetUrl` with `paths.reset`
 * replaced by `paths.report`. `undefined` when `resetUrl` does not end with `paths.reset` (warned
 * about above): the report links then go to `delivery.reportUrl`, if any.
 */
export function hostedReportUrl(
  resetUrl: string,
  paths: { readonly reset: string; readonly report: string },
): string | undefined {
  const url = new URL(resetUrl);
  if (!url.pathname.toLowerCase().endsWith(paths.reset)) return undefined;
  url.pathname = url.pathname.slice(0, url.pathname.length - paths.reset.length) + paths.report;
  url.search = "";
  url.hash = "";
  return url.href;
}

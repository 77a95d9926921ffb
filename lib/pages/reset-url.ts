/**
 * With pages on, `resetUrl` must name the hosted reset page: the pages scope their cookies by its
 * path, and the mailed link must open them.
 */
import { PasswordResetConfigError } from "../config-error.js";
import { normalizePath } from "../settings/paths.js";
import type { PagesCore } from "./core.js";

/**
 * The public address of the hosted reset page. Throws when `resetUrl` is not a URL string; warns
 * once, at construction, when its path does not end with `paths.reset`, because the mailed link
 * would then open some other page than the hosted one.
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
  const pagePath = normalizePath(new URL(resetUrl).pathname);
  if (!pagePath.endsWith(paths.reset)) {
    core.logger.warn(
      `express-password-reset: \`pages\` is on but \`resetUrl\` (${resetUrl}) does not end with ` +
        `\`paths.reset\` (${paths.reset}), so the mailed link will not open the hosted reset page. ` +
        `Set resetUrl to the public origin + the router's mount path + ${paths.reset}.`,
    );
  }
  return resetUrl;
}

/**
 * `pages`: resolved once into the data the router serves (`resolvePages`), and checked against
 * `resetUrl`, which must name the hosted reset page: the pages scope their cookies by its path and
 * the mailed link must open them.
 */
import { PasswordResetConfigError } from "../errors.js";
import { resolvePages, type ResolvedPages } from "../pages/options.js";
import type { Logger } from "../types.js";
import { normalizePath } from "./paths.js";
import type { ResetUrlSetting, RoutePaths } from "./settings.js";

/** The hosted pages, on: their resolved data and the reset page's public address. */
export interface PagesSettings extends ResolvedPages {
  /** `resetUrl`, the public address of the hosted reset page. */
  readonly resetUrl: string;
}

/**
 * Resolves `pages` (`undefined` when off). Throws when pages are on without a string `resetUrl`;
 * warns once, at construction, when `resetUrl`'s path does not end with `paths.reset`, because
 * the mailed link would then open some other page than the hosted one.
 */
export function resolvePagesSetting(
  value: unknown,
  resetUrl: ResetUrlSetting,
  paths: RoutePaths,
  logger: Logger,
): PagesSettings | undefined {
  if (value !== undefined && typeof value !== "boolean" && (typeof value !== "object" || value === null)) {
    throw new PasswordResetConfigError("pages", "must be true, false or an object of page options.");
  }
  let pages: ResolvedPages | undefined;
  try {
    pages = resolvePages(value as Parameters<typeof resolvePages>[0]);
  } catch (error) {
    if (error instanceof TypeError) throw new PasswordResetConfigError("pages", error.message);
    throw error;
  }
  if (pages === undefined) return undefined;
  if (resetUrl.kind !== "url") {
    throw new PasswordResetConfigError(
      "resetUrl",
      "must be a URL string when `pages` is on: the public address of the hosted reset page, " +
        `e.g. "https://app.example.com/auth/password${paths.reset}" (origin + mount path + paths.reset).`,
    );
  }
  const pagePath = normalizePath(new URL(resetUrl.base).pathname);
  if (!pagePath.endsWith(paths.reset)) {
    logger.warn(
      `express-password-reset: \`pages\` is on but \`resetUrl\` (${resetUrl.base}) does not end with ` +
        `\`paths.reset\` (${paths.reset}), so the mailed link will not open the hosted reset page. ` +
        `Set resetUrl to the public origin + the router's mount path + ${paths.reset}.`,
    );
  }
  return { ...pages, resetUrl: resetUrl.base };
}

/**
 * `pages: true | PagesOptions`, checked and resolved once at construction into values the router
 * serves: catalogs, stylesheet, logo, headers, and the app's renderer and challenge in their 1.0
 * shape. Every check throws a {@link PasswordResetConfigError} naming the `pages.…` option.
 */
import { PasswordResetConfigError } from "../config-error.js";
import { isObject, rejectUnknownKeys } from "../settings/checks.js";
import { ASSET_PATHS, type PageAsset } from "./assets.js";
import { contentSecurityPolicy, pageHeaders, type CspSources } from "./headers.js";
import {
  resolveChallenge,
  resolveRenderer,
  type DeprecatedSpelling,
  type ResolvedChallenge,
} from "./hooks.js";
import { createLogo, type LogoSource } from "./logo.js";
import { resolveLocales, type Messages, type PageLocales, type TextDirection } from "./messages/index.js";
import type { ChallengeOptions, PageRenderer, RenderPageFunction } from "./render/types.js";
import { createStylesheet } from "./style.js";

/** The hosted pages' options. Every one is optional; `pages: true` takes all the defaults. */
export interface PagesOptions {
  /** Strings per locale over the shipped `en es fr de pt`; a new tag adds a locale. Default: none. */
  messages?: Readonly<Record<string, Partial<Messages>>>;
  /** Locale when `Accept-Language` matches none. Default: `"en"`. */
  defaultLocale?: string;
  /** Writing direction of added locales (known RTL languages are detected). Default: detected. */
  directions?: Readonly<Record<string, TextDirection>>;
  /** The app's logo, served by the router at `pages-assets/logo`. Default: none (the name alone). */
  logo?: LogoSource;
  /** Brand colour of buttons and links, `#rgb` or `#rrggbb`. Default: `"#2454c5"`. */
  brandColor?: string;
  /**
   * "Sign in" link on the success page and beside the forms. Default: none (the success page then
   * links to the app's home page, `/` of the origin `resetUrl` names, unless a redirect is offered).
   */
  signInUrl?: string;
  /** Replaces the markup of every page: `({ page, context, helpers }) => html`. Default: the package's pages. */
  renderPage?: RenderPageFunction;
  /**
   * @deprecated Use `renderPage({ page, context, helpers })`. The 0.2 spelling keeps working
   * through 1.x, with a warning at construction.
   */
  render?: PageRenderer;
  /** A challenge (CAPTCHA, proof of work) on the forgot form; its origins also go in `csp`. Default: none. */
  challenge?: ChallengeOptions;
  /** Extra CSP origins, for the challenge widget. Default: none. */
  csp?: CspSources;
}

const KNOWN = {
  messages: true,
  defaultLocale: true,
  directions: true,
  logo: true,
  brandColor: true,
  signInUrl: true,
  renderPage: true,
  render: true,
  challenge: true,
  csp: true,
} satisfies Record<keyof PagesOptions, true>;

const CSP_KEYS = [
  "script",
  "frame",
  "connect",
  "style",
  "img",
] as const satisfies readonly (keyof CspSources)[];

/** The pages as the router serves them, derived once from {@link PagesOptions}. */
export interface ResolvedPages {
  readonly locales: PageLocales;
  readonly stylesheet: PageAsset;
  readonly logo?: PageAsset;
  /** Headers of every HTML answer (CSP included). */
  readonly headers: Readonly<Record<string, string>>;
  readonly signInUrl?: string;
  /** The app's renderer, in its 1.0 shape whichever spelling was given. */
  readonly renderPage?: RenderPageFunction;
  readonly challenge?: ResolvedChallenge;
  /** Router-relative paths of the assets, for routing. */
  readonly assetPaths: typeof ASSET_PATHS;
  /** The 0.2 spellings the app used: the router warns once for each. */
  readonly deprecated: readonly DeprecatedSpelling[];
}

/**
 * Checks and resolves `pages`: `undefined`/`false` give `undefined` (pages off). Throws a
 * {@link PasswordResetConfigError} naming the option (with the closest name for a misspelt key)
 * for an unknown key, an unsafe colour, a bad logo, CSP source, locale or function option. The
 * caller's object is not mutated.
 */
export function resolvePages(options: boolean | PagesOptions | undefined): ResolvedPages | undefined {
  if (options === undefined || options === false) return undefined;
  if (options !== true && !isObject(options)) {
    throw new PasswordResetConfigError("pages", "must be true, false or an object of page options.");
  }
  const given: PagesOptions = options === true ? {} : options;
  rejectUnknownKeys("pages.", given, Object.keys(KNOWN));
  if (given.signInUrl !== undefined && !/^(https?:\/\/[^\s]+|\/(?![/\\])[^\s]*)$/.test(given.signInUrl)) {
    throw new PasswordResetConfigError(
      "pages.signInUrl",
      'must be an absolute http(s) URL or a path such as "/login".',
    );
  }
  const renderer = resolveRenderer(given);
  const challenge = resolveChallenge(given.challenge);
  const csp = given.csp ?? {};
  if (!isObject(csp)) throw new PasswordResetConfigError("pages.csp", "must be an object of origin lists.");
  rejectUnknownKeys("pages.csp.", csp, CSP_KEYS);
  contentSecurityPolicy(csp); // Throws on an unsafe source before anything is served.
  return {
    locales: resolveLocales({
      ...(given.messages !== undefined ? { messages: given.messages } : {}),
      ...(given.defaultLocale !== undefined ? { defaultLocale: given.defaultLocale } : {}),
      ...(given.directions !== undefined ? { directions: given.directions } : {}),
    }),
    stylesheet: createStylesheet(given.brandColor),
    ...(given.logo !== undefined ? { logo: createLogo(given.logo) } : {}),
    headers: pageHeaders(csp),
    ...(given.signInUrl !== undefined ? { signInUrl: given.signInUrl } : {}),
    ...(renderer.value !== undefined ? { renderPage: renderer.value } : {}),
    ...(challenge.value !== undefined ? { challenge: challenge.value } : {}),
    assetPaths: ASSET_PATHS,
    deprecated: [renderer.deprecated, challenge.deprecated].filter((spelling) => spelling !== undefined),
  };
}

/**
 * `pages: true | PagesOptions`, resolved once at construction into values the router serves:
 * catalogs, stylesheet, logo, headers.
 */
import { ASSET_PATHS, type PageAsset } from "./assets.js";
import { contentSecurityPolicy, pageHeaders, type CspSources } from "./headers.js";
import { createLogo, type LogoSource } from "./logo.js";
import { resolveLocales, type Messages, type PageLocales, type TextDirection } from "./messages/index.js";
import type { ChallengeOptions, PageRenderer } from "./render/types.js";
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
  /** "Sign in" link on the success page and beside the forms. Default: none. */
  signInUrl?: string;
  /** Replaces the markup of every page. Default: the package's pages. */
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
  render: true,
  challenge: true,
  csp: true,
} satisfies Record<keyof PagesOptions, true>;

/** The pages as the router serves them, derived once from {@link PagesOptions}. */
export interface ResolvedPages {
  readonly locales: PageLocales;
  readonly stylesheet: PageAsset;
  readonly logo?: PageAsset;
  /** Headers of every HTML answer (CSP included). */
  readonly headers: Readonly<Record<string, string>>;
  readonly signInUrl?: string;
  readonly render?: PageRenderer;
  readonly challenge?: ChallengeOptions;
  /** Router-relative paths of the assets, for routing. */
  readonly assetPaths: typeof ASSET_PATHS;
}

/**
 * Checks and resolves `pages`. Throws a `TypeError` naming the option for an unknown key, an
 * unsafe colour, a bad logo, CSP source or locale; `undefined`/`false` give `undefined`
 * (pages off). The caller's object is not mutated.
 */
export function resolvePages(options: boolean | PagesOptions | undefined): ResolvedPages | undefined {
  if (options === undefined || options === false) return undefined;
  const given: PagesOptions = options === true ? {} : options;
  if (typeof given !== "object" || given === null)
    throw new TypeError("pages must be true or an object of options");
  for (const key of Object.keys(given)) {
    if (!(key in KNOWN))
      throw new TypeError(`pages.${key} is not an option; the options are ${Object.keys(KNOWN).join(", ")}`);
  }
  if (given.render !== undefined && typeof given.render !== "function") {
    throw new TypeError("pages.render must be a function (page, context, helpers) => string");
  }
  if (given.signInUrl !== undefined && !/^(https?:\/\/[^\s]+|\/(?![/\\])[^\s]*)$/.test(given.signInUrl)) {
    throw new TypeError("pages.signInUrl must be an absolute http(s) URL or a path such as /login");
  }
  if (given.challenge !== undefined && typeof given.challenge.verify !== "function") {
    throw new TypeError(
      "pages.challenge.verify must be a function (form, request) => boolean | Promise<boolean>",
    );
  }
  const csp = given.csp ?? {};
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
    ...(given.render !== undefined ? { render: given.render } : {}),
    ...(given.challenge !== undefined ? { challenge: given.challenge } : {}),
    assetPaths: ASSET_PATHS,
  };
}

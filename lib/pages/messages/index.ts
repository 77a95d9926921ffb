/**
 * The page catalogs: the shipped locales, the app's overrides merged over them once at
 * construction, and {@link t} to read a string with its `{placeholders}` filled.
 */
import { PasswordResetConfigError } from "../../config-error.js";
import { suggest } from "../../settings/checks.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { pt } from "./pt.js";
import type { LocaleCatalog, MessageKey, Messages, TextDirection } from "./types.js";

export type { LocaleCatalog, MessageKey, Messages, TextDirection } from "./types.js";

/** The locales the package ships, by tag. English is the fallback for every missing string. */
export const SHIPPED_LOCALES: Readonly<Record<string, LocaleCatalog>> = { en, es, fr, de, pt };

// Languages written right to left, for app-added locales that do not say their direction.
const RTL_LANGUAGES = new Set([
  "ar",
  "arc",
  "ckb",
  "dv",
  "fa",
  "he",
  "ks",
  "ku",
  "ps",
  "sd",
  "ug",
  "ur",
  "yi",
]);

/** The catalogs the pages choose from, resolved once from the app's options. */
export interface PageLocales {
  /** Tags in preference order for ties: the default first, then the others. */
  readonly tags: readonly string[];
  /** The catalog of each tag, every string filled (English where the app left one out). */
  readonly byTag: ReadonlyMap<string, LocaleCatalog>;
  /** The tag used when `Accept-Language` matches none. */
  readonly defaultTag: string;
}

/** What {@link resolveLocales} takes: the `pages` options about language. */
export interface LocaleOptions {
  /** Strings per locale tag, over the shipped ones; a new tag adds a locale. Default: none. */
  messages?: Readonly<Record<string, Partial<Messages>>>;
  /** The locale when the browser asks for none we have. Default: `"en"`. */
  defaultLocale?: string;
  /** Writing direction per tag, for an added locale whose language is not known to be RTL. */
  directions?: Readonly<Record<string, TextDirection>>;
}

const MESSAGE_KEYS = new Set(Object.keys(en.messages));

/**
 * Merges the app's strings over the shipped catalogs. Throws a {@link PasswordResetConfigError}
 * naming the option for an invalid tag, an unknown message key (a typo would otherwise be silently
 * ignored; the closest key is suggested), or a value that is not a string.
 */
export function resolveLocales(options: LocaleOptions = {}): PageLocales {
  const byTag = new Map<string, LocaleCatalog>();
  for (const catalog of Object.values(SHIPPED_LOCALES)) byTag.set(catalog.tag, catalog);

  for (const [rawTag, overrides] of Object.entries(options.messages ?? {})) {
    const tag = canonicalTag(rawTag, `pages.messages["${rawTag}"]`);
    checkOverrides(overrides, tag);
    const base = byTag.get(tag) ?? {
      tag,
      dir: options.directions?.[tag] ?? directionOf(tag),
      messages: en.messages,
    };
    byTag.set(tag, { ...base, messages: { ...base.messages, ...overrides } });
  }
  for (const [rawTag, dir] of Object.entries(options.directions ?? {})) {
    const tag = canonicalTag(rawTag, `pages.directions["${rawTag}"]`);
    const catalog = byTag.get(tag);
    if (dir !== "ltr" && dir !== "rtl") {
      throw new PasswordResetConfigError(`pages.directions["${rawTag}"]`, 'must be "ltr" or "rtl".');
    }
    if (catalog) byTag.set(tag, { ...catalog, dir });
  }

  const defaultTag = canonicalTag(options.defaultLocale ?? "en", "pages.defaultLocale");
  if (!byTag.has(defaultTag)) {
    throw new PasswordResetConfigError(
      "pages.defaultLocale",
      `is "${defaultTag}", which has no strings: use one of ${[...byTag.keys()].join(", ")}, or add it to \`pages.messages\`.`,
    );
  }
  return { tags: [defaultTag, ...[...byTag.keys()].filter((tag) => tag !== defaultTag)], byTag, defaultTag };
}

/**
 * The string `key` of `messages`, with each `{name}` replaced by `params[name]`. Unknown
 * placeholders stay as written, so a translation that names one the caller does not pass shows
 * it rather than failing. The result is plain text: escape it where it goes into HTML.
 */
export function t(
  messages: Messages,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

function canonicalTag(tag: string, option: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical !== undefined) return canonical;
  } catch {
    // Reported below with the option's name.
  }
  throw new PasswordResetConfigError(
    option,
    `names "${tag}", which is not a BCP 47 language tag: use one such as "it" or "pt-BR".`,
  );
}

function checkOverrides(overrides: unknown, tag: string): void {
  if (typeof overrides !== "object" || overrides === null) {
    throw new PasswordResetConfigError(`pages.messages["${tag}"]`, "must be an object of strings.");
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (!MESSAGE_KEYS.has(key)) {
      throw new PasswordResetConfigError(
        `pages.messages["${tag}"].${key}`,
        `is not a page string; the keys are those of the English catalog.${suggest(key, [...MESSAGE_KEYS])}`,
      );
    }
    if (typeof value !== "string") {
      throw new PasswordResetConfigError(`pages.messages["${tag}"].${key}`, "must be a string.");
    }
  }
}

function directionOf(tag: string): TextDirection {
  const language = tag.split("-")[0]?.toLowerCase() ?? "";
  return RTL_LANGUAGES.has(language) || /-(Arab|Hebr|Thaa|Syrc|Nkoo|Adlm|Rohg)\b/.test(tag) ? "rtl" : "ltr";
}

/**
 * The mail catalogs: the shipped locales, the app's overrides merged over them once at
 * construction, the catalog a message's `locale` asks for, and {@link fill} to read a string with
 * its `{placeholders}` filled. The same shape and rules as the pages' catalogs.
 */
import { canonicalLocale, closestLanguage } from "../../locale.js";
import { suggest } from "../../settings/checks.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { pt } from "./pt.js";
import type { MailCatalog, MailMessageKey, MailMessages } from "./types.js";

export type { MailCatalog, MailMessageKey, MailMessages } from "./types.js";

/** The mail locales the package ships. English fills every string an added locale leaves out. */
export const SHIPPED_MAIL_LOCALES: readonly MailCatalog[] = [en, es, fr, de, pt];

// Languages written right to left, for app-added locales.
const RTL_LANGUAGES = new Set(["ar", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"]);

const KEYS = Object.keys(en.messages);

/** The catalogs a mailer chooses from. */
export interface MailLocales {
  /** Every tag, the default first. */
  readonly tags: readonly string[];
  /** The catalog of each tag, every string filled. */
  readonly byTag: ReadonlyMap<string, MailCatalog>;
  /** The catalog of a message without a `locale`, or with one no catalog is close to. */
  readonly fallback: MailCatalog;
}

/** Throws the mailer's own option error (a `TypeError` naming the option). */
export type OptionFailure = (message: string) => never;

/**
 * Merges `overrides` (the `messages` option) over the shipped catalogs; `defaultTag` (the `lang`
 * option) chooses the fallback: its closest catalog, or English. An unknown key, a value that is
 * not a string or a tag that is no BCP 47 tag fails through `fail`.
 */
export function resolveMailLocales(overrides: unknown, defaultTag: string, fail: OptionFailure): MailLocales {
  const byTag = new Map<string, MailCatalog>(SHIPPED_MAIL_LOCALES.map((catalog) => [catalog.tag, catalog]));
  if (overrides !== undefined && (typeof overrides !== "object" || overrides === null)) {
    fail('`messages` must be an object of strings per language tag: { de: { linkButton: "…" } }.');
  }
  for (const [rawTag, strings] of Object.entries((overrides ?? {}) as Record<string, unknown>)) {
    const tag = canonicalLocale(rawTag);
    if (tag === undefined) fail(`\`messages["${rawTag}"]\` is not under a BCP 47 language tag such as "it".`);
    const base = byTag.get(tag) ?? { tag, dir: directionOf(tag), messages: en.messages };
    byTag.set(tag, { ...base, messages: { ...base.messages, ...checkStrings(strings, tag, fail) } });
  }
  const tags = [...byTag.keys()];
  const fallback = byTag.get(closestLanguage(defaultTag, tags) ?? "en") as MailCatalog;
  return { tags: [fallback.tag, ...tags.filter((tag) => tag !== fallback.tag)], byTag, fallback };
}

/** The catalog for a message's `locale`: the same tag, else its language, else the fallback. */
export function catalogFor(locales: MailLocales, locale: string | undefined): MailCatalog {
  const tag = closestLanguage(locale, locales.tags);
  return (tag !== undefined && locales.byTag.get(tag)) || locales.fallback;
}

/** The string `key` of `messages`, each `{name}` replaced by `params[name]`; plain text. */
export function fill(
  messages: MailMessages,
  key: MailMessageKey,
  params: Readonly<Record<string, string>> = {},
): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? (params[name] as string) : whole,
  );
}

function checkStrings(strings: unknown, tag: string, fail: OptionFailure): Partial<MailMessages> {
  if (typeof strings !== "object" || strings === null)
    fail(`\`messages["${tag}"]\` must be an object of strings.`);
  for (const [key, value] of Object.entries(strings)) {
    if (!KEYS.includes(key)) {
      fail(
        `\`messages["${tag}"].${key}\` is not a mail string; the keys are those of the English catalog.${suggest(key, KEYS)}`,
      );
    }
    if (typeof value !== "string") fail(`\`messages["${tag}"].${key}\` must be a string.`);
  }
  return strings as Partial<MailMessages>;
}

function directionOf(tag: string): "ltr" | "rtl" {
  return RTL_LANGUAGES.has(tag.split("-")[0]?.toLowerCase() ?? "") ? "rtl" : "ltr";
}

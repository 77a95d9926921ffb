/**
 * The reader's language, one copy for the pages, the mail and the JSON API: BCP 47 tags made
 * canonical, and `Accept-Language` matched against the languages a consumer speaks with
 * `negotiator` (the negotiator Express itself uses through `accepts`).
 */
import Negotiator from "negotiator";

/** The languages the package ships strings for (pages, mail, API messages); English first. */
export const SHIPPED_LANGUAGES = ["en", "es", "fr", "de", "pt"] as const;

// A header of kilobytes is no browser's: it is cut rather than parsed.
const MAX_HEADER_LENGTH = 1024;

/** `tag` in its canonical form (`"pt-br"` → `"pt-BR"`), or `undefined` when it is no BCP 47 tag. */
export function canonicalLocale(tag: unknown): string | undefined {
  if (typeof tag !== "string" || tag.trim() === "" || tag.length > 64) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

/**
 * The tag of `available` that `acceptLanguage` prefers: quality values are honoured, `pt-BR` in the
 * header matches `pt` and `pt` matches `pt-BR`. `undefined` for no header, an empty or malformed
 * one, or one that names none of `available`.
 */
export function negotiateLanguage(
  acceptLanguage: string | undefined,
  available: readonly string[],
): string | undefined {
  if (acceptLanguage === undefined || acceptLanguage.trim() === "") return undefined;
  const header = acceptLanguage.slice(0, MAX_HEADER_LENGTH);
  const [best] = new Negotiator({ headers: { "accept-language": header } }).languages([...available]);
  return best;
}

/**
 * The tag of `available` closest to `locale`: the same tag (any case), else the same language
 * (`de-CH` → `de`, `pt` → `pt-BR`), else `undefined`.
 */
export function closestLanguage(
  locale: string | undefined,
  available: readonly string[],
): string | undefined {
  const wanted = canonicalLocale(locale);
  if (wanted === undefined) return undefined;
  const lower = wanted.toLowerCase();
  const exact = available.find((tag) => tag.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const language = lower.split("-")[0];
  return available.find((tag) => tag.toLowerCase().split("-")[0] === language);
}

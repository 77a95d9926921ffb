/**
 * Chooses the page language from `Accept-Language` with `negotiator` (the negotiator Express
 * itself uses through `accepts`), among the shipped and app-added locales.
 */
import Negotiator from "negotiator";
import type { LocaleCatalog, PageLocales } from "./messages/index.js";

/**
 * The catalog the browser prefers. `pt-BR` in the header matches a `pt` catalog and `pt` matches
 * `pt-BR`; quality values are honoured; no match, an empty or a malformed header gives the
 * default locale.
 */
export function negotiateLocale(acceptLanguage: string | undefined, locales: PageLocales): LocaleCatalog {
  const fallback = locales.byTag.get(locales.defaultTag) as LocaleCatalog;
  if (acceptLanguage === undefined || acceptLanguage.trim() === "") return fallback;
  // A header of kilobytes is no browser's: cut it rather than parse it.
  const header = acceptLanguage.slice(0, 1024);
  const [best] = new Negotiator({ headers: { "accept-language": header } }).languages([...locales.tags]);
  return (best !== undefined && locales.byTag.get(best)) || fallback;
}

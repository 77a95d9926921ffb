/**
 * Chooses the page language from `Accept-Language` among the shipped and app-added locales, with
 * the negotiation the mail and the JSON API share (`locale.ts`).
 */
import { negotiateLanguage } from "../locale.js";
import type { LocaleCatalog, PageLocales } from "./messages/index.js";

/**
 * The catalog the browser prefers. `pt-BR` in the header matches a `pt` catalog and `pt` matches
 * `pt-BR`; quality values are honoured; no match, an empty or a malformed header gives the
 * default locale.
 */
export function negotiateLocale(acceptLanguage: string | undefined, locales: PageLocales): LocaleCatalog {
  const fallback = locales.byTag.get(locales.defaultTag) as LocaleCatalog;
  const best = negotiateLanguage(acceptLanguage, locales.tags);
  return (best !== undefined && locales.byTag.get(best)) || fallback;
}

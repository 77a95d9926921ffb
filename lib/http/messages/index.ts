/**
 * The JSON API's messages in the reader's language, with `http.translateMessages`: the English
 * message of an error (the error table's, the password policy's, the field checks a user can
 * cause) is looked up among the templates each catalog translates, its `{placeholders}` (a field's
 * name as sent, a length) carried over. A message no catalog knows — a malformed request, which is
 * a client's bug rather than the user's — stays English. Without the option nothing changes, so
 * 0.2's texts stay what clients match on.
 */
import { negotiateLanguage, SHIPPED_LANGUAGES } from "../../locale.js";
import type { OutcomeError } from "../../types.js";
import { de } from "./de.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { pt } from "./pt.js";
import type { ApiCatalog } from "./types.js";

const CATALOGS: Readonly<Record<string, ApiCatalog>> = { de, es, fr, pt };

interface Template {
  pattern: RegExp;
  names: string[];
  english: string;
}

// Built once: every catalog translates the same English templates (de's keys are the list).
const TEMPLATES: readonly Template[] = Object.keys(de).map((english) => {
  const names: string[] = [];
  const source = english
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "(.+?)";
    })
    .join("");
  return { pattern: new RegExp(`^${source}$`, "s"), names, english };
});

/** `message` in `catalog`, or as it is when no template matches. */
function translate(message: string, catalog: ApiCatalog): string {
  for (const { pattern, names, english } of TEMPLATES) {
    const match = pattern.exec(message);
    const translated = catalog[english];
    if (!match || translated === undefined) continue;
    return translated.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const at = names.indexOf(name);
      return at === -1 ? whole : (match[at + 1] ?? whole);
    });
  }
  return message;
}

/**
 * The language of `acceptLanguage` among the shipped five, when it is one the API translates
 * into (English needs no translating): `undefined` otherwise.
 */
export function apiLanguage(acceptLanguage: string | undefined): string | undefined {
  const language = negotiateLanguage(acceptLanguage, SHIPPED_LANGUAGES);
  return language !== undefined && language in CATALOGS ? language : undefined;
}

/** `error` with its message and the message of each detail in `language`. */
export function translateError(error: OutcomeError, language: string): OutcomeError {
  const catalog = CATALOGS[language];
  if (catalog === undefined) return error;
  return {
    ...error,
    message: translate(error.message, catalog),
    ...(error.details
      ? {
          details: error.details.map((detail) => ({
            ...detail,
            message: translate(detail.message, catalog),
          })),
        }
      : {}),
  };
}

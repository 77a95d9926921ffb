/** A page context for the render tests: English, mounted at the usual paths. */
import { resolveLocales, type LocaleCatalog } from "../../lib/pages/messages/index.js";
import type { PageContext } from "../../lib/pages/render/types.js";

const locales = resolveLocales();

/** A context for `pagePath`, with `overrides` applied. */
export function pageContext(overrides: Partial<PageContext> = {}): PageContext {
  return {
    locale: locales.byTag.get("en") as LocaleCatalog,
    appName: "Acme",
    pagePath: "/reset",
    paths: { forgot: "/forgot", reset: "/reset", report: "/report" },
    stylesheet: "/pages-assets/style.css?v=abc",
    csrfToken: "tok",
    ...overrides,
  };
}

/** The document around every page: `<html lang dir>`, title, stylesheet, the app's name and logo. */
import { html, SafeHtml } from "../../html.js";
import { t } from "../messages/index.js";
import type { PageContext } from "./types.js";
import { relativeHref } from "./href.js";

/** Wraps `body` in the page document. `hasErrors` prefixes the title, as screen readers read it first. */
export function layout(context: PageContext, heading: string, body: SafeHtml, hasErrors = false): string {
  const { messages } = context.locale;
  const title = t(messages, "titleFormat", { page: heading, appName: context.appName });
  const stylesheet = relativeHref(context.pagePath, context.stylesheet);
  const logo = context.logo === undefined ? undefined : relativeHref(context.pagePath, context.logo);
  return html`<!doctype html>
    <html lang="${context.locale.tag}" dir="${context.locale.dir}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${hasErrors ? `${messages.errorPrefix} ` : ""}${title}</title>
        <link rel="stylesheet" href="${stylesheet}" />
      </head>
      <body>
        <div class="page">
          <header class="brand">
            ${logo !== undefined && html`<img src="${logo}" alt="" />`}<span>${context.appName}</span>
          </header>
          <main class="card">${body}</main>
        </div>
      </body>
    </html> `.toString();
}

/** Re-exported so each page file imports its HTML tools from one place. */
export { html, SafeHtml };

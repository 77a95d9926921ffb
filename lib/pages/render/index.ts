/** One entry point for every page: the package's markup, or the app's `pages.renderPage`. */
import { escapeHtml } from "../../html.js";
import { t } from "../messages/index.js";
import { relativeHref } from "./href.js";
import { renderCode, renderForgot, renderInvalid, renderReset, renderSent, renderSuccess } from "./pages.js";
import { renderReport, renderReported } from "./report.js";
import type { Page, PageContext, RenderHelpers, RenderPageFunction } from "./types.js";

export type * from "./types.js";
export { relativeHref } from "./href.js";

/** The package's own HTML of `page`. */
export function renderDefault(page: Page, context: PageContext): string {
  switch (page.name) {
    case "forgot":
      return renderForgot(page, context);
    case "sent":
      return renderSent(page, context);
    case "reset":
      return renderReset(page, context);
    case "code":
      return renderCode(page, context);
    case "success":
      return renderSuccess(page, context);
    case "invalid":
      return renderInvalid(page, context);
    case "report":
      return renderReport(page, context);
    case "reported":
      return renderReported(page, context);
  }
}

/**
 * The HTML of `page`: the app's `renderPage` when given (with the helpers it needs to stay safe
 * and translated), else the package's. A `renderPage` that throws or returns no string is the
 * caller's to report as `INTERNAL_ERROR`, like any hook.
 */
export function renderPage(page: Page, context: PageContext, custom?: RenderPageFunction): string {
  if (custom === undefined) return renderDefault(page, context);
  const messages = context.locale.messages;
  const formPath =
    page.name === "forgot"
      ? context.paths.forgot
      : page.name === "report"
        ? context.paths.report
        : context.paths.reset;
  const helpers: RenderHelpers = {
    messages,
    t: (key, params) => t(messages, key, params),
    escape: escapeHtml,
    renderDefault: () => renderDefault(page, context),
    hrefs: {
      forgot: relativeHref(context.pagePath, context.paths.forgot),
      reset: relativeHref(context.pagePath, context.paths.reset),
      action: relativeHref(context.pagePath, formPath),
      stylesheet: relativeHref(context.pagePath, context.stylesheet),
      ...(context.logo !== undefined ? { logo: relativeHref(context.pagePath, context.logo) } : {}),
    },
  };
  const out: unknown = custom({ page, context, helpers });
  if (typeof out !== "string") {
    throw new TypeError(
      "`pages.renderPage` (or its 0.2 spelling `pages.render`) must return a string of HTML",
    );
  }
  return out;
}

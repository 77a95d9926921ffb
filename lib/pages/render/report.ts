/**
 * The two pages of "this wasn't me": the confirm button a report link opens (its `GET` changes
 * nothing), and the page after it, which offers a fresh reset.
 */
import { csrfInput, errorSummary } from "./fields.js";
import { html, layout } from "./layout.js";
import { action, pointToForgot, signIn } from "./pages.js";
import type { PageContext, ReportedPage, ReportPage } from "./types.js";

/** The confirm page: what confirming does, and one button. */
export function renderReport(page: ReportPage, context: PageContext): string {
  const m = context.locale.messages;
  const errors = page.errors ?? [];
  const body = html`<h1>${m.reportTitle}</h1>
    <p class="lead">${m.reportIntro}</p>
    <p>${m.reportBody}</p>
    ${errorSummary(m, errors)}
    <form method="post" action="${action(context, context.paths.report)}" novalidate>
      ${csrfInput(context.csrfToken)}
      <input type="hidden" name="token" value="${page.token}" />
      <button class="button" type="submit">${m.reportSubmit}</button>
    </form>
    <ul class="secondary">
      ${signIn(context)}
    </ul>`;
  return layout(context, m.reportTitle, body, errors.length > 0);
}

/** The report was taken: offer a fresh reset at once. */
export function renderReported(_page: ReportedPage, context: PageContext): string {
  const m = context.locale.messages;
  return pointToForgot(context, m.reportedTitle, m.reportedBody, m.reportedReset);
}

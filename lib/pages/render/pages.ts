/**
 * The six pages. Each is a plain HTML form (or message) that works with JavaScript off: forms
 * post to their own page (a relative `action`), every value is escaped by the `html` tag.
 */
import { safeHref } from "../../html.js";
import { t } from "../messages/index.js";
import { csrfInput, errorSummary, field, focusField } from "./fields.js";
import { relativeHref } from "./href.js";
import { identifierInput } from "./identifier.js";
import { html, layout, SafeHtml } from "./layout.js";
import type {
  ChallengeWidget,
  CodePage,
  ForgotPage,
  InvalidPage,
  PageContext,
  PageError,
  PageField,
  ResetPage,
  SentPage,
  SuccessPage,
} from "./types.js";

/**
 * The identifier field of a form; its hint (the number's format) only where the identifier is the
 * whole form, so the code form stays short.
 */
function identifierField(
  context: PageContext,
  input: ReturnType<typeof identifierInput>,
  value: string | undefined,
  errors: readonly PageError[],
  autofocus: boolean,
  withHint: boolean,
): SafeHtml {
  const m = context.locale.messages;
  return field(m, {
    name: "identifier",
    label: m[input.label],
    type: input.type,
    autocomplete: input.autocomplete,
    ...(input.inputmode !== undefined ? { inputmode: input.inputmode } : {}),
    ...(withHint && input.hint !== undefined ? { hint: m[input.hint] } : {}),
    ...(value !== undefined ? { value } : {}),
    errors,
    autofocus,
  });
}

/** The identifier form. */
export function renderForgot(page: ForgotPage, context: PageContext): string {
  const m = context.locale.messages;
  const input = identifierInput(page.identifierTypes);
  const errors = page.errors ?? [];
  const focus = focusField(["identifier"], errors);
  const body = html`<h1>${m.forgotTitle}</h1>
    <p class="lead">${m[input.intro]}</p>
    ${errorSummary(m, errors)}
    <form method="post" action="${action(context, context.paths.forgot)}" novalidate>
      ${csrfInput(context.csrfToken)}
      ${identifierField(context, input, page.values?.identifier, errors, focus === "identifier", true)}
      ${page.challenge !== undefined && challenge(page.challenge)}
      <button class="button" type="submit">${m[input.submit]}</button>
    </form>
    <ul class="secondary">
      ${page.identifierTypes.includes("mobile") && html`<li><a href="${relativeHref(context.pagePath, context.paths.reset)}">${m.haveCode}</a></li>`}
      ${signIn(context)}
    </ul>`;
  return layout(context, m.forgotTitle, body, errors.length > 0);
}

/** "Check your inbox/phone". */
export function renderSent(page: SentPage, context: PageContext): string {
  const m = context.locale.messages;
  const [title, text] =
    page.channel === "email"
      ? [m.sentTitleEmail, m.sentBodyEmail]
      : page.channel === "mobile"
        ? [m.sentTitleMobile, m.sentBodyMobile]
        : [m.sentTitleAny, m.sentBodyAny];
  const body = html`<h1>${title}</h1>
    <p>${text}</p>
    ${page.codeForm && html`<p><a class="button" href="${relativeHref(context.pagePath, context.paths.reset)}">${m.sentEnterCode}</a></p>`}
    <p class="lead">${m.sentNothing}</p>
    <ul class="secondary">
      <li><a href="${relativeHref(context.pagePath, context.paths.forgot)}">${m.sentRequestAgain}</a></li>
      ${signIn(context)}
    </ul>`;
  return layout(context, title, body);
}

/** The new-password form of a link. */
export function renderReset(page: ResetPage, context: PageContext): string {
  const m = context.locale.messages;
  const errors = page.errors ?? [];
  const focus = focusField(["password", "passwordConfirm", "otp"], errors);
  const body = html`<h1>${m.resetTitle}</h1>
    ${page.account !== undefined && html`<p class="account">${t(m, "resetAccount", { account: page.account })}</p>`}
    <p class="lead">${m.resetIntro}</p>
    ${errorSummary(m, errors)}
    <form method="post" action="${action(context, context.paths.reset)}" novalidate>
      ${csrfInput(context.csrfToken)}
      ${page.accountName !== undefined && html`<input type="text" name="username" value="${page.accountName}" autocomplete="username" hidden readonly />`}
      ${passwordFields(context, page.minLength, errors, focus)}
      ${page.secondFactor === true && otpField(context, errors, focus)}
      <button class="button" type="submit">${m.resetSubmit}</button>
    </form>`;
  return layout(context, m.resetTitle, body, errors.length > 0);
}

/** The code form: identifier, code, new password. */
export function renderCode(page: CodePage, context: PageContext): string {
  const m = context.locale.messages;
  const input = identifierInput(page.identifierTypes);
  const errors = page.errors ?? [];
  const focus = focusField(["identifier", "code", "password", "passwordConfirm", "otp"], errors);
  const body = html`<h1>${m.codeTitle}</h1>
    <p class="lead">${m.codeIntro}</p>
    ${errorSummary(m, errors)}
    <form method="post" action="${action(context, context.paths.reset)}" novalidate>
      ${csrfInput(context.csrfToken)}
      ${identifierField(context, input, page.values?.identifier, errors, focus === "identifier", false)}
      ${field(m, {
        name: "code",
        label: m.labelCode,
        hint: m.hintCode,
        type: "text",
        autocomplete: "one-time-code",
        inputmode: "numeric",
        className: "code",
        ...(page.values?.code !== undefined ? { value: page.values.code } : {}),
        errors,
        autofocus: focus === "code",
      })}
      ${passwordFields(context, page.minLength, errors, focus)}
      ${page.secondFactor === true && otpField(context, errors, focus)}
      <button class="button" type="submit">${m.resetSubmit}</button>
    </form>
    <ul class="secondary">
      <li><a href="${relativeHref(context.pagePath, context.paths.forgot)}">${m.sentRequestAgain}</a></li>
    </ul>`;
  return layout(context, m.codeTitle, body, errors.length > 0);
}

/**
 * The password was changed. The page always offers a next step: the app's sign-in page, the
 * redirect the reset was requested with, or else the app's home page (`/` of the origin the page
 * is served from, which `resetUrl` names), so a user is never left at a dead end.
 */
export function renderSuccess(page: SuccessPage, context: PageContext): string {
  const m = context.locale.messages;
  const redirect = page.redirectUrl === undefined ? undefined : safeHref(page.redirectUrl);
  const signInHref = checkedSignIn(context.signInUrl);
  const home = signInHref === undefined && redirect === undefined;
  const body = html`<h1>${m.successTitle}</h1>
    <p>${m.successBody}</p>
    ${signInHref !== undefined && html`<p><a class="button" href="${signInHref}">${m.successSignIn}</a></p>`}
    ${redirect !== undefined && html`<p><a href="${redirect}">${t(m, "successContinue", { host: new URL(redirect).host })}</a></p>`}
    ${home && html`<p><a class="button" href="/">${t(m, "successHome", { appName: context.appName })}</a></p>`}`;
  return layout(context, m.successTitle, body);
}

/** The link is unknown, used or expired: offer a new one. */
export function renderInvalid(page: InvalidPage, context: PageContext): string {
  const m = context.locale.messages;
  const text =
    page.reason === "elsewhere"
      ? m.invalidElsewhereBody
      : page.reason === "report"
        ? m.invalidReportBody
        : m.invalidBody;
  return pointToForgot(context, m.invalidTitle, text, m.invalidNewLink);
}

/**
 * A page that says one thing and offers a fresh reset: its title, a paragraph, a button to the
 * forgot page labelled `button`, and the sign-in link. The invalid-link page and the page after a
 * report are this page with their own words.
 */
export function pointToForgot(context: PageContext, title: string, text: string, button: string): string {
  const body = html`<h1>${title}</h1>
    <p>${text}</p>
    <p>
      <a class="button" href="${relativeHref(context.pagePath, context.paths.forgot)}">${button}</a>
    </p>
    <ul class="secondary">
      ${signIn(context)}
    </ul>`;
  return layout(context, title, body);
}

/** The account's second factor: a TOTP code or a recovery code, never written back into the page. */
function otpField(
  context: PageContext,
  errors: NonNullable<ResetPage["errors"]>,
  focus: PageField | undefined,
): SafeHtml {
  const m = context.locale.messages;
  return field(m, {
    name: "otp",
    label: m.labelOtp,
    hint: m.hintOtp,
    type: "text",
    autocomplete: "one-time-code",
    errors,
    autofocus: focus === "otp",
  });
}

function passwordFields(
  context: PageContext,
  minLength: number,
  errors: NonNullable<ResetPage["errors"]>,
  focus: PageField | undefined,
): SafeHtml {
  const m = context.locale.messages;
  return html`${field(m, {
    name: "password",
    label: m.labelNewPassword,
    hint: t(m, "passwordHint", { min: minLength }),
    type: "password",
    autocomplete: "new-password",
    minlength: minLength,
    errors,
    autofocus: focus === "password",
  })}
  ${field(m, {
    name: "passwordConfirm",
    label: m.labelConfirmPassword,
    type: "password",
    autocomplete: "new-password",
    errors,
    autofocus: focus === "passwordConfirm",
  })}`;
}

// The form posts to its own page, written relative to it: `action="reset"` from `/…/reset`.
export function action(context: PageContext, path: string): string {
  return relativeHref(context.pagePath, path);
}

/** The app's sign-in link as a list item, when `pages.signInUrl` is given. */
export function signIn(context: PageContext): SafeHtml | false {
  const href = checkedSignIn(context.signInUrl);
  return href !== undefined && html`<li><a href="${href}">${context.locale.messages.backToSignIn}</a></li>`;
}

/** `pages.signInUrl` when it is an absolute http(s) URL or a same-origin path (`/login`, not `//evil`). */
function checkedSignIn(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (/^\/(?![/\\])/.test(url)) return url;
  return safeHref(url);
}

function challenge(widget: ChallengeWidget): SafeHtml | false {
  const src = safeHref(widget.scriptUrl);
  if (src === undefined || !src.startsWith("https:") || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(widget.tag))
    return false;
  const attributes = Object.entries(widget.attributes ?? {})
    .filter(([name]) => /^[a-z][a-z0-9-]*$/i.test(name) && !/^on/i.test(name))
    .map(([name, value]) => html` ${name}="${value}"`);
  // The tag name is checked above; markup is assembled only from checked names and escaped values.
  return html`<div class="challenge">
      ${new SafeHtml(`<${widget.tag}`)}${attributes}${new SafeHtml(`></${widget.tag}>`)}
    </div>
    <script src="${src}" async defer></script>`;
}

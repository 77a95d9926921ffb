/** What the renderers take: the page to show (its model) and the context every page shares. */
import type { IDENTIFIER_TYPES } from "../../vocabulary.js";
import type { LocaleCatalog, MessageKey, Messages } from "../messages/index.js";

/**
 * An identifier type (`"email" | "mobile" | "username"`), derived from the router's list rather
 * than imported from the public types, which import the pages' options (no import circle).
 */
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** A field of the pages' forms. */
export type PageField = "identifier" | "code" | "password" | "passwordConfirm" | "otp";

/**
 * An error shown on a form: in the summary at the top, and under its field when it has one.
 * Either a message key (translated) or a text the app wrote (its `password.validate` message).
 */
export type PageError =
  | { field?: PageField; key: MessageKey; params?: Readonly<Record<string, string | number>> }
  | { field?: PageField; text: string };

/**
 * A challenge widget (CAPTCHA or proof of work) on the forgot form. Its script's origin must
 * also be in `pages.csp.script` (and `frame` for widgets that use an iframe).
 */
export interface ChallengeWidget {
  /** The widget's script, an absolute https URL. */
  scriptUrl: string;
  /** The element the script fills: `div` or a custom element name (`altcha-widget`). */
  tag: string;
  /** Its attributes, such as `{ class: "cf-turnstile", "data-sitekey": "…" }`. */
  attributes?: Readonly<Record<string, string>>;
}

/** What `pages.challenge.check` receives. */
export interface ChallengeCheckInput {
  /** The posted form, the widget's answer included (e.g. `cf-turnstile-response`). */
  form: Readonly<Record<string, unknown>>;
  /** The client's address (`req.ip`), when Express knows it. */
  ip?: string;
}

/**
 * `pages.challenge`: a widget on the forgot form and the check of its answer. The widget's
 * origins must also be listed in `pages.csp`. Give `check` (or its 0.2 spelling `verify`).
 */
export interface ChallengeOptions {
  /** What to render on the form. */
  widget: ChallengeWidget;
  /**
   * Checks the widget's answer in the posted form with its service. `false` shows the form
   * again with an error and runs no flow; a throw is an internal error, like any hook.
   */
  check?(input: ChallengeCheckInput): boolean | Promise<boolean>;
  /**
   * @deprecated Use `check({ form, ip })`. The 0.2 spelling keeps working through 1.x, with a
   * warning at construction.
   */
  verify?(form: Readonly<Record<string, unknown>>, request: { ip?: string }): boolean | Promise<boolean>;
}

/** The identifier form (`GET forgot`, or after a failed `POST forgot`). */
export interface ForgotPage {
  name: "forgot";
  /** The identifier types the router accepts: they choose the label, input type and wording. */
  identifierTypes: readonly IdentifierType[];
  /** What the user typed, shown again after an error. */
  values?: { identifier?: string };
  errors?: readonly PageError[];
  challenge?: ChallengeWidget;
}

/** "Check your inbox/phone": the same page whether or not an account matched. */
export interface SentPage {
  name: "sent";
  /** `email` for an email address, `mobile` for a number, `any` when unknown (a username). */
  channel: "email" | "mobile" | "any";
  /** True when a code may have been sent: links to the code form. */
  codeForm: boolean;
}

/** The new-password form of a link (its token is in the hand-off cookie, not in the page). */
export interface ResetPage {
  name: "reset";
  /** The policy's minimum length, for the hint. */
  minLength: number;
  /**
   * The account's sign-in name, when the router may show it: written into a hidden
   * `autocomplete="username"` field so password managers file the new password under it.
   */
  accountName?: string;
  /**
   * The account the link resets, masked (`a•••@example.com`, `+•••••••••00`, `a•••e`): the page
   * names it so that a visitor sent to someone else's link sees it is not theirs. Present once the
   * link's token was proven, never for an unproven one.
   */
  account?: string;
  /** The account has a second factor (`accounts.secondFactor`): the form asks for its code too. */
  secondFactor?: boolean;
  errors?: readonly PageError[];
}

/** The code form: identifier, code and new password. */
export interface CodePage {
  name: "code";
  identifierTypes: readonly IdentifierType[];
  minLength: number;
  values?: { identifier?: string; code?: string };
  /** The account has a second factor (a post answered that it needs one): ask for its code too. */
  secondFactor?: boolean;
  errors?: readonly PageError[];
}

/** The password was changed. */
export interface SuccessPage {
  name: "success";
  /** The reset request's `redirect`, already checked against `allowedRedirectOrigins`. */
  redirectUrl?: string;
}

/** The link is unknown, used or expired (one page for all three: they must look alike). */
export interface InvalidPage {
  name: "invalid";
  /**
   * `"elsewhere"`: the page was reached with a link's cookie this browser did not get by opening
   * the link (planted from a sibling site, or the browser lost its other cookie); nothing was
   * checked or spent. `"report"`: a report link ("this wasn't me") that is unknown, used or
   * expired. Absent: a reset link that is unknown, used or expired.
   */
  reason?: "elsewhere" | "report";
}

/**
 * "This wasn't me": the page a password-changed notice's report link opens. Only a confirm
 * button: opening it changes nothing (mail scanners open links); the button's post does.
 */
export interface ReportPage {
  name: "report";
  /** The link's report token, posted back by the form (hidden field `token`). */
  token: string;
  errors?: readonly PageError[];
}

/** The report was taken: the account's links, codes and sessions are revoked; offers a fresh reset. */
export interface ReportedPage {
  name: "reported";
}

/** Every page. */
export type Page =
  ForgotPage | SentPage | ResetPage | CodePage | SuccessPage | InvalidPage | ReportPage | ReportedPage;

/** The name of a page. */
export type PageName = Page["name"];

/** What every page needs besides its model; the router builds it per request. */
export interface PageContext {
  /** The negotiated locale (see `negotiateLocale`). */
  locale: LocaleCatalog;
  /** The app's name, shown at the top and in the title. */
  appName: string;
  /** Router-relative path of the page being answered (`paths.forgot`, `paths.reset` or `paths.report`). */
  pagePath: string;
  /** Router-relative paths of the pages. */
  paths: { forgot: string; reset: string; report: string };
  /** Router-relative href of the stylesheet (`PageAsset.href`). */
  stylesheet: string;
  /** Router-relative href of the logo, when the app gave one. */
  logo?: string;
  /** The CSRF token for the page's form (pages without a form ignore it). */
  csrfToken: string;
  /** `pages.signInUrl`: an absolute http(s) URL or a path beginning with one `/`. */
  signInUrl?: string;
}

/** What an app's `pages.renderPage` receives beside the page and the context: its helpers. */
export interface RenderHelpers {
  /** The locale's strings, the app's overrides included. */
  messages: Messages;
  /** A string with its placeholders filled (plain text: escape it). */
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
  /** HTML-escapes text for an element or a quoted attribute. */
  escape(text: string): string;
  /** The page as the package would render it. */
  renderDefault(): string;
  /** `href`s relative to the page, so the markup works wherever the router is mounted. */
  hrefs: { forgot: string; reset: string; action: string; stylesheet: string; logo?: string };
}

/** What `pages.renderPage` receives. */
export interface RenderPageInput {
  /** The page to show, with its model. */
  page: Page;
  /** What every page shares: locale, app name, paths, CSRF token. */
  context: PageContext;
  /** Translation, escaping, relative hrefs and the package's own markup. */
  helpers: RenderHelpers;
}

/**
 * `pages.renderPage`: replaces the whole page. It must keep the form fields, the hidden CSRF field
 * and `method="post"`, and escape every value it writes.
 */
export type RenderPageFunction = (input: RenderPageInput) => string;

/**
 * `pages.render`, the 0.2 spelling of {@link RenderPageFunction}.
 *
 * @deprecated Use `pages.renderPage({ page, context, helpers })` ({@link RenderPageFunction}).
 */
export type PageRenderer = (page: Page, context: PageContext, helpers: RenderHelpers) => string;

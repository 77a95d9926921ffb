/**
 * The shape of a page catalog: every string the hosted pages show, named by key. `{name}`
 * placeholders are filled by {@link t}; a translation may move or drop them.
 */

/** Writing direction of a locale, for `<html dir>`. */
export type TextDirection = "ltr" | "rtl";

/** Every string of the hosted pages. An app overrides any of them per locale. */
export interface Messages {
  /** `<title>` of every page: `{page}` is the page's heading, `{appName}` the app. */
  titleFormat: string;
  /** Alternative text of the app's logo. */
  /** Heading of the error summary shown above a form that has errors. */
  errorSummaryTitle: string;
  /** Prefix read out before an inline field error (visually hidden). */
  errorPrefix: string;

  forgotTitle: string;
  forgotIntroEmail: string;
  forgotIntroMobile: string;
  forgotIntroUsername: string;
  forgotIntroAny: string;
  forgotSubmitLink: string;
  forgotSubmitCode: string;
  forgotSubmitAny: string;
  haveCode: string;
  backToSignIn: string;

  labelEmail: string;
  labelMobile: string;
  labelUsername: string;
  labelEmailOrMobile: string;
  labelEmailOrUsername: string;
  labelMobileOrUsername: string;
  labelAnyIdentifier: string;
  hintMobile: string;

  sentTitleEmail: string;
  sentBodyEmail: string;
  sentTitleMobile: string;
  sentBodyMobile: string;
  sentTitleAny: string;
  sentBodyAny: string;
  sentNothing: string;
  sentRequestAgain: string;
  sentEnterCode: string;

  resetTitle: string;
  /**
   * The account the link resets, above the form; `{account}` is its masked name (`a•••@example.com`).
   * Tells a visitor sent to someone else's link not to go on.
   */
  resetAccount: string;
  resetIntro: string;
  labelNewPassword: string;
  labelConfirmPassword: string;
  /** Hint under the new password; `{min}` is the shortest length the policy accepts. */
  passwordHint: string;
  resetSubmit: string;

  codeTitle: string;
  codeIntro: string;
  labelCode: string;
  hintCode: string;
  /** The second-factor field (`accounts.secondFactor`): "Authentication code". */
  labelOtp: string;
  /** Its hint: where the code comes from. */
  hintOtp: string;

  successTitle: string;
  successBody: string;
  successSignIn: string;
  /** Link to the redirect the reset was requested with; `{host}` is its host name. */
  successContinue: string;
  /**
   * The success page's link to the app's home page (`/` on the origin of `resetUrl`), shown when
   * there is no `pages.signInUrl` and no redirect to continue to; `{appName}` is the app's name.
   */
  successHome: string;

  invalidTitle: string;
  invalidBody: string;
  /** Body of the invalid page when the link's cookie did not come from opening the link in this browser. */
  invalidElsewhereBody: string;
  invalidNewLink: string;
  /** Body of the invalid page for a report link ("this wasn't me") that is unknown, used or expired. */
  invalidReportBody: string;

  /** The report page's heading: "this wasn't me", about a password change. */
  reportTitle: string;
  /** What the page is for: the user got a notice of a password change they did not make. */
  reportIntro: string;
  /** What confirming does: signs out every reset link and session, tells the app. */
  reportBody: string;
  /** The confirm button. */
  reportSubmit: string;
  /** After the report: heading. */
  reportedTitle: string;
  /** After the report: what happened and what to do next (a fresh reset). */
  reportedBody: string;
  /** After the report: the button to the forgot page. */
  reportedReset: string;

  errorEmailRequired: string;
  errorEmailInvalid: string;
  errorMobileRequired: string;
  errorMobileInvalid: string;
  errorUsernameRequired: string;
  errorIdentifierRequired: string;
  errorIdentifierInvalid: string;
  errorPasswordRequired: string;
  /** `{min}`: the shortest length accepted. */
  errorPasswordTooShort: string;
  /** `{max}`: the longest length accepted. */
  errorPasswordTooLong: string;
  errorPasswordMismatch: string;
  errorPasswordCommon: string;
  errorPasswordBreached: string;
  errorPasswordPersonal: string;
  /** The password policy found the password too easy to guess (`weak`). */
  errorPasswordWeak: string;
  /** The breached-password check could not run and the policy refuses then (`breach_check_failed`). */
  errorPasswordUnchecked: string;
  errorCodeRequired: string;
  errorCodeInvalid: string;
  /** The account has a second factor and the field was left empty. */
  errorOtpRequired: string;
  /** The second-factor answer was wrong. */
  errorOtpInvalid: string;
  errorRateLimited: string;
  /** The challenge widget (CAPTCHA, proof of work) was not passed. */
  errorChallenge: string;
  errorFormExpired: string;
  errorUnavailable: string;
}

/** A key of {@link Messages}. */
export type MessageKey = keyof Messages;

/** A shipped or app-added locale: its strings and its writing direction. */
export interface LocaleCatalog {
  /** BCP 47 tag, as written into `<html lang>`. */
  tag: string;
  /** Writing direction, as written into `<html dir>`. */
  dir: TextDirection;
  /** Every string of the pages in this locale. */
  messages: Messages;
}

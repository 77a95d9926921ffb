/**
 * The shape of a mail catalog: every string the default reset message and password-changed notice
 * show, named by key. `{name}` placeholders are filled by the templates; a translation may move
 * them. A key ending in `NoApp` is the variant used when the mailer has no `appName`.
 */

/** Every string of the default mail. An app overrides any of them per locale (`messages`). */
export interface MailMessages {
  /** Subject of a reset link; `{appName}` is the app. */
  resetLinkSubject: string;
  resetLinkSubjectNoApp: string;
  /** Subject of a reset code. */
  resetCodeSubject: string;
  resetCodeSubjectNoApp: string;
  /** Greeting with the user's display name, `{name}`. */
  greeting: string;
  /** Greeting when the user has no display name. */
  greetingNoName: string;
  /** First sentence of the reset message; `{email}` is the address it goes to. */
  resetIntro: string;
  resetIntroNoApp: string;
  /** Leads to the link in the text part (the HTML shows the button instead). */
  linkLead: string;
  /** The button's label. */
  linkButton: string;
  /** Above the plain link, under the button. */
  linkFallback: string;
  /** `{expiresIn}`: the time left, in words. */
  linkExpiry: string;
  /** Leads to the code. */
  codeLead: string;
  /** `{expiresIn}`: the time left, in words. */
  codeExpiry: string;
  /** Leads to the code of a mail that also has a link (`delivery.email: "link+code"`). */
  codeAlsoLead: string;
  /** The expiry of a link and code mailed together; `{expiresIn}`: the time left, in words. */
  linkAndCodeExpiry: string;
  /** For a reader who did not ask. */
  ignore: string;
  /** The time left when under a minute (`{expiresIn}` of the expiry sentences). */
  lessThanMinute: string;
  /** Subject of the password-changed notice. */
  changedSubject: string;
  changedSubjectNoApp: string;
  /** What happened; `{email}` the address, `{date}` the date and time of the change. */
  changedWhat: string;
  changedWhatNoApp: string;
  /** For a reader who made the change. */
  changedOk: string;
  /** For a reader who did not. */
  changedNotOk: string;
  changedNotOkNoApp: string;
  /** With a report link: for a reader who did not make the change ("this wasn't me"). */
  changedReportLead: string;
  /** The report link's button. */
  changedReportButton: string;
  /** Under the report link: it works once, for 7 days. */
  changedReportExpiry: string;
  /** The last line of the text part and the footer of the HTML; `{appName}` is the app. */
  signOff: string;
  /** The HTML footer's note of whom the message went to; `{email}` the address. */
  sentTo: string;
}

/** A key of {@link MailMessages}. */
export type MailMessageKey = keyof MailMessages;

/** A shipped or app-added mail locale. */
export interface MailCatalog {
  /** BCP 47 tag, as written into `<html lang>`. */
  tag: string;
  /** Writing direction, as written into `<html dir>`. */
  dir: "ltr" | "rtl";
  /** Every string of the mail in this locale. */
  messages: MailMessages;
}

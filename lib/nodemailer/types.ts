/**
 * Public types of `express-password-reset/nodemailer`: the transport shape, the mailer's
 * options and what message templates receive. Nothing here imports nodemailer, so the core
 * package type-checks and runs without it.
 */
import type { ResetUser } from "../types.js";
import type { SafeHtml } from "../html.js";
import type { LogoSource } from "../pages/index.js";
import type { MailMessages } from "./messages/index.js";

/** A mailbox with a display name, in the `{ name, address }` form nodemailer accepts. */
export interface MailAddress {
  /** Display name; must not contain line breaks or control characters. */
  name: string;
  /** The email address. */
  address: string;
}

/** The message the mailer hands to {@link MailTransport.sendMail}. */
export interface OutgoingMail {
  /** The `from` option, as given. */
  from: string | MailAddress;
  /** The single recipient: the address on the user record. */
  to: MailAddress;
  /** One line; control characters already replaced by spaces. */
  subject: string;
  /** The plain-text part. */
  text: string;
  /** The HTML part. */
  html: string;
  /** Extra headers (`Auto-Submitted: auto-generated`, so auto-responders stay quiet). */
  headers: Record<string, string>;
  /** The logo, as an inline attachment the HTML shows by `cid:`; only when `logo` is set. */
  attachments?: MailAttachment[];
}

/** An inline image, in the form nodemailer's `attachments` take. */
export interface MailAttachment {
  /** `logo.png`, `logo.jpg` or `logo.gif`. */
  filename: string;
  /** The image's bytes. */
  content: Buffer;
  /** `image/png`, `image/jpeg` or `image/gif`. */
  contentType: string;
  /** The Content-ID the HTML's `<img src="cid:…">` names. */
  cid: string;
  /** Always `inline`: part of the message's body, not a file to save. */
  contentDisposition: "inline";
}

/**
 * What the mailer needs from a transport: a nodemailer transporter
 * (`nodemailer.createTransport(...)`) fits as is, and so does any object with a promise-returning
 * `sendMail`. Typed by shape so this module never imports nodemailer.
 */
export interface MailTransport {
  /** Sends one message; rejects on failure (nodemailer errors carry `code` and `responseCode`). */
  sendMail(mail: OutgoingMail): Promise<unknown>;
}

/** What the reset-message templates receive. */
export interface ResetTemplateContext {
  /** The `appName` option, if set. */
  appName?: string;
  /** The user the message is for. Its fields are raw: escape them in HTML (see `html`). */
  user: ResetUser;
  /** The address the message goes to (the one on the user record). */
  to: string;
  /** The reset link, for link delivery (and `"link+code"`). */
  link?: string;
  /** The reset code, for code delivery (and `"link+code"`, beside the link). */
  code?: string;
  /** When the link or code stops working. */
  expiresAt: Date;
  /**
   * `expiresAt` from now in words of `locale`: `"1 hour"`, `"15 minutes"`, `"1 hour and 30 minutes"`,
   * `"1 Stunde und 30 Minuten"`.
   */
  expiresIn: string;
  /** The allowed redirect URL the request carried, if any (the link already includes it). */
  redirectUrl?: string;
  /**
   * The language the default parts are written in: the tag of the catalog (shipped or added with
   * `messages`) closest to the message's `locale`, else the `lang` option's.
   */
  locale: string;
}

/** What the password-changed templates receive. It holds no token, code, link or password. */
export interface ChangedTemplateContext {
  /** The `appName` option, if set. */
  appName?: string;
  /** The user whose password changed. Its fields are raw: escape them in HTML (see `html`). */
  user: ResetUser;
  /** The address the notice goes to. */
  to: string;
  /** When the password was changed. */
  changedAt: Date;
  /**
   * "This wasn't me": the notice's single-use report link (`PasswordChangedMessage.reportLink`),
   * when the router has a report page. The default templates show it as a button and a plain link.
   */
  reportLink?: string;
  /**
   * The language the default parts are written in: the tag of the catalog (shipped or added with
   * `messages`) closest to the message's `locale`, else the `lang` option's.
   */
  locale: string;
}

/** A template function; it may be async (to load translations, say). */
export type TemplateFunction<Context, Result = string> = (context: Context) => Result | Promise<Result>;

/**
 * Overrides for one message. Each part left out keeps the default. The subject is made a single
 * line whatever the function returns; the HTML is used as returned, so escape what you interpolate
 * (the `html` tag does it for you).
 */
export interface MessageTemplates<Context> {
  /** The subject line. */
  subject?: TemplateFunction<Context>;
  /** The plain-text part. */
  text?: TemplateFunction<Context>;
  /** The HTML part: a string, or the {@link SafeHtml} that the `html` tag returns. */
  html?: TemplateFunction<Context, string | SafeHtml>;
}

/** Template overrides, per message. */
export interface NodemailerTemplates {
  /** The reset message (link, code, or both). */
  reset?: MessageTemplates<ResetTemplateContext>;
  /** The password-changed notice. */
  changed?: MessageTemplates<ChangedTemplateContext>;
}

/** Retrying of transient delivery failures. */
export interface RetryOptions {
  /**
   * Total sending attempts, the first included; an integer from 1 to 10. Only transient failures
   * (SMTP 4xx replies, dropped or refused connections, timeouts) are retried; a 5xx reply fails at
   * once. [1: no retry]
   */
  attempts?: number;
  /**
   * Wait before the first retry in ms; each later retry waits twice as long as the one before,
   * at most 30 s. Keep the sum under the router's `advanced.adapterTimeoutSeconds` [10]. [250]
   */
  baseDelayMs?: number;
}

/** Options of {@link createNodemailerMailer}. `undefined` always means "use the default". */
export interface NodemailerMailerOptions {
  /** A nodemailer transporter, or any {@link MailTransport}. Required. */
  transport: MailTransport;
  /** Sender: `"Acme <no-reply@acme.test>"` or `{ name, address }`; no line breaks. Required. */
  from: string | MailAddress;
  /** Product name used in subjects and bodies (`"Reset your Acme password"`). [none: "your account"] */
  appName?: string;
  /**
   * Per-message overrides of the subject, text and HTML. [the package's messages, in the reader's
   * language]
   */
  templates?: NodemailerTemplates;
  /**
   * Strings per language tag over the shipped `en es fr de pt` catalogs, like `pages.messages`:
   * `{ de: { linkButton: "Jetzt ändern" } }` changes one string; a new tag (`it`) adds a language,
   * English filling what it leaves out. The keys are those of {@link MailMessages}. [none]
   */
  messages?: Readonly<Record<string, Partial<MailMessages>>>;
  /**
   * Button and link colour of the HTML, `#rgb` or `#rrggbb`: give it the value of
   * `pages.brandColor` so mail and pages match. [`"#2454c5"`, the pages' default]
   */
  brandColor?: string;
  /**
   * The logo at the top of the HTML, in the shape of `pages.logo`: `{ file }` or `{ body }`, a PNG,
   * JPEG or GIF of at most 512 KB. It travels inside the message (an inline `cid:` attachment),
   * never fetched from a server. [none: the app name alone]
   */
  logo?: LogoSource;
  /** Retrying of transient failures. [`{ attempts: 1 }`: no retry] */
  retry?: RetryOptions;
  /**
   * The language of a message whose `locale` is unset or has no catalog: a tag of the shipped
   * catalogs or of `messages` (`"pt-BR"` takes `pt`; a tag without one takes English). [`"en"`]
   */
  lang?: string;
  /** Clock in epoch ms, for the expiry words; pass the router's `advanced.now` if you set one. [Date.now] */
  now?: () => number;
}

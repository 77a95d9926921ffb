/**
 * `express-password-reset/nodemailer`: a `Mailer` that sends through a nodemailer
 * transport. nodemailer itself is an optional peer dependency; this entry point never imports it.
 */
export { createNodemailerMailer, type NodemailerMailer } from "./nodemailer/mailer.js";
export { MailDeliveryError } from "./nodemailer/errors.js";
export { escapeHtml, html, safeHref, SafeHtml } from "./html.js";
export { expiresInWords } from "./nodemailer/expiry-words.js";
export type {
  ChangedTemplateContext,
  MailAddress,
  MailAttachment,
  MailTransport,
  MessageTemplates,
  NodemailerMailerOptions,
  NodemailerTemplates,
  OutgoingMail,
  ResetTemplateContext,
  RetryOptions,
  TemplateFunction,
} from "./nodemailer/types.js";
export type { MailMessageKey, MailMessages } from "./nodemailer/messages/index.js";

/**
 * `createNodemailerMailer`: the {@link Mailer} that renders the reset message and the
 * password-changed notice and sends them through a nodemailer transport.
 */
import type { Mailer, PasswordChangedMessage, PasswordResetMessage } from "../types.js";
import { MailDeliveryError } from "./errors.js";
import { SafeHtml } from "../html.js";
import { LOGO_CID } from "./brand.js";
import { expiresInWords } from "./expiry-words.js";
import { hasControlCharacters, singleLine } from "./headers.js";
import { catalogFor } from "./messages/index.js";
import { resolveMailerOptions, type MailerConfig } from "./options.js";
import { sendWithRetry } from "./retry.js";
import type { CompleteTemplates } from "./templates.js";
import type {
  ChangedTemplateContext,
  NodemailerMailerOptions,
  OutgoingMail,
  ResetTemplateContext,
} from "./types.js";

/**
 * The mailer {@link createNodemailerMailer} returns: both messages are always supported, and
 * `locales` lists its languages (the shipped five and any added with `messages`).
 */
export type NodemailerMailer = Required<Mailer>;

// RFC 3834: marks the message as automatic, so vacation auto-responders do not answer it.
const HEADERS = { "Auto-Submitted": "auto-generated" };

function permanent(what: string, code: string, reason: string): MailDeliveryError {
  return new MailDeliveryError(`express-password-reset: sending ${what} failed: ${reason}`, {
    code,
    attempts: 0,
    transient: false,
  });
}

// What can separate or wrap addresses in a header; none belongs in the one address we send to.
const NOT_IN_ADDRESS = /[\s,;<>]/u;

function checkRecipient(to: unknown, what: string): string {
  // A recipient with a line break or a second address would reach someone else; refuse it rather
  // than repair it. (The object address given to the transport also stops nodemailer splitting
  // at commas, should a transport be handed a string elsewhere.)
  if (typeof to !== "string" || !to.includes("@") || hasControlCharacters(to) || NOT_IN_ADDRESS.test(to)) {
    throw permanent(what, "EENVELOPE", "the recipient is not a single email address");
  }
  return to;
}

async function render<Context>(
  templates: CompleteTemplates<Context>,
  context: Context,
  what: string,
  where: string,
): Promise<Pick<OutgoingMail, "subject" | "text" | "html">> {
  const part = async (name: "subject" | "text" | "html"): Promise<string> => {
    let value: unknown;
    try {
      value = await templates[name](context);
    } catch (error) {
      // The template's own error could quote the context, link included; only its name is kept.
      const kind = error instanceof Error ? error.name : typeof error;
      throw permanent(what, "ETEMPLATE", `\`${where}.${name}\` threw (${kind})`);
    }
    if (typeof value === "string") return value;
    if (name === "html" && value instanceof SafeHtml) return value.toString();
    throw permanent(what, "ETEMPLATE", `\`${where}.${name}\` must return a string`);
  };
  const [subject, text, html] = await Promise.all([part("subject"), part("text"), part("html")]);
  return { subject: singleLine(subject), text, html };
}

async function send(
  config: MailerConfig,
  to: string,
  content: Pick<OutgoingMail, "subject" | "text" | "html">,
  what: string,
): Promise<void> {
  // A fresh object per attempt: transports may annotate the one they are given.
  const mail = (): OutgoingMail => ({
    from: typeof config.from === "string" ? config.from : { ...config.from },
    to: { name: "", address: to },
    ...content,
    headers: { ...HEADERS },
    // Only when the HTML shows it: the default HTML does, an app's own template may not.
    ...(config.brand.logo && content.html.includes(`cid:${LOGO_CID}`)
      ? { attachments: [{ ...config.brand.logo }] }
      : {}),
  });
  await sendWithRetry(() => config.transport.sendMail(mail()), config.retry, what);
}

/**
 * Creates a {@link Mailer} that sends through a nodemailer transport: the reset message (link or
 * code, with its expiry in words) and the password-changed notice, each as plain text and HTML.
 * User data is escaped in the HTML, subjects are kept to one line, and a failed send rejects with
 * a {@link MailDeliveryError} whose message holds no link or code.
 *
 * ```ts
 * import nodemailer from "nodemailer";
 * const mailer = createNodemailerMailer({
 *   transport: nodemailer.createTransport({ host: "smtp.example.com", port: 587, auth: { user, pass } }),
 *   from: "Acme <no-reply@acme.test>",
 *   appName: "Acme",
 *   retry: { attempts: 3 },
 * });
 * ```
 *
 * @throws TypeError when an option is missing or malformed; the message names the option.
 */
export function createNodemailerMailer(options: NodemailerMailerOptions): NodemailerMailer {
  const config = resolveMailerOptions(options);

  return {
    locales: config.locales.tags,

    async sendPasswordReset(message: PasswordResetMessage): Promise<void> {
      const what = "the password reset email";
      const to = checkRecipient(message.to, what);
      if (message.link === undefined && message.code === undefined) {
        throw permanent(what, "EMESSAGE", "a reset message needs a `link`, a `code`, or both");
      }
      const catalog = catalogFor(config.locales, message.locale);
      // Built field by field, so nothing else the caller's object holds reaches a template.
      const context: ResetTemplateContext = {
        ...(config.appName !== undefined ? { appName: config.appName } : {}),
        user: message.user,
        to,
        ...(message.link !== undefined ? { link: message.link } : {}),
        ...(message.code !== undefined ? { code: message.code } : {}),
        expiresAt: message.expiresAt,
        expiresIn: expiresInWords(
          message.expiresAt,
          config.now(),
          catalog.tag,
          catalog.messages.lessThanMinute,
        ),
        ...(message.redirectUrl !== undefined ? { redirectUrl: message.redirectUrl } : {}),
        locale: catalog.tag,
      };
      await send(config, to, await render(config.reset, context, what, "templates.reset"), what);
    },

    async sendPasswordChanged(message: PasswordChangedMessage): Promise<void> {
      const what = "the password-changed notice";
      const to = checkRecipient(message.to, what);
      const context: ChangedTemplateContext = {
        ...(config.appName !== undefined ? { appName: config.appName } : {}),
        user: message.user,
        to,
        changedAt: message.changedAt,
        ...(typeof message.reportLink === "string" ? { reportLink: message.reportLink } : {}),
        locale: catalogFor(config.locales, message.locale).tag,
      };
      await send(config, to, await render(config.changed, context, what, "templates.changed"), what);
    },
  };
}

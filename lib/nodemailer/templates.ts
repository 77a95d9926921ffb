/**
 * The default messages: short, plain English, one column of HTML with inline styles, no images,
 * no tracking. Each HTML part mirrors its text part. Every user-supplied value goes through the
 * `html` tag, so it is escaped wherever it lands.
 *
 * The HTML is laid out by hand (`prettier-ignore`): prettier would indent it, and whitespace
 * inside a <p> or <span> ends up in what a reader copies, such as the link or the code.
 */
import { html, safeHref, type SafeHtml } from "../html.js";
import { singleLine } from "./headers.js";
import type { ChangedTemplateContext, MessageTemplates, ResetTemplateContext } from "./types.js";

/** Every part of one message, all filled in. */
export type CompleteTemplates<Context> = Required<MessageTemplates<Context>>;

/** The default templates of both messages. */
export interface DefaultTemplates {
  /** The reset message. */
  reset: CompleteTemplates<ResetTemplateContext>;
  /** The password-changed notice. */
  changed: CompleteTemplates<ChangedTemplateContext>;
}

// A display name is the one value a stranger may have chosen (at sign-up); a long one could pass
// for message text, so it is kept to one short line.
const MAX_NAME_LENGTH = 64;

function displayName(name: unknown): string | undefined {
  // User records come from the app's database, where a name may be null or not a string at all.
  const line = singleLine(typeof name === "string" ? name : "");
  if (!line) return undefined;
  const chars = Array.from(line);
  return chars.length > MAX_NAME_LENGTH ? `${chars.slice(0, MAX_NAME_LENGTH).join("")}…` : line;
}

function greeting(name: unknown): string {
  const shown = displayName(name);
  return shown ? `Hi ${shown},` : "Hi,";
}

function account(appName: string | undefined): string {
  return appName ? `your ${singleLine(appName)} account` : "your account";
}

function signOff(appName: string | undefined): string[] {
  return appName ? ["", `— ${singleLine(appName)}`] : [];
}

const CHANGED_AT = new Intl.DateTimeFormat("en", {
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

const BODY_STYLE =
  "margin:0;padding:24px 16px;background:#ffffff;color:#1f2328;" +
  "font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif;" +
  "font-size:16px;line-height:1.5";
const NOTE_STYLE = "font-size:14px;color:#57606a";
const CODE_STYLE =
  "font-size:28px;font-weight:700;letter-spacing:4px;font-family:ui-monospace,Menlo,Consolas,monospace";

function layout(lang: string, title: string, content: SafeHtml): SafeHtml {
  // role="article" with a label is how screen readers in webmail announce one message's content.
  // prettier-ignore
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
</head>
<body style="${BODY_STYLE}">
<div role="article" aria-roledescription="email" aria-label="${title}" lang="${lang}" style="max-width:560px;margin:0 auto">
${content}
</div>
</body>
</html>
`;
}

function htmlSignOff(appName: string | undefined): SafeHtml | undefined {
  return appName ? html`<p>— ${singleLine(appName)}</p>` : undefined;
}

function text(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

// ---- the reset message -------------------------------------------------------------------

function resetSubject({ appName, code }: ResetTemplateContext): string {
  const app = appName ? `${appName} ` : "";
  return code !== undefined ? `Your ${app}password reset code` : `Reset your ${app}password`;
}

function resetIntro(ctx: ResetTemplateContext): string {
  return `We received a request to reset the password for ${account(ctx.appName)} (${ctx.to}).`;
}

const IGNORE = "If you did not ask for this, ignore this email: your password stays the same.";

function resetText(ctx: ResetTemplateContext): string {
  const secret =
    ctx.link !== undefined
      ? [
          `${resetIntro(ctx)} To choose a new password, open this link:`,
          "",
          ctx.link,
          "",
          `The link expires in ${ctx.expiresIn} and works only once.`,
        ]
      : [
          `${resetIntro(ctx)} Your reset code is:`,
          "",
          ctx.code ?? "",
          "",
          `The code expires in ${ctx.expiresIn}. Do not share it with anyone.`,
        ];
  return text(greeting(ctx.user.name), "", ...secret, "", IGNORE, ...signOff(ctx.appName));
}

function resetLinkHtml(link: string, expiresIn: string): SafeHtml {
  const href = safeHref(link);
  // prettier-ignore
  const open = href
    ? html`<p><a href="${href}" style="color:#0b57d0;font-weight:600">Choose a new password</a></p>
<p style="${NOTE_STYLE}">If the link does not work, copy this address into your browser:<br>
<span style="word-break:break-all">${link}</span></p>`
    : // Not http(s) (an app deep link, say): shown for copying, never made clickable.
      html`<p>To choose a new password, open this link:</p>
<p style="word-break:break-all">${link}</p>`;
  // prettier-ignore
  return html`${open}
<p>The link expires in ${expiresIn} and works only once.</p>`;
}

function resetCodeHtml(code: string, expiresIn: string): SafeHtml {
  // prettier-ignore
  return html`<p>Your reset code is:</p>
<p style="${CODE_STYLE}">${code}</p>
<p>The code expires in ${expiresIn}. Do not share it with anyone.</p>`;
}

function resetHtml(lang: string, ctx: ResetTemplateContext): SafeHtml {
  const secret =
    ctx.link !== undefined
      ? resetLinkHtml(ctx.link, ctx.expiresIn)
      : resetCodeHtml(ctx.code ?? "", ctx.expiresIn);
  // prettier-ignore
  const content = html`<p>${greeting(ctx.user.name)}</p>
<p>${resetIntro(ctx)}</p>
${secret}
<p style="${NOTE_STYLE}">${IGNORE}</p>
${htmlSignOff(ctx.appName)}`;
  return layout(lang, singleLine(resetSubject(ctx)), content);
}

// ---- the password-changed notice: no link, code or token, by design -------------------------

function changedSubject({ appName }: ChangedTemplateContext): string {
  return appName ? `Your ${appName} password was changed` : "Your password was changed";
}

function changedSentences(ctx: ChangedTemplateContext): [string, string, string] {
  const signIn = ctx.appName ? `the ${singleLine(ctx.appName)} sign-in page` : "the sign-in page";
  return [
    `The password for ${account(ctx.appName)} (${ctx.to}) was changed on ${CHANGED_AT.format(ctx.changedAt)}.`,
    "If you made this change, there is nothing else to do.",
    `If you did not, someone else may know your password: reset it right away from ${signIn} and contact support.`,
  ];
}

function changedText(ctx: ChangedTemplateContext): string {
  const [what, ok, notOk] = changedSentences(ctx);
  return text(greeting(ctx.user.name), "", what, "", ok, "", notOk, ...signOff(ctx.appName));
}

function changedHtml(lang: string, ctx: ChangedTemplateContext): SafeHtml {
  const [what, ok, notOk] = changedSentences(ctx);
  // prettier-ignore
  const content = html`<p>${greeting(ctx.user.name)}</p>
<p>${what}</p>
<p>${ok}</p>
<p><strong>${notOk}</strong></p>
${htmlSignOff(ctx.appName)}`;
  return layout(lang, singleLine(changedSubject(ctx)), content);
}

/** The default templates, with `lang` as the HTML's language. */
export function defaultTemplates(lang: string): DefaultTemplates {
  return {
    reset: { subject: resetSubject, text: resetText, html: (ctx) => resetHtml(lang, ctx) },
    changed: { subject: changedSubject, text: changedText, html: (ctx) => changedHtml(lang, ctx) },
  };
}

/**
 * The default messages: short and plain, in the reader's language (the catalogs of `messages/`),
 * drawn in the app's brand (`layout.ts`), no remote content, no tracking. Each HTML part says
 * what its text part says. Every user-supplied value goes through the `html` tag, so it is
 * escaped wherever it lands.
 */
import { html, safeHref, type SafeHtml } from "../html.js";
import type { MailBrand } from "./brand.js";
import { singleLine } from "./headers.js";
import { button, copyable, layout, STYLE } from "./layout.js";
import {
  catalogFor,
  fill,
  type MailCatalog,
  type MailLocales,
  type MailMessageKey,
} from "./messages/index.js";
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

/** What every message's strings need: its catalog and the app's name on one line. */
interface Words {
  catalog: MailCatalog;
  appName: string | undefined;
  /** The string `key`, its `NoApp` variant when there is no app name, placeholders filled. */
  say(key: MailMessageKey, params?: Record<string, string>): string;
}

function wordsOf(locales: MailLocales, ctx: { locale: string; appName?: string }): Words {
  const catalog = catalogFor(locales, ctx.locale);
  const appName = ctx.appName ? singleLine(ctx.appName) : undefined;
  const say = (key: MailMessageKey, params: Record<string, string> = {}): string => {
    const variant = `${key}NoApp` as MailMessageKey;
    const chosen = appName === undefined && variant in catalog.messages ? variant : key;
    return fill(catalog.messages, chosen, { ...params, ...(appName !== undefined ? { appName } : {}) });
  };
  return { catalog, appName, say };
}

function greeting(words: Words, name: unknown): string {
  const shown = displayName(name);
  return shown ? words.say("greeting", { name: shown }) : words.say("greetingNoName");
}

function text(words: Words, ...lines: string[]): string {
  const signOff = words.appName !== undefined ? ["", words.say("signOff")] : [];
  return [...lines, ...signOff].join("\n") + "\n";
}

function document(words: Words, brand: MailBrand, title: string, to: string, content: SafeHtml): SafeHtml {
  const { catalog, appName } = words;
  const footer =
    appName !== undefined
      ? `${appName} · ${words.say("sentTo", { email: to })}`
      : words.say("sentTo", { email: to });
  return layout({ lang: catalog.tag, dir: catalog.dir, title, appName, content, footer, brand });
}

const CHANGED_AT = new Map<string, Intl.DateTimeFormat>();

function changedAt(tag: string, date: Date): string {
  let format = CHANGED_AT.get(tag);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(tag, {
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone: "UTC",
      timeZoneName: "short",
    });
    CHANGED_AT.set(tag, format);
  }
  return format.format(date);
}

/** The default templates over `locales`, drawn in `brand`. */
export function defaultTemplates(locales: MailLocales, brand: MailBrand): DefaultTemplates {
  // ---- the reset message ---------------------------------------------------------------------
  const resetSubject = (ctx: ResetTemplateContext): string =>
    wordsOf(locales, ctx).say(ctx.link === undefined ? "resetCodeSubject" : "resetLinkSubject");

  const resetText = (ctx: ResetTemplateContext): string => {
    const words = wordsOf(locales, ctx);
    const intro = words.say("resetIntro", { email: ctx.to });
    // With both (`"link+code"`): the link first, for the reader who opens the mail where they reset,
    // then the code for another device, and one expiry for the two.
    const secret =
      ctx.link !== undefined && ctx.code !== undefined
        ? [
            `${intro} ${words.say("linkLead")}`,
            "",
            ctx.link,
            "",
            words.say("codeAlsoLead"),
            "",
            ctx.code,
            "",
            words.say("linkAndCodeExpiry", { expiresIn: ctx.expiresIn }),
          ]
        : ctx.link !== undefined
          ? [
              `${intro} ${words.say("linkLead")}`,
              "",
              ctx.link,
              "",
              words.say("linkExpiry", { expiresIn: ctx.expiresIn }),
            ]
          : [
              `${intro} ${words.say("codeLead")}`,
              "",
              ctx.code ?? "",
              "",
              words.say("codeExpiry", { expiresIn: ctx.expiresIn }),
            ];
    return text(words, greeting(words, ctx.user.name), "", ...secret, "", words.say("ignore"));
  };

  const resetHtml = (ctx: ResetTemplateContext): SafeHtml => {
    const words = wordsOf(locales, ctx);
    const secret =
      ctx.link !== undefined && ctx.code !== undefined
        ? linkAndCodeHtml(words, ctx.link, ctx.code, ctx.expiresIn)
        : ctx.link !== undefined
          ? linkHtml(words, ctx.link, words.say("linkExpiry", { expiresIn: ctx.expiresIn }))
          : codeHtml(words, ctx.code ?? "", ctx.expiresIn);
    // prettier-ignore
    const content = html`<p class="m-text" style="${STYLE.p}">${greeting(words, ctx.user.name)}</p>
<p class="m-text" style="${STYLE.p}">${words.say("resetIntro", { email: ctx.to })}</p>
${secret}
<p class="m-muted" style="${STYLE.muted};margin:0">${words.say("ignore")}</p>`;
    return document(words, brand, singleLine(resetSubject(ctx)), ctx.to, content);
  };

  /** The link (a button, or plain text when it is no web address), then `expiry`. */
  function linkHtml(words: Words, link: string, expiry: string): SafeHtml {
    const href = safeHref(link);
    // prettier-ignore
    return href
      ? html`${button(href, words.say("linkButton"), brand)}
<p class="m-muted" style="${STYLE.muted}">${words.say("linkFallback")}<br>
${copyable(link)}</p>
<p class="m-text" style="${STYLE.p}">${expiry}</p>`
      : // Not http(s) (an app deep link, say): shown for copying, never made clickable.
        html`<p class="m-text" style="${STYLE.p}">${words.say("linkLead")}</p>
<p class="m-text" style="${STYLE.p};word-break:break-all">${link}</p>
<p class="m-text" style="${STYLE.p}">${expiry}</p>`;
  }

  /** The report link ("this wasn't me"): a button and the plain link, or only the text when not http(s). */
  function reportHtml(words: Words, link: string): SafeHtml {
    const href = safeHref(link);
    const expiry = words.say("changedReportExpiry");
    // prettier-ignore
    return href
      ? html`${button(href, words.say("changedReportButton"), brand)}
<p class="m-muted" style="${STYLE.muted}">${words.say("linkFallback")}<br>
${copyable(link)}</p>
<p class="m-muted" style="${STYLE.muted};margin:0">${expiry}</p>`
      : html`<p class="m-text" style="${STYLE.p};word-break:break-all">${link}</p>
<p class="m-muted" style="${STYLE.muted};margin:0">${expiry}</p>`;
  }

  function linkAndCodeHtml(words: Words, link: string, code: string, expiresIn: string): SafeHtml {
    // prettier-ignore
    return html`${linkHtml(words, link, words.say("codeAlsoLead"))}
<p class="m-code" style="${STYLE.code}">${code}</p>
<p class="m-text" style="${STYLE.p}">${words.say("linkAndCodeExpiry", { expiresIn })}</p>`;
  }

  function codeHtml(words: Words, code: string, expiresIn: string): SafeHtml {
    // prettier-ignore
    return html`<p class="m-text" style="${STYLE.p}">${words.say("codeLead")}</p>
<p class="m-code" style="${STYLE.code}">${code}</p>
<p class="m-text" style="${STYLE.p}">${words.say("codeExpiry", { expiresIn })}</p>`;
  }

  // ---- the password-changed notice: no reset link, code or token, by design; only the report link --
  const changedSubject = (ctx: ChangedTemplateContext): string => wordsOf(locales, ctx).say("changedSubject");

  // With a report link, "if you did not" leads to it ("this wasn't me") rather than to the sign-in page.
  const changedSentences = (words: Words, ctx: ChangedTemplateContext): [string, string, string] => [
    words.say("changedWhat", { email: ctx.to, date: changedAt(words.catalog.tag, ctx.changedAt) }),
    words.say("changedOk"),
    words.say(ctx.reportLink !== undefined ? "changedReportLead" : "changedNotOk"),
  ];

  const changedText = (ctx: ChangedTemplateContext): string => {
    const words = wordsOf(locales, ctx);
    const [what, ok, notOk] = changedSentences(words, ctx);
    const report =
      ctx.reportLink !== undefined ? ["", ctx.reportLink, "", words.say("changedReportExpiry")] : [];
    return text(words, greeting(words, ctx.user.name), "", what, "", ok, "", notOk, ...report);
  };

  const changedHtml = (ctx: ChangedTemplateContext): SafeHtml => {
    const words = wordsOf(locales, ctx);
    const [what, ok, notOk] = changedSentences(words, ctx);
    // prettier-ignore
    const content = html`<p class="m-text" style="${STYLE.p}">${greeting(words, ctx.user.name)}</p>
<p class="m-text" style="${STYLE.p}">${what}</p>
<p class="m-text" style="${STYLE.p}">${ok}</p>
<p class="m-text" style="${STYLE.strong};margin:0">${notOk}</p>
${ctx.reportLink !== undefined && reportHtml(words, ctx.reportLink)}`;
    return document(words, brand, singleLine(changedSubject(ctx)), ctx.to, content);
  };

  return {
    reset: { subject: resetSubject, text: resetText, html: resetHtml },
    changed: { subject: changedSubject, text: changedText, html: changedHtml },
  };
}

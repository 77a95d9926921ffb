/**
 * The frame of the default HTML mail: the app's logo and name over one card, a footer, and a
 * button. Built the way mail clients render reliably: nested tables for layout, every style inline
 * (the one `<style>` only re-colours for dark mode, where clients support it), no remote image,
 * font or script. Colours are the pages' palette; light and dark both keep WCAG AA contrast, and
 * the mid-tone brand button with its own text colour survives clients that invert colours.
 *
 * The HTML is laid out by hand (`prettier-ignore`): prettier would indent it, and whitespace
 * inside an element ends up in what a reader copies, such as the link or the code.
 */
import { html, type SafeHtml } from "../html.js";
import { DARK_CARD, LIGHT_CARD } from "../pages/index.js";
import { LOGO_CID, type MailBrand } from "./brand.js";

const FONT = "-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica Neue,Arial,sans-serif";
const LIGHT = { bg: "#f4f5f7", text: "#1b1f24", muted: "#5b6571", border: "#d6dae0", codeBg: "#eef0f3" };
const DARK = { bg: "#0f1115", text: "#e6e8eb", muted: "#a3adb8", border: "#313741", codeBg: "#252a33" };

/** Inline styles of the text elements, shared by the templates. */
export const STYLE = {
  p: `margin:0 0 16px;font-family:${FONT};font-size:16px;line-height:1.5;color:${LIGHT.text}`,
  muted: `margin:0 0 16px;font-family:${FONT};font-size:14px;line-height:1.5;color:${LIGHT.muted}`,
  h1: `margin:0 0 20px;font-family:${FONT};font-size:22px;line-height:1.3;font-weight:700;color:${LIGHT.text}`,
  code:
    `margin:0 0 16px;padding:12px 20px;display:inline-block;border-radius:6px;background:${LIGHT.codeBg};` +
    `font-family:ui-monospace,Menlo,Consolas,monospace;font-size:28px;font-weight:700;letter-spacing:4px;color:${LIGHT.text}`,
  strong: `margin:0 0 16px;font-family:${FONT};font-size:16px;line-height:1.5;font-weight:600;color:${LIGHT.text}`,
} as const;

/** What {@link layout} frames. */
export interface Frame {
  /** `<html lang>` and `dir`. */
  lang: string;
  dir: "ltr" | "rtl";
  /** `<title>` and the card's heading. */
  title: string;
  /** The app's name, over the card and in the footer. */
  appName: string | undefined;
  /** The card's content. */
  content: SafeHtml;
  /** Small print under the card (the address it was sent to). */
  footer: string;
  /** Colours and logo. */
  brand: MailBrand;
}

// The dark palette, for clients that honour prefers-color-scheme (Apple Mail, Outlook for Mac,
// some webmail). Classes only re-colour; the layout never depends on this block.
function darkStyle(): SafeHtml {
  // prettier-ignore
  return html`<style>
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .m-bg { background:${DARK.bg} !important; }
  .m-card { background:${DARK_CARD} !important; border-color:${DARK.border} !important; }
  .m-text { color:${DARK.text} !important; }
  .m-muted { color:${DARK.muted} !important; }
  .m-code { background:${DARK.codeBg} !important; color:${DARK.text} !important; }
}
</style>`;
}

function header(appName: string | undefined, brand: MailBrand, dir: "ltr" | "rtl"): SafeHtml | undefined {
  if (appName === undefined && brand.logo === undefined) return undefined;
  // The logo's alt is empty when the name is beside it: a screen reader would say it twice.
  const margin = dir === "rtl" ? "margin-left" : "margin-right";
  // prettier-ignore
  const logo = brand.logo && html`<img src="cid:${LOGO_CID}" height="32" alt="${appName === undefined ? "Logo" : ""}" style="display:inline-block;height:32px;width:auto;border:0;vertical-align:middle;${margin}:10px">`;
  // prettier-ignore
  return html`<tr><td style="padding:0 4px 16px;font-family:${FONT};font-size:18px;font-weight:600;color:${LIGHT.text}" class="m-text">${logo}${appName !== undefined && html`<span style="vertical-align:middle">${appName}</span>`}</td></tr>`;
}

/** The whole document around `frame.content`. */
export function layout(frame: Frame): SafeHtml {
  // role="article" with a label is how screen readers in webmail announce one message's content.
  // prettier-ignore
  return html`<!doctype html>
<html lang="${frame.lang}" dir="${frame.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<meta name="x-apple-disable-message-reformatting">
<title>${frame.title}</title>
${darkStyle()}
</head>
<body class="m-bg" style="margin:0;padding:0;background:${LIGHT.bg};-webkit-text-size-adjust:100%">
<div role="article" aria-roledescription="email" aria-label="${frame.title}" lang="${frame.lang}" dir="${frame.dir}">
<table role="presentation" class="m-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${LIGHT.bg}">
<tr><td align="center" style="padding:32px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px">
${header(frame.appName, frame.brand, frame.dir)}
<tr><td class="m-card" style="background:${LIGHT_CARD};border:1px solid ${LIGHT.border};border-radius:8px;padding:32px 28px">
<h1 class="m-text" style="${STYLE.h1}">${frame.title}</h1>
${frame.content}
</td></tr>
<tr><td class="m-muted" style="padding:16px 4px 0;font-family:${FONT};font-size:13px;line-height:1.5;color:${LIGHT.muted}">${frame.footer}</td></tr>
</table>
</td></tr>
</table>
</div>
</body>
</html>
`;
}

/**
 * A button-shaped link, as a one-cell table (the shape Outlook's Word engine keeps), and under it
 * the same link as text to copy.
 */
export function button(href: string, label: string, brand: MailBrand): SafeHtml {
  const { brand: background, onBrand } = brand.colours;
  // prettier-ignore
  return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px"><tr><td align="center" bgcolor="${background}" style="border-radius:6px;background:${background}"><a href="${href}" target="_blank" style="display:inline-block;padding:12px 24px;border-radius:6px;font-family:${FONT};font-size:16px;font-weight:600;line-height:1.25;color:${onBrand};text-decoration:none">${label}</a></td></tr></table>`;
}

/** The link itself, as text to copy (the button above is the thing to click). */
export function copyable(link: string): SafeHtml {
  // prettier-ignore
  return html`<span class="m-text" style="color:${LIGHT.text};word-break:break-all">${link}</span>`;
}

/**
 * Header hygiene. A line break in a header value would let whoever controls it add headers
 * (`Bcc:`) or start the body early. Nodemailer encodes header values too, but this package does
 * not rely on one layer alone: subjects are flattened to one line and addresses with control
 * characters are refused before a message is built.
 */

// \p{Cc} covers C0 (CR, LF, NUL, TAB...), DEL and C1 (NEL); U+2028/2029 are the Unicode line breaks.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const CONTROL_RUNS = /[\p{Cc}\u2028\u2029]+/gu;
// Bidi embeddings, overrides and isolates can make a line read differently from what it holds
// ("Eve\u202Eexe.pdf"); a subject or a name never needs them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;

/** True when `value` holds a line break or any other control character. */
export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * `value` on one line: each run of control characters becomes a space, bidi controls go, spaces
 * collapse, ends are trimmed.
 */
export function singleLine(value: string): string {
  return value.replace(CONTROL_RUNS, " ").replace(BIDI_CONTROLS, "").replace(/ {2,}/g, " ").trim();
}

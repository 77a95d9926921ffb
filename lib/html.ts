/**
 * HTML escaping, the one copy shared by the hosted pages and the nodemailer templates: an `html`
 * tagged template that escapes every interpolated value unless it is already {@link SafeHtml}, and
 * a guard that lets only http(s) URLs into an `href`. The nodemailer entry point re-exports it for
 * apps writing their own templates.
 */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes `& < > " '`, which makes a string safe both as HTML text and inside a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/**
 * A piece of HTML that is already safe: the `html` tag inserts it without escaping. Wrap only
 * markup you wrote yourself, never user data.
 */
export class SafeHtml {
  readonly #html: string;

  /** Marks `html` as trusted markup. */
  constructor(html: string) {
    this.#html = html;
  }

  /** The markup. */
  toString(): string {
    return this.#html;
  }
}

function interpolate(value: unknown): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(interpolate).join("");
  // Leaving out empty values lets templates write `${cond && html`...`}`.
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

/**
 * Tagged template for HTML: every `${value}` is escaped, except {@link SafeHtml} (such as the
 * result of a nested `html` call); arrays are joined; `undefined`, `null` and `false` vanish.
 *
 * ```ts
 * html`<p>Hi ${user.name},</p>` // a name of "<script>" arrives as "&lt;script&gt;"
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += interpolate(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/**
 * The link as it may appear in an `href`: its normalised form when it is an absolute http or
 * https URL, otherwise `undefined` (a `javascript:` or `data:` link must never become clickable).
 * Escape the result like any other attribute value; the `html` tag does.
 */
export function safeHref(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
}

/**
 * Form parts: labelled inputs with their hint and error tied by `aria-describedby`, the error
 * summary, the hidden CSRF field. With JavaScript off, `autofocus` on the first invalid field is
 * what moves the focus to the first error.
 */
import { CSRF_FIELD } from "../csrf.js";
import { t, type Messages } from "../messages/index.js";
import { html, type SafeHtml } from "./layout.js";
import type { PageError, PageField } from "./types.js";

/** An input and everything around it. */
export interface FieldSpec {
  /** The form field (and the base of the element ids). */
  name: PageField;
  label: string;
  type: "text" | "email" | "tel" | "password";
  autocomplete: string;
  hint?: string;
  value?: string;
  inputmode?: "numeric" | "email" | "tel";
  minlength?: number;
  className?: string;
  /** The errors of the form; the first one naming this field is shown. */
  errors: readonly PageError[];
  /** True for the field that gets the focus (see {@link focusField}). */
  autofocus: boolean;
}

/** The text of an error in the page's language. */
export function errorText(messages: Messages, error: PageError): string {
  return "key" in error ? t(messages, error.key, error.params) : error.text;
}

/** The id of a field's input, which the error summary links to. */
export function fieldId(name: PageField): string {
  return `field-${name}`;
}

/** A labelled input with its hint and error. */
export function field(messages: Messages, spec: FieldSpec): SafeHtml {
  const id = fieldId(spec.name);
  const error = spec.errors.find((e) => e.field === spec.name);
  const describedBy = [spec.hint !== undefined && `${id}-hint`, error !== undefined && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  // Passwords are never written back into the page.
  const value = spec.type === "password" ? undefined : spec.value;
  const hint = spec.hint !== undefined && html`<p class="hint" id="${id}-hint">${spec.hint}</p>`;
  const message =
    error !== undefined &&
    html`<p class="field-error" id="${id}-error">
      <span class="visually-hidden">${messages.errorPrefix} </span>${errorText(messages, error)}
    </p>`;
  const text = spec.type !== "password";
  const input = attributes({
    id,
    name: spec.name,
    type: spec.type,
    autocomplete: spec.autocomplete,
    inputmode: spec.inputmode,
    minlength: spec.minlength,
    class: spec.className,
    value: value === "" ? undefined : value,
    "aria-describedby": describedBy === "" ? undefined : describedBy,
    "aria-invalid": error !== undefined ? "true" : undefined,
    required: true,
    spellcheck: text ? "false" : undefined,
    autocapitalize: text ? "none" : undefined,
    autofocus: spec.autofocus || undefined,
  });
  return html`<div class="field">
    <label for="${id}">${spec.label}</label>
    ${hint} ${message}
    <input${input} />
  </div>`;
}

/**
 * Attributes from a record: `true` writes the bare name, `undefined` leaves it out, anything else
 * is escaped into a quoted value. Names come from this file only, never from a caller.
 */
function attributes(record: Readonly<Record<string, string | number | true | undefined>>): SafeHtml {
  return html`${Object.entries(record).map(([name, value]) =>
    value === undefined ? false : value === true ? html` ${name}` : html` ${name}="${value}"`,
  )}`;
}

/** The box listing every error at the top of the form, each linking to its field. */
export function errorSummary(messages: Messages, errors: readonly PageError[]): SafeHtml | false {
  if (errors.length === 0) return false;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${messages.errorSummaryTitle}</h2>
    <ul>
      ${errors.map(
        (error) =>
          html`<li>
            ${error.field !== undefined ? html`<a href="#${fieldId(error.field)}">${errorText(messages, error)}</a>` : errorText(messages, error)}
          </li> `,
      )}
    </ul>
  </div>`;
}

/** The hidden field carrying the CSRF token. */
export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`;
}

/**
 * The field that gets `autofocus`: the first with an error, or the first of the form when only
 * form-wide errors were found. None on a fresh form: moving the focus past the heading and the
 * intro would make screen-reader users miss them.
 */
export function focusField(
  fields: readonly PageField[],
  errors: readonly PageError[],
): PageField | undefined {
  if (errors.length === 0) return undefined;
  return fields.find((name) => errors.some((e) => e.field === name)) ?? fields[0];
}

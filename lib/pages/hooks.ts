/**
 * The pages' two function options in their 1.0 shape, one context object each:
 * `renderPage({ page, context, helpers })` and `challenge.check({ form, ip })`. Their 0.2
 * spellings (`render(page, context, helpers)`, `challenge.verify(form, { ip })`) keep working
 * through 1.x: they are adapted here, and listed so the door warns once per router.
 */
import { PasswordResetConfigError } from "../config-error.js";
import { isObject, suggest } from "../settings/checks.js";
import type {
  ChallengeCheckInput,
  ChallengeOptions,
  ChallengeWidget,
  PageRenderer,
  RenderPageFunction,
} from "./render/types.js";

/** A 0.2 option name the app used, and its 1.0 spelling. */
export interface DeprecatedSpelling {
  /** The 0.2 name, e.g. `pages.render`. */
  readonly old: string;
  /** The 1.0 name, e.g. `pages.renderPage`. */
  readonly current: string;
}

/** The warning a router logs once for a 0.2 spelling. */
export function deprecationWarning({ old, current }: DeprecatedSpelling): string {
  return `express-password-reset: \`${old}\` is deprecated; use \`${current}\` (0.2 spellings keep working through 1.x).`;
}

/** `pages.challenge`, resolved: the widget and the 1.0 check, whichever spelling the app gave. */
export interface ResolvedChallenge {
  readonly widget: ChallengeWidget;
  check(input: ChallengeCheckInput): boolean | Promise<boolean>;
}

/** A function option resolved from its two spellings, and the 0.2 one when that was used. */
interface Resolved<T> {
  value: T | undefined;
  deprecated?: DeprecatedSpelling;
}

/** `pages.renderPage`, or `pages.render` adapted to its shape. */
export function resolveRenderer(given: {
  renderPage?: RenderPageFunction;
  render?: PageRenderer;
}): Resolved<RenderPageFunction> {
  const chosen = oneSpelling(given, "pages.", "renderPage", "render", {
    current: "({ page, context, helpers }) => string",
    old: "(page, context, helpers) => string",
  });
  if (chosen === undefined) return { value: undefined };
  const { renderPage, render } = given;
  if (chosen.old === undefined) return { value: renderPage };
  return { value: ({ page, context, helpers }) => render!(page, context, helpers), deprecated: chosen.old };
}

/** `pages.challenge`: its widget, and `check`, or `verify` adapted to its shape. */
export function resolveChallenge(value: unknown): Resolved<ResolvedChallenge> {
  if (value === undefined) return { value: undefined };
  if (!isObject(value)) {
    throw new PasswordResetConfigError("pages.challenge", "must be an object `{ widget, check }`.");
  }
  // Other keys are let through: the object may be the app's own, with state its methods read.
  const challenge = value as unknown as ChallengeOptions;
  const { widget } = challenge;
  if (!isObject(widget) || typeof widget.scriptUrl !== "string" || typeof widget.tag !== "string") {
    throw new PasswordResetConfigError(
      "pages.challenge.widget",
      'must be `{ scriptUrl, tag, attributes? }`: the script of the challenge\'s service and the element it fills, e.g. `{ scriptUrl: "https://challenges.cloudflare.com/turnstile/v0/api.js", tag: "div", attributes: { class: "cf-turnstile", "data-sitekey": "…" } }`.',
    );
  }
  const shapes = {
    current: "({ form, ip }) => boolean | Promise<boolean>",
    old: "(form, { ip }) => boolean | Promise<boolean>",
  };
  const chosen = oneSpelling(challenge, "pages.challenge.", "check", "verify", shapes);
  if (chosen === undefined) {
    const misspelt = Object.keys(value).find((key) => suggest(key, ["check", "verify"]) !== "");
    if (misspelt !== undefined) {
      throw new PasswordResetConfigError(
        `pages.challenge.${misspelt}`,
        `is not an option.${suggest(misspelt, ["check", "verify"])}`,
      );
    }
    throw new PasswordResetConfigError(
      "pages.challenge.check",
      `is required: a function ${shapes.current} that checks the widget's answer with its service.`,
    );
  }
  // Called as methods of the app's object, as 0.2 did, so a `this` inside them still works.
  if (chosen.old === undefined) {
    const check = challenge.check!;
    return { value: { widget, check: (input) => check.call(challenge, input) } };
  }
  const verify = challenge.verify!;
  return {
    value: { widget, check: ({ form, ip }) => verify.call(challenge, form, ip !== undefined ? { ip } : {}) },
    deprecated: chosen.old,
  };
}

/**
 * Which spelling of a function option `owner` gives: `undefined` for neither, `{}` for the 1.0
 * one, `{ old }` for the 0.2 one. Throws for both at once, or for a value that is not a function.
 */
function oneSpelling(
  owner: object,
  prefix: string,
  current: string,
  old: string,
  shapes: { current: string; old: string },
): { old?: DeprecatedSpelling } | undefined {
  const values = owner as Record<string, unknown>;
  const given = (key: string) => values[key] !== undefined;
  if (given(current) && given(old)) {
    throw new PasswordResetConfigError(
      `${prefix}${current}`,
      `and its 0.2 spelling \`${prefix}${old}\` are both given: keep \`${prefix}${current}\` and remove \`${prefix}${old}\`.`,
    );
  }
  for (const [key, shape] of [
    [current, shapes.current],
    [old, shapes.old],
  ] as const) {
    if (given(key) && typeof values[key] !== "function") {
      throw new PasswordResetConfigError(`${prefix}${key}`, `must be a function ${shape}.`);
    }
  }
  if (given(current)) return {};
  if (given(old)) return { old: { old: `${prefix}${old}`, current: `${prefix}${current}` } };
  return undefined;
}

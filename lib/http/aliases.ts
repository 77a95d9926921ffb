/**
 * One alias map for every route: the built-in spellings (`phone`, `confirmPassword`,
 * `redirect_url`) and the app's `aliases` option, applied once to a body before any field is read.
 */
import { validationError } from "../errors.js";
import type { AliasSetting } from "../settings/settings.js";
import { REQUEST_FIELDS } from "../vocabulary.js";

const PACKAGE_FIELDS: ReadonlySet<string> = new Set(REQUEST_FIELDS);

/** `sentAs` of a body that used no alias. */
const asSent = (field: string): string => field;

/** A body with every aliased field under the package's name. */
export interface CanonicalBody {
  /** The fields, package names for aliased ones; other fields as sent. */
  body: Record<string, unknown>;
  /** The name a package field was sent under, for error details ("phone", not "mobile"). */
  sentAs(field: string): string;
}

/**
 * Renames aliased fields. A built-in alias sent beside the field it stands for is refused (which
 * one did the client mean?); the app's own aliases yield to a field sent under its own name. An
 * alias that is itself a package field (`token` → `code`) is a rename and stops meaning itself.
 */
export function applyAliases(body: Record<string, unknown>, aliases: readonly AliasSetting[]): CanonicalBody {
  const renamed: Record<string, unknown> = Object.assign(Object.create(null) as object, body);
  // Made only when a field was sent under an alias: most bodies use the package's names.
  let names: Map<string, string> | undefined;
  for (const { alias, field, builtIn } of aliases) {
    if (body[alias] === undefined) continue;
    if (body[field] !== undefined) {
      if (!builtIn) continue;
      const message = `send only one of ${field} and ${alias}`;
      throw validationError([
        { field, message },
        { field: alias, message },
      ]);
    }
    if (renamed[field] !== undefined) continue;
    renamed[field] = body[alias];
    (names ??= new Map()).set(field, alias);
    if (PACKAGE_FIELDS.has(alias)) delete renamed[alias];
  }
  const aliased = names;
  return { body: renamed, sentAs: aliased ? (field) => aliased.get(field) ?? field : asSent };
}

/** `http.aliases` and `http.fields`: the names clients send the package's fields under, and extra fields. */
import Joi from "joi";
import { PasswordResetConfigError } from "../config-error.js";
import type { RequestField } from "../types.js";
import { REQUEST_FIELDS, ROUTE_NAMES } from "../vocabulary.js";
import { isObject, rejectUnknownKeys } from "./checks.js";
import type { AliasSetting, HttpSettings } from "./settings.js";

/** Aliases every router accepts: other spellings clients commonly use for the package's fields. */
const BUILT_IN_ALIASES: readonly AliasSetting[] = [
  { alias: "phone", field: "mobile", builtIn: true },
  { alias: "confirmPassword", field: "passwordConfirm", builtIn: true },
  { alias: "redirect_url", field: "redirectUrl", builtIn: true },
];

/**
 * `aliases` (spelled `name`): the built-in aliases, then the app's. `linksPossible`: this router
 * mails links, whose tokens come back as `token`, which must then keep its name.
 */
export function resolveAliases(
  name: string,
  value: unknown,
  linksPossible: boolean,
): readonly AliasSetting[] {
  if (value === undefined) return BUILT_IN_ALIASES;
  if (!isObject(value)) {
    throw new PasswordResetConfigError(name, 'must be an object such as `{ resetToken: ["sessionId"] }`.');
  }
  rejectUnknownKeys(`${name}.`, value, REQUEST_FIELDS);
  const aliases: AliasSetting[] = [];
  const taken = new Set<string>();
  for (const [field, names] of Object.entries(value)) {
    if (names === undefined) continue;
    if (!Array.isArray(names) || names.some((alias) => typeof alias !== "string" || alias === "")) {
      throw new PasswordResetConfigError(`${name}.${field}`, "must be an array of field names.");
    }
    for (const alias of names as string[]) {
      // A package field's own name may be an alias: it is then renamed, and no longer means itself.
      if (alias === field || taken.has(alias)) {
        throw new PasswordResetConfigError(
          `${name}.${field}`,
          `cannot use "${alias}": it already names a field.`,
        );
      }
      if (alias === "token" && linksPossible) {
        throw new PasswordResetConfigError(
          `${name}.${field}`,
          'cannot rename "token": this router sends links, whose tokens come back as `token`.',
        );
      }
      taken.add(alias);
      aliases.push({ alias, field: field as RequestField, builtIn: false });
    }
  }
  for (const { alias, field } of aliases) {
    if (aliases.some((other) => other.field === alias)) {
      throw new PasswordResetConfigError(
        `${name}.${field}`,
        `cannot rename "${alias}" and give it aliases at once.`,
      );
    }
  }
  return [...BUILT_IN_ALIASES, ...aliases];
}

/** `fields` (spelled `name`): joi schemas of extra body fields, per route. */
export function resolveFields(name: string, value: unknown): HttpSettings["fields"] {
  if (value === undefined) return {};
  if (!isObject(value)) {
    throw new PasswordResetConfigError(
      name,
      "must be an object such as `{ reset: { brand: Joi.string().required() } }`.",
    );
  }
  rejectUnknownKeys(`${name}.`, value, ROUTE_NAMES);
  const resolved: HttpSettings["fields"] = {};
  for (const route of ROUTE_NAMES) {
    const schemas = value[route];
    if (schemas === undefined) continue;
    if (!isObject(schemas) || Object.values(schemas).some((schema) => !Joi.isSchema(schema))) {
      throw new PasswordResetConfigError(`${name}.${route}`, "must map field names to joi schemas.");
    }
    resolved[route] = { ...(schemas as Record<string, Joi.Schema>) };
  }
  return resolved;
}

/**
 * Request input checks shared by every route: hostile content is refused before any field is
 * read (guarantee 12), and known fields are typed strictly with joi (strings only, bounded).
 */
import Joi from "joi";
import { validationError, type RequestError } from "./errors.js";
import type { FieldError, RequestField } from "./types.js";

const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
// C0 controls (CR, LF, NUL ...), DEL and C1 controls have no place in any field we read.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 8;
/** Every request field the package reads under its own name; `aliases` may rename them. */
export const REQUEST_FIELDS: readonly RequestField[] = [
  "email",
  "mobile",
  "username",
  "identifierType",
  "identifierValue",
  "token",
  "code",
  "resetToken",
  "requestToken",
  "password",
  "passwordConfirm",
  "redirectUrl",
];
const PACKAGE_FIELDS: ReadonlySet<string> = new Set(REQUEST_FIELDS);

/**
 * Refuses a body holding prototype keys, operator keys (`$ne`), control characters or lone
 * surrogates anywhere, or nesting deeper than {@link MAX_DEPTH}. Only then may fields be read.
 */
export function assertNotHostile(value: unknown, path = "", depth = 0): void {
  if (typeof value === "string") {
    if (CONTROL_CHARACTER.test(value)) throw hostile(path, "must not contain control characters");
    if (LONE_SURROGATE.test(value)) throw hostile(path, "must be valid Unicode text");
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (depth >= MAX_DEPTH) throw hostile(path, "is nested too deeply");
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) throw hostile(childPath, "is not an allowed field name");
    if (key.startsWith("$")) throw hostile(childPath, "operator fields are not allowed");
    if (CONTROL_CHARACTER.test(key) || LONE_SURROGATE.test(key))
      throw hostile("body", "has an invalid field name");
    assertNotHostile(child, childPath, depth + 1);
  }
}

function hostile(field: string, message: string): RequestError {
  const name = field || "body";
  return validationError([{ field: name, message: `${name} ${message}` }]);
}

/**
 * A copy of `body` with aliased fields under the package's names (`sessionId` → `resetToken`).
 * A field sent under its own name wins over its alias.
 */
export function applyAliases(
  body: Record<string, unknown>,
  aliases: ReadonlyMap<string, string>,
): Record<string, unknown> {
  if (aliases.size === 0) return body;
  const renamed: Record<string, unknown> = Object.assign(Object.create(null) as object, body);
  for (const [alias, field] of aliases) {
    if (renamed[field] === undefined && renamed[alias] !== undefined) {
      renamed[field] = renamed[alias];
      // An alias that is itself a package field (`token` → `code`) is a rename: it stops meaning itself.
      if (PACKAGE_FIELDS.has(alias)) delete renamed[alias];
    }
  }
  return renamed;
}

/** A bounded string field: strings only, never numbers, arrays or objects. */
export function stringField(maxLength: number): Joi.StringSchema {
  return Joi.string().max(maxLength);
}

/**
 * A reader of the known fields `fields` of a body: it validates them (other fields pass untouched)
 * and returns them, reporting every problem with its field. The joi schema is compiled once, here,
 * not per request (compiling it is most of what validation costs).
 */
export function fieldReader<T extends Record<string, unknown>>(
  fields: Record<keyof T & string, Joi.Schema>,
): (body: Record<string, unknown>) => Partial<T> {
  const names = Object.keys(fields);
  const schema = Joi.object(fields);
  return (body) => {
    const picked: Record<string, unknown> = {};
    for (const name of names) {
      if (Object.prototype.hasOwnProperty.call(body, name)) picked[name] = body[name];
    }
    return validateFields(schema, picked) as Partial<T>;
  };
}

function validateFields(schema: Joi.ObjectSchema, picked: Record<string, unknown>): unknown {
  const { error, value } = schema.validate(picked, {
    abortEarly: false,
    convert: false,
    errors: { wrap: { label: false } },
  });
  if (error) {
    const details: FieldError[] = error.details.map((detail) => ({
      field: detail.path.join(".") || "body",
      message: detail.message,
    }));
    throw validationError(details);
  }
  return value;
}

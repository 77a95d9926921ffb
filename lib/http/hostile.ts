/**
 * Hostile content is refused before any field is read (guarantee 12): prototype keys, operator
 * keys (`$ne`), control characters, lone surrogates, and nesting deeper than any real client sends.
 */
import { validationError, type RequestError } from "../errors.js";

const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
// C0 controls (CR, LF, NUL ...), DEL and C1 controls have no place in any field we read.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 8;

/**
 * Refuses a body holding prototype keys, operator keys, control characters or lone surrogates
 * anywhere, or nesting deeper than {@link MAX_DEPTH}. Only then may fields be read.
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

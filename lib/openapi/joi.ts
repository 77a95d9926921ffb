/**
 * The `fields` option's joi schemas as JSON Schema, for the common cases: string, number and
 * boolean with their bounds, `valid`, `email`, `uri`, `guid`, `pattern`, and presence. joi's own
 * `describe()` is the input (a stable, documented format), not its internals. Anything else
 * becomes a permissive schema that says so, rather than a guess that could be wrong.
 */
import type { Schema } from "joi";
import type { JsonSchema, JsonValue } from "./types.js";

/** A joi schema as JSON Schema, and whether joi requires the field. */
export interface ConvertedField {
  schema: JsonSchema;
  required: boolean;
}

interface Description {
  type?: string;
  flags?: { presence?: string; only?: boolean; description?: string };
  allow?: unknown[];
  rules?: Array<{ name: string; args?: Record<string, unknown> }>;
}

const TYPES: Readonly<Record<string, string>> = { string: "string", number: "number", boolean: "boolean" };

/** Converts one field's joi schema. */
export function joiToJsonSchema(joi: Schema): ConvertedField {
  const described = joi.describe() as Description;
  const { flags = {} } = described;
  const required = flags.presence === "required";
  if (flags.presence === "forbidden")
    return { schema: { not: {}, description: "Must not be sent." }, required };

  const type = described.type !== undefined ? TYPES[described.type] : undefined;
  const schema: JsonSchema = type !== undefined ? { type } : {};
  const unexpressed: string[] = [];
  if (type === undefined && described.type !== "any")
    unexpressed.push(`joi type \`${described.type ?? "?"}\``);
  for (const rule of described.rules ?? []) {
    if (!applyRule(schema, type, rule.name, rule.args ?? {})) unexpressed.push(`\`${rule.name}\``);
  }
  if (flags.only === true && described.allow !== undefined) {
    schema.enum = described.allow.filter(isJson);
    delete schema.type;
  }
  const notes = [
    flags.description,
    unexpressed.length > 0 ? `Also checked by the app's joi schema: ${unexpressed.join(", ")}.` : undefined,
  ];
  const description = notes.filter((note) => note !== undefined).join(" ");
  if (description !== "") schema.description = description;
  if (unexpressed.length > 0) schema["x-joi"] = true;
  return { schema, required };
}

/** Adds the JSON Schema keyword of one joi rule; false when there is none. */
function applyRule(
  schema: JsonSchema,
  type: string | undefined,
  name: string,
  args: Record<string, unknown>,
): boolean {
  const limit = typeof args.limit === "number" ? args.limit : undefined;
  if (type === "string") {
    if (name === "min" && limit !== undefined) schema.minLength = limit;
    else if (name === "max" && limit !== undefined) schema.maxLength = limit;
    else if (name === "length" && limit !== undefined) schema.minLength = schema.maxLength = limit;
    else if (name === "email") schema.format = "email";
    else if (name === "uri") schema.format = "uri";
    else if (name === "guid") schema.format = "uuid";
    else if (name === "pattern") return applyPattern(schema, args);
    else return false;
    return true;
  }
  if (type === "number") {
    if (name === "integer") schema.type = "integer";
    else if (name === "min" && limit !== undefined) schema.minimum = limit;
    else if (name === "max" && limit !== undefined) schema.maximum = limit;
    else if (name === "greater" && limit !== undefined) schema.exclusiveMinimum = limit;
    else if (name === "less" && limit !== undefined) schema.exclusiveMaximum = limit;
    else return false;
    return true;
  }
  return false;
}

/** `pattern(/re/)` as `pattern`, when its meaning survives: no flags, not inverted. */
function applyPattern(schema: JsonSchema, args: Record<string, unknown>): boolean {
  const match = typeof args.regex === "string" ? /^\/(.*)\/([a-z]*)$/s.exec(args.regex) : null;
  const options = args.options as { invert?: boolean } | undefined;
  if (!match || match[2] !== "" || options?.invert === true) return false;
  schema.pattern = match[1] ?? "";
  return true;
}

function isJson(value: unknown): value is JsonValue {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

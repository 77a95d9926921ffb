/**
 * The request body of a route: the package's fields under every name a client may send them by
 * (the field's own, unless an alias took it over, and its aliases, built-in and the app's), then
 * the `http.fields` option's extras. One schema, offered for the three content types the router reads.
 */
import type { Settings } from "../settings/settings.js";
import type { RouteName } from "../types.js";
import { REQUEST_FIELDS } from "../vocabulary.js";
import { fieldSchema } from "./fields.js";
import { joiToJsonSchema } from "./joi.js";
import type { FieldUse } from "./routes.js";
import type { JsonObject, JsonSchema } from "./types.js";

/** The content types the router reads a body in. */
export const REQUEST_MEDIA_TYPES = [
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
] as const;

const PACKAGE_FIELDS: ReadonlySet<string> = new Set(REQUEST_FIELDS);

/** The body schema of `route`, reading `uses`. */
export function requestSchema(settings: Settings, route: RouteName, uses: readonly FieldUse[]): JsonSchema {
  const properties: JsonObject = {};
  const required: string[] = [];
  const alternatives: JsonSchema[] = [];
  // A package field's own name that an alias took over no longer means that field.
  const taken = new Set(
    settings.http.aliases.map(({ alias }) => alias).filter((alias) => PACKAGE_FIELDS.has(alias)),
  );
  for (const { field, required: always } of uses) {
    const names: string[] = taken.has(field) ? [] : [field];
    if (names.length > 0) properties[field] = fieldSchema(field, settings);
    for (const { alias } of settings.http.aliases.filter((setting) => setting.field === field)) {
      if (names.includes(alias)) continue;
      names.push(alias);
      const schema = fieldSchema(field, settings);
      properties[alias] = {
        ...schema,
        description: `Another name for \`${field}\`. ${String(schema.description ?? "")}`.trim(),
      };
    }
    if (!always || names.length === 0) continue;
    if (names.length === 1) required.push(names[0]!);
    else alternatives.push({ oneOf: names.map((name) => ({ required: [name] })) });
  }
  for (const [name, joi] of Object.entries(settings.http.fields[route] ?? {})) {
    const converted = joiToJsonSchema(joi);
    properties[name] = converted.schema;
    if (converted.required) required.push(name);
  }
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(alternatives.length > 0 ? { allOf: alternatives } : {}),
  };
}

/** A request body offering `schema` in each content type the router reads. */
export function requestBody(schema: JsonSchema): JsonObject {
  const content: JsonObject = {};
  for (const type of REQUEST_MEDIA_TYPES) content[type] = { schema };
  const description = "JSON, the same JSON sent as `text/plain` (no CORS preflight), or a urlencoded form.";
  return { required: true, description, content };
}

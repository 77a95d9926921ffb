/**
 * `router.openapi()`: the OpenAPI 3.1 document of a router as configured, built from its settings
 * (never from a request). Routes come from `ROUTE_DOCS`, fields from `fields.ts`, responses from
 * `responses.ts`, the pages' operations from the pages themselves; this file puts them on their
 * paths.
 */
import type { PagesOpenApi } from "../pages/index.js";
import type { Settings } from "../settings/settings.js";
import type { RouteName } from "../types.js";
import { ROUTE_NAMES } from "../vocabulary.js";
import { requestBody, requestSchema } from "./requests.js";
import { errorResponses, RESPONSE_COMPONENTS, successResponse, type BodyShape } from "./responses.js";
import { commonErrors, ROUTE_DOCS } from "./routes.js";
import type { JsonObject, JsonSchema, OpenApiDocument, OpenApiOptions } from "./types.js";

const ENVELOPE_NOTE =
  'Every JSON answer is an envelope: `{"success": true, "data": {…}}` or ' +
  '`{"success": false, "error": {"type", "message", "details"?}}`.';
const HEADERS_NOTE =
  "Every response carries `Cache-Control: no-store`, `Referrer-Policy: no-referrer` and " +
  "`X-Content-Type-Options: nosniff`; `OPTIONS` answers 204 with `Allow`.";

/**
 * Builds the document of the router whose settings are `settings`, with the hosted pages'
 * operations when `pages` (their part of the document) is given.
 */
export function buildOpenApiDocument(
  settings: Settings,
  options: OpenApiOptions = {},
  pages?: PagesOpenApi,
): OpenApiDocument {
  const prefix = mountPrefix(options.mountPath);
  const paths: Record<string, Record<string, JsonObject>> = {};
  const at = (path: string) => (paths[`${prefix}${path}`] ??= {});
  // Request bodies are components, so the three content types share one schema.
  const schemas: JsonObject = { ...(RESPONSE_COMPONENTS.schemas as JsonObject) };

  for (const route of ROUTE_NAMES) {
    const path = settings.http.paths[route];
    if (path === undefined) continue; // `check` is off unless configured
    const name = `${capitalised(route)}Request`;
    schemas[name] = requestOf(settings, route, options);
    const item = at(path);
    const formPost = pages?.formPostResponses[route];
    const operation = routeOperation(settings, route, options, `#/components/schemas/${name}`, formPost);
    item.post = item.post === undefined ? operation : sharePath(item.post, operation);
  }
  for (const [path, operation] of pages?.operations ?? []) at(path).get = operation;

  const info = {
    title: options.title ?? "Password reset",
    version: options.version ?? "1.0.0",
    description: [options.description, settings.http.formatResponse ? undefined : ENVELOPE_NOTE, HEADERS_NOTE]
      .filter((part) => part !== undefined)
      .join("\n\n"),
  };
  return {
    openapi: "3.1.0",
    info,
    ...(options.serverUrl !== undefined ? { servers: [{ url: checkServerUrl(options.serverUrl) }] } : {}),
    paths,
    components: { ...RESPONSE_COMPONENTS, schemas, securitySchemes: SECURITY_SCHEMES },
  };
}

const SECURITY_SCHEMES: JsonObject = {
  bearer: {
    type: "http",
    scheme: "bearer",
    description: "A reset session from verify (on reset) or a request token from forgot (beside a code).",
  },
};

/** The `POST` operation of one route. */
function routeOperation(
  settings: Settings,
  route: RouteName,
  options: OpenApiOptions,
  requestRef: string,
  formPostResponses: JsonObject | undefined,
): JsonObject {
  const doc = ROUTE_DOCS[route];
  const description = doc.description(settings);
  const shape: BodyShape = settings.http.formatResponse
    ? { kind: "formatted", schemas: options.responses?.[route] ?? {} }
    : { kind: "envelope" };
  const bearer = doc.bearer(settings);
  return {
    operationId: route,
    summary: doc.summary,
    description,
    requestBody: requestBody({ $ref: requestRef }),
    ...(bearer !== undefined ? { security: [{}, { bearer: [] }] } : {}),
    responses: {
      "200": successResponse(doc.data(settings), shape),
      ...formPostResponses,
      ...errorResponses([...commonErrors(settings), ...doc.errors(settings)], shape),
    },
  };
}

/**
 * The body schema of `route`: the app's, when it gave one; the app's too (marked, permissive)
 * when its `parseRequest` reads its own shape; else the package's fields.
 */
function requestOf(settings: Settings, route: RouteName, options: OpenApiOptions): JsonSchema {
  const given = options.requests?.[route];
  if (given !== undefined) return given;
  if (settings.http.parseRequest !== undefined) {
    return {
      description:
        "Read by the app's `parseRequest`; pass `requests` to `router.openapi()` to describe it here.",
      "x-app-defined": true,
    };
  }
  return requestSchema(settings, route, ROUTE_DOCS[route].fields(settings));
}

/** `mountPath` as a prefix: `""`, or `/a/b` without a trailing slash. */
function mountPrefix(mountPath: string | undefined): string {
  if (mountPath === undefined) return "";
  if (typeof mountPath !== "string" || !mountPath.startsWith("/") || /[?#{}\s]/.test(mountPath)) {
    throw new TypeError(
      `router.openapi(): \`mountPath\` must be a path starting with "/", such as "/auth/password".`,
    );
  }
  return mountPath.replace(/\/+$/, "");
}

function checkServerUrl(url: string): string {
  if (typeof url !== "string" || url === "" || /\s/.test(url)) {
    throw new TypeError(
      'router.openapi(): `serverUrl` must be a URL, such as "https://api.example.com/auth/password".',
    );
  }
  return url.replace(/\/+$/, "") || "/";
}

/**
 * One `POST` for two routes on one path (a `parseRequest` that tells them apart by the body):
 * either request body, and at each status either route's answer.
 */
function sharePath(first: JsonObject, second: JsonObject): JsonObject {
  const responses: JsonObject = { ...(first.responses as JsonObject) };
  for (const [status, response] of Object.entries(second.responses as JsonObject)) {
    const before = responses[status] as JsonObject | undefined;
    responses[status] = before === undefined ? response : eitherResponse(before, response as JsonObject);
  }
  const security = first.security ?? second.security;
  return {
    operationId: `${String(first.operationId)}Or${capitalised(String(second.operationId))}`,
    summary: `${String(first.summary)}, or: ${String(second.summary)}`,
    description: `Two routes share this path; the app's \`parseRequest\` tells them apart. ${String(first.description)} Or: ${String(second.description)}`,
    requestBody: eitherContent(first.requestBody as JsonObject, second.requestBody as JsonObject),
    ...(security !== undefined ? { security } : {}),
    responses,
  };
}

/** A response or body whose content is either of two: `anyOf` of the schemas, per media type. */
function eitherContent(first: JsonObject, second: JsonObject): JsonObject {
  const content: JsonObject = { ...(first.content as JsonObject | undefined) };
  for (const [type, media] of Object.entries((second.content as JsonObject | undefined) ?? {})) {
    const before = content[type] as { schema: JsonSchema } | undefined;
    const schema = (media as { schema: JsonSchema }).schema;
    content[type] =
      before === undefined || JSON.stringify(before.schema) === JSON.stringify(schema)
        ? { schema }
        : { schema: { anyOf: [before.schema, schema] } };
  }
  const merged: JsonObject = { ...first, ...second };
  delete merged.content;
  return Object.keys(content).length > 0 ? { ...merged, content } : merged;
}

function eitherResponse(first: JsonObject, second: JsonObject): JsonObject {
  const merged = eitherContent(first, second);
  const description =
    first.description === second.description
      ? String(first.description)
      : `${String(first.description)} ${String(second.description)}`;
  return { ...merged, description };
}

function capitalised(name: string): string {
  return `${name[0]?.toUpperCase() ?? ""}${name.slice(1)}`;
}

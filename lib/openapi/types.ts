/**
 * The public types of `router.openapi()`: its options and the document it returns. The document
 * is plain JSON data, typed loosely below its top level (OpenAPI has hundreds of keywords; a
 * viewer, a validator or a client generator reads it, not the app's code).
 */
// The route names come from the vocabulary, not from `types.ts`: that file imports these types,
// and the two would import each other.
import type { ROUTE_NAMES } from "../vocabulary.js";

type RouteName = (typeof ROUTE_NAMES)[number];

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), as a plain object. */
export type JsonSchema = JsonObject;

/** JSON Schemas of the bodies a custom `formatResponse` writes for one route. */
export interface OpenApiResponseSchemas {
  /** The body of a success (status 200). [marked app-defined] */
  success?: JsonSchema;
  /** The body of every error of the route. [marked app-defined] */
  error?: JsonSchema;
}

/** Options of {@link PasswordResetRouter.openapi}. Every one is optional. */
export interface OpenApiOptions {
  /**
   * The path the router is mounted at, e.g. `"/auth/password"`: it prefixes every path of the
   * document. Leave it out when `serverUrl` already ends with the mount path. [none: paths are
   * relative to the mount point]
   */
  mountPath?: string;
  /**
   * `servers[0].url`: where the paths start, absolute (`"https://api.example.com/auth/password"`)
   * or relative to where the document is served (`"/auth/password"`). [no `servers`]
   */
  serverUrl?: string;
  /** `info.title`. [`"Password reset"`] */
  title?: string;
  /** `info.version`: the version of the app's API, not of this package. [`"1.0.0"`] */
  version?: string;
  /** `info.description`, before the package's own notes on the envelope and headers. [none] */
  description?: string;
  /**
   * Response body schemas per route, for a router with a custom `formatResponse`: what the
   * formatter writes cannot be known here, so without these the responses are marked
   * `x-app-defined: true` with a permissive schema. Ignored without `formatResponse`. [none]
   */
  responses?: Partial<Record<RouteName, OpenApiResponseSchemas>>;
  /**
   * Request body schemas per route, replacing the package's own: for a router whose
   * `parseRequest` reads the app's own request shape (without one such a route's body is marked
   * `x-app-defined: true`). [the package's fields, aliases and `fields` extras]
   */
  requests?: Partial<Record<RouteName, JsonSchema>>;
}

/** An OpenAPI 3.1 document: plain data, ready for `JSON.stringify` or `res.json()`. */
export interface OpenApiDocument {
  /** The OpenAPI version: `"3.1.0"`. */
  openapi: "3.1.0";
  /** Title, version and description of the API. */
  info: { title: string; version: string; description?: string };
  /** Where the paths start, when `serverUrl` was given. */
  servers?: Array<{ url: string }>;
  /** Operations by path and lower-case method. */
  paths: Record<string, Record<string, JsonObject>>;
  /** Shared schemas, headers and security schemes. */
  components: JsonObject;
}

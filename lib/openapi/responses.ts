/**
 * The responses of a route: the envelope (`{success, data}` / `{success:false, error}`) grouped
 * by status from `ERROR_TABLE`, with the headers a client must read (`Retry-After` on 429, `Allow`
 * on 405). With a custom `formatResponse` the bodies are the app's: its schemas when it gave them,
 * else a permissive schema marked `x-app-defined`.
 */
import { ERROR_TABLE } from "../errors.js";
import type { ErrorType } from "../types.js";
import type { JsonObject, JsonSchema, OpenApiResponseSchemas } from "./types.js";

/** How response bodies are described: the package's envelope, or the app's formatter's. */
export type BodyShape = { kind: "envelope" } | { kind: "formatted"; schemas: OpenApiResponseSchemas };

const APP_DEFINED_NOTE =
  "Shaped by the app's `formatResponse`; pass `responses` to `router.openapi()` to describe it here.";

/** Shared components the responses refer to. */
export const RESPONSE_COMPONENTS: JsonObject = {
  schemas: {
    FieldError: {
      type: "object",
      required: ["field", "message"],
      properties: {
        field: { type: "string", description: "The request field at fault, as the client sent it." },
        message: { type: "string" },
      },
    },
  },
  headers: {
    RetryAfter: {
      description: "Seconds until the limit's window ends.",
      schema: { type: "integer", minimum: 1 },
    },
    Allow: { description: "The methods this path answers.", schema: { type: "string" } },
  },
};

/** The success response (200) of a route whose envelope `data` is `data`. */
export function successResponse(data: JsonSchema, shape: BodyShape): JsonObject {
  if (shape.kind === "formatted") return formattedResponse("Success.", shape.schemas.success);
  return jsonResponse("Success.", {
    type: "object",
    required: ["success", "data"],
    properties: { success: { const: true }, data },
  });
}

/** The error responses of a route, one per status, each naming the types it carries. */
export function errorResponses(types: readonly ErrorType[], shape: BodyShape): Record<string, JsonObject> {
  const byStatus = new Map<number, ErrorType[]>();
  for (const type of new Set(types)) {
    const { status } = ERROR_TABLE[type];
    byStatus.set(status, [...(byStatus.get(status) ?? []), type]);
  }
  const responses: Record<string, JsonObject> = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    const description = group.map((type) => `\`${type}\`: ${ERROR_TABLE[type].message}`).join(" ");
    const response =
      shape.kind === "formatted"
        ? formattedResponse(description, shape.schemas.error)
        : jsonResponse(description, errorEnvelope(group));
    const headers = headersOf(group);
    responses[String(status)] = headers ? { ...response, headers } : response;
  }
  return responses;
}

/** `{success:false, error:{type, message, details?}}` with `type` one of `types`. */
function errorEnvelope(types: readonly ErrorType[]): JsonSchema {
  return {
    type: "object",
    required: ["success", "error"],
    properties: {
      success: { const: false },
      error: {
        type: "object",
        required: ["type", "message"],
        properties: {
          type: { type: "string", enum: [...types] },
          message: { type: "string", description: "Safe to show to the user." },
          details: {
            type: "array",
            items: { $ref: "#/components/schemas/FieldError" },
            description: "With `VALIDATION_ERROR`: the fields at fault.",
          },
        },
      },
    },
  };
}

function headersOf(types: readonly ErrorType[]): JsonObject | undefined {
  if (types.includes("RATE_LIMITED")) return { "Retry-After": { $ref: "#/components/headers/RetryAfter" } };
  if (types.includes("METHOD_NOT_ALLOWED")) return { Allow: { $ref: "#/components/headers/Allow" } };
  return undefined;
}

function jsonResponse(description: string, schema: JsonSchema): JsonObject {
  return { description, content: { "application/json": { schema } } };
}

function formattedResponse(description: string, schema: JsonSchema | undefined): JsonObject {
  if (schema !== undefined) return jsonResponse(description, schema);
  return {
    description: `${description} ${APP_DEFINED_NOTE}`,
    "x-app-defined": true,
    content: { "application/json": { schema: { description: APP_DEFINED_NOTE } } },
  };
}

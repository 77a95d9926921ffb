// Shared by the OpenAPI tests: the router configurations documented, the OpenAPI 3.1 validator,
// and JSON Schema checks of bodies against the schemas the document gives.
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import Joi from "joi";
import { MemoryTokenStore } from "../../lib/index.js";
import type { OpenApiDocument, TokenStore } from "../../lib/index.js";
import type { TestAppOptions } from "../helpers/app.js";
import { SECRET } from "../helpers/fixtures.js";
import { DEFAULT_USERS, FakeUsers } from "../helpers/users.js";

/** Errors on OpenAPI 3.1 grounds, or `[]` for a valid document. */
export async function openApiErrors(document: OpenApiDocument): Promise<unknown[]> {
  const result = await new Validator().validate(
    JSON.parse(JSON.stringify(document)) as Record<string, unknown>,
  );
  if (result.valid) return [];
  return Array.isArray(result.errors) ? result.errors : [result.errors];
}

/** A JSON Schema check of the schema at `pointer` (a JSON pointer into the document). */
export function schemaAt(document: OpenApiDocument, pointer: string): ValidateFunction {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    formats: { email: true, uri: true, uuid: true },
  });
  ajv.addSchema(JSON.parse(JSON.stringify(document)) as object, "openapi.json");
  return ajv.compile({ $ref: `openapi.json#${pointer}` });
}

/** `a/b` as a JSON pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A memory store whose every call fails while `failing` is set: adapter failures on demand. */
export class FailingStore extends MemoryTokenStore {
  failing = false;

  override async countAttempt(key: string, windowMs: number): ReturnType<TokenStore["countAttempt"]> {
    if (this.failing) throw new Error("store down");
    return super.countAttempt(key, windowMs);
  }
}

/** A user with no address to send anything to (revealing forgot answers OPERATION_FAILED). */
export const NO_ADDRESS_USER = { id: "u9", username: "nomail", passwordHash: "old" };

/** The router configurations the tests document and check, by name. */
export const CONFIGS: Record<string, () => TestAppOptions & { tokenStore: FailingStore }> = {
  // The defaults (rate limits on), plus a slow-body deadline short enough to provoke.
  defaults: () => ({
    rateLimit: undefined,
    tokenStore: new FailingStore(),
    secret: SECRET,
    bodyTimeoutMs: 100,
    delivery: { reportUrl: "https://app.example.com/report" },
  }),
  // Every identifier type, codes, request tokens, aliases, extra fields, pages, authorize, reveal.
  everything: () => ({
    rateLimit: undefined,
    tokenStore: new FailingStore(),
    secret: SECRET,
    bodyTimeoutMs: 100,
    users: new FakeUsers([...DEFAULT_USERS, NO_ADDRESS_USER]),
    identifiers: ["email", "mobile", "username"],
    delivery: { email: "code", reportUrl: "https://app.example.com/report" },
    requestTokens: true,
    revealUnknownUser: true,
    authorize: (req) => req.headers["x-deny"] === undefined,
    aliases: { mobile: ["msisdn"], resetToken: ["sessionId"] },
    fields: {
      forgot: { source: Joi.string().valid("web", "app") },
      reset: { brand: Joi.string().valid("acme", "other").required() },
    },
    resetUrl: "https://app.example.com/auth/password/reset",
    pages: true,
    paths: { check: "/check" },
  }),
  // Every account has a second factor, whose right answer is SECOND_FACTOR_ANSWER.
  secondFactor: () => ({
    rateLimit: undefined,
    tokenStore: new FailingStore(),
    secret: SECRET,
    bodyTimeoutMs: 100,
    accounts: {
      secondFactor: { required: () => true, verify: ({ answer }) => answer === SECOND_FACTOR_ANSWER },
    },
    delivery: { reportUrl: "https://app.example.com/report" },
  }),
};

/** The right second-factor answer in the configuration "secondFactor". */
export const SECOND_FACTOR_ANSWER = "246810";

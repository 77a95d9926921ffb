// router.openapi(): the document is valid OpenAPI 3.1 under a real validator for every kind of
// configuration, and says what the configuration does (fields, aliases, errors, pages, formatters).
import { expect } from "chai";
import Joi from "joi";
import { ConsoleMailer } from "../../lib/index.js";
import type { JsonObject, OpenApiDocument, PasswordResetRouter } from "../../lib/index.js";
import { buildOpenApiDocument } from "../../lib/openapi/document.js";
import { resolveSettings } from "../../lib/settings/resolve.js";
import { createTestApp, EXPRESS_VERSIONS, type TestAppOptions } from "../helpers/app.js";
import { CONFIGS, openApiErrors } from "./support.js";

const routers: PasswordResetRouter[] = [];
function documentOf(
  options: TestAppOptions,
  openapi?: Parameters<PasswordResetRouter["openapi"]>[0],
): OpenApiDocument {
  const { router } = createTestApp(EXPRESS_VERSIONS[1], options);
  routers.push(router);
  return router.openapi(openapi);
}

const FORMATTED: TestAppOptions = {
  formatResponse: (outcome) => ({
    status: outcome.status,
    body: outcome.success ? { ok: true, ...outcome.data } : { ok: false, code: outcome.error?.type },
  }),
};

/** The operation at `path` / `method`, failing the test when there is none. */
function operation(document: OpenApiDocument, path: string, method = "post"): JsonObject {
  const found = document.paths[path]?.[method];
  expect(found, `${method.toUpperCase()} ${path}`).to.be.an("object");
  return found!;
}
const requestSchema = (document: OpenApiDocument, route: string) =>
  (document.components.schemas as JsonObject)[
    `${route[0]!.toUpperCase()}${route.slice(1)}Request`
  ] as JsonObject;
const properties = (schema: JsonObject) => Object.keys(schema.properties as JsonObject);
const errorTypes = (op: JsonObject, status: string) =>
  (
    (
      (((op.responses as JsonObject)[status] as JsonObject).content as JsonObject)[
        "application/json"
      ] as JsonObject
    ).schema as {
      properties: { error: { properties: { type: { enum: string[] } } } };
    }
  ).properties.error.properties.type.enum;

describe("router.openapi()", () => {
  after(async () => {
    await Promise.all(routers.map((router) => router.close()));
  });

  const configurations: Array<[string, TestAppOptions, Parameters<PasswordResetRouter["openapi"]>[0]?]> = [
    ["the defaults", {}],
    ["every identifier type, codes, request tokens, aliases, fields and pages", CONFIGS.everything!()],
    ["a custom formatResponse without schemas", FORMATTED],
    [
      "a custom formatResponse with the app's schemas",
      FORMATTED,
      { responses: { forgot: { success: { type: "object" }, error: { type: "object" } } } },
    ],
    [
      "custom paths, a mount path and a server URL",
      { paths: { forgot: "/lost" } },
      { mountPath: "/auth/", serverUrl: "https://api.example.com" },
    ],
  ];
  for (const [name, options, openapi] of configurations) {
    it(`is valid OpenAPI 3.1 and plain JSON with ${name}`, async () => {
      const document = documentOf(options, openapi);
      expect(await openApiErrors(document)).to.deep.equal([]);
      expect(document.openapi).to.equal("3.1.0");
      expect(JSON.parse(JSON.stringify(document))).to.deep.equal(document);
    });
  }

  it("documents the four routes of the defaults, email only, links, and the limits' 429 with Retry-After", () => {
    const document = documentOf({ rateLimit: undefined });
    expect(Object.keys(document.paths)).to.deep.equal(["/forgot", "/verify", "/reset", "/report"]);
    for (const path of Object.keys(document.paths))
      expect(Object.keys(document.paths[path]!)).to.deep.equal(["post"]);
    expect(properties(requestSchema(document, "forgot"))).to.include.members([
      "email",
      "redirectUrl",
      "redirect_url",
    ]);
    expect(properties(requestSchema(document, "forgot"))).to.not.include.members([
      "mobile",
      "phone",
      "username",
    ]);
    expect(properties(requestSchema(document, "verify")))
      .to.include("token")
      .and.not.include("code");
    // The confirmation may come under its built-in alias: one of the two names is required.
    expect(requestSchema(document, "reset").required).to.deep.equal(["password"]);
    expect(requestSchema(document, "reset").allOf).to.deep.equal([
      { oneOf: [{ required: ["passwordConfirm"] }, { required: ["confirmPassword"] }] },
    ]);
    const forgot = operation(document, "/forgot");
    const responses = forgot.responses as JsonObject;
    expect(Object.keys(responses)).to.include.members([
      "200",
      "400",
      "405",
      "408",
      "413",
      "415",
      "429",
      "500",
    ]);
    expect(Object.keys(responses)).to.not.include.members(["401", "404", "502"]);
    expect((responses["429"] as JsonObject).headers).to.have.property("Retry-After");
    expect((responses["405"] as JsonObject).headers).to.have.property("Allow");
    expect(errorTypes(operation(document, "/verify"), "400")).to.deep.equal([
      "VALIDATION_ERROR",
      "INVALID_TOKEN",
      "TOKEN_EXPIRED",
    ]);
    expect(errorTypes(forgot, "400")).to.deep.equal(["VALIDATION_ERROR"]);
    const content = (forgot.requestBody as { content: JsonObject }).content;
    expect(Object.keys(content)).to.deep.equal([
      "application/json",
      "text/plain",
      "application/x-www-form-urlencoded",
    ]);
  });

  it("leaves out 429 when rate limits are off", () => {
    const document = documentOf({ rateLimit: false });
    expect(operation(document, "/forgot").responses).to.not.have.property("429");
  });

  it('documents a "link+code" router\'s token and code, and that using either spends both', () => {
    const document = documentOf({ delivery: { email: "link+code" } });
    for (const route of ["verify", "reset"]) {
      expect(properties(requestSchema(document, route))).to.include.members(["token", "code", "email"]);
      expect(String(operation(document, `/${route}`).description)).to.include(
        "A link and a code mailed together are one grant: using either spends both.",
      );
    }
    const linkOnly = documentOf({});
    expect(String(operation(linkOnly, "/reset").description)).to.not.include("one grant");
  });

  it("documents every identifier type, the aliases, the fields' joi schemas, tokens and the pages", () => {
    const document = documentOf(CONFIGS.everything!());
    const forgot = requestSchema(document, "forgot");
    expect(properties(forgot)).to.include.members([
      "email",
      "mobile",
      "phone",
      "msisdn",
      "username",
      "identifierType",
      "source",
    ]);
    expect((forgot.properties as JsonObject).source).to.deep.include({ enum: ["web", "app"] });
    const reset = requestSchema(document, "reset");
    expect(properties(reset)).to.include.members([
      "code",
      "requestToken",
      "resetToken",
      "sessionId",
      "brand",
    ]);
    expect(reset.required).to.deep.equal(["password", "brand"]);
    const forgotData = (
      ((operation(document, "/forgot").responses as JsonObject)["200"] as JsonObject).content as JsonObject
    )["application/json"] as { schema: { properties: { data: { required: string[] } } } };
    expect(forgotData.schema.properties.data.required).to.deep.equal(["requestToken"]);
    expect(operation(document, "/reset").security).to.deep.equal([{}, { bearer: [] }]);
    const forgotResponses = Object.keys(operation(document, "/forgot").responses as JsonObject);
    expect(forgotResponses).to.include.members(["303", "401", "403", "404", "502"]);
    expect(Object.keys(document.paths)).to.include("/pages-assets/style.css");
    for (const path of ["/forgot", "/reset"]) {
      const page = operation(document, path, "get");
      expect(((page.responses as JsonObject)["200"] as JsonObject).content).to.have.property("text/html");
    }
  });

  it("marks every response app-defined under a custom formatResponse, unless the app gave its schemas", () => {
    const document = documentOf(FORMATTED, {
      responses: { verify: { success: { type: "object", required: ["ok"] } } },
    });
    for (const path of ["/forgot", "/verify", "/reset"]) {
      for (const [status, response] of Object.entries(operation(document, path).responses as JsonObject)) {
        const given = path === "/verify" && status === "200";
        expect((response as JsonObject)["x-app-defined"], `${path} ${status}`).to.equal(
          given ? undefined : true,
        );
      }
    }
    const verify200 = ((operation(document, "/verify").responses as JsonObject)["200"] as JsonObject)
      .content as JsonObject;
    expect(verify200["application/json"]).to.deep.equal({ schema: { type: "object", required: ["ok"] } });
  });

  it("takes the app's request schemas in place of the package's", () => {
    const schema = { type: "object", properties: { data: { type: "array" } } };
    const document = documentOf({}, { requests: { reset: schema } });
    expect(requestSchema(document, "reset")).to.deep.equal(schema);
  });

  it("puts the paths under the mount path and names the server", () => {
    const document = documentOf(
      { paths: { forgot: "/lost" } },
      { mountPath: "/auth/", serverUrl: "https://api.example.com/" },
    );
    expect(Object.keys(document.paths)).to.deep.equal([
      "/auth/lost",
      "/auth/verify",
      "/auth/reset",
      "/auth/report",
    ]);
    expect(document.servers).to.deep.equal([{ url: "https://api.example.com" }]);
  });

  it("refuses a mount path that is not a path", () => {
    const { router } = createTestApp(EXPRESS_VERSIONS[1]);
    routers.push(router);
    expect(() => router.openapi({ mountPath: "auth" })).to.throw(TypeError, /mountPath/);
  });
});

describe("the fields option's joi schemas in the document", () => {
  after(async () => {
    await Promise.all(routers.map((router) => router.close()));
  });

  function converted(schema: Joi.Schema, required = false): JsonObject {
    const document = documentOf({ fields: { forgot: { extra: schema } } });
    const forgot = requestSchema(document, "forgot");
    expect(((forgot.required ?? []) as string[]).includes("extra")).to.equal(required);
    return (forgot.properties as JsonObject).extra as JsonObject;
  }

  it("converts strings with bounds, email, pattern and valid", () => {
    expect(converted(Joi.string().min(2).max(9).required(), true)).to.deep.equal({
      type: "string",
      minLength: 2,
      maxLength: 9,
    });
    expect(converted(Joi.string().email())).to.deep.equal({ type: "string", format: "email" });
    expect(converted(Joi.string().pattern(/^[a-z]+$/))).to.deep.equal({
      type: "string",
      pattern: "^[a-z]+$",
    });
    expect(converted(Joi.string().valid("a", "b"))).to.deep.equal({ enum: ["a", "b"] });
  });

  it("converts numbers and booleans", () => {
    expect(converted(Joi.number().integer().min(1).max(5))).to.deep.equal({
      type: "integer",
      minimum: 1,
      maximum: 5,
    });
    expect(converted(Joi.boolean().description("opt in"))).to.deep.equal({
      type: "boolean",
      description: "opt in",
    });
  });

  it("says what it cannot express instead of guessing", () => {
    const flagged = converted(
      Joi.string()
        .pattern(/^[a-z]+$/i)
        .alphanum(),
    );
    expect(flagged).to.include({ type: "string", "x-joi": true });
    expect(flagged.description).to.match(/pattern.*alphanum/);
    const other = converted(Joi.date());
    expect(other).to.not.have.property("type");
    expect(other.description).to.match(/date/);
    expect(converted(Joi.any().forbidden())).to.deep.include({ not: {} });
  });
});

describe("two routes on one path (for a parseRequest that tells them apart)", () => {
  it("documents one POST taking either body and giving either answer, still valid", async () => {
    const settings = resolveSettings({
      users: { findUser: async () => null, updatePassword: async () => {} },
      mailer: new ConsoleMailer(),
      resetUrl: "https://app.example.com/reset",
      logger: { warn: () => {}, error: () => {} },
    });
    const { http } = settings;
    const shared = { ...settings, http: { ...http, paths: { ...http.paths, verify: http.paths.reset } } };
    const document = buildOpenApiDocument(shared);
    expect(await openApiErrors(document)).to.deep.equal([]);
    expect(Object.keys(document.paths)).to.deep.equal(["/forgot", "/reset", "/report"]);
    const post = operation(document, "/reset");
    expect(post.operationId).to.equal("verifyOrReset");
    const body = (post.requestBody as { content: Record<string, { schema: JsonObject }> }).content[
      "application/json"
    ]!;
    expect(body.schema).to.deep.equal({
      anyOf: [{ $ref: "#/components/schemas/VerifyRequest" }, { $ref: "#/components/schemas/ResetRequest" }],
    });
    const success = ((post.responses as JsonObject)["200"] as JsonObject).content as Record<
      string,
      { schema: JsonObject }
    >;
    expect(success["application/json"]!.schema).to.have.property("anyOf").with.length(2);
  });
});

// The document agrees with the router: every documented path and method is answered, every error
// type documented for a route is one the route gives (provoked here, each in a fresh app), and the
// bodies the router sends match the schemas the document gives for their status.
import { expect } from "chai";
import http from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { ERROR_TABLE, ROUTE_NAMES } from "../../lib/index.js";
import type { ErrorType, JsonObject, OpenApiDocument, RouteName } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { newPassword } from "../helpers/client.js";
import { ALICE } from "../helpers/fixtures.js";
import { CONFIGS, escapePointer, type FailingStore, schemaAt, SECOND_FACTOR_ANSWER } from "./support.js";

const MOUNT = "/auth/password";

interface Subject extends TestApp {
  store: FailingStore;
  document: OpenApiDocument;
}

const open: TestApp[] = [];
function subject(config: string): Subject {
  const options = CONFIGS[config]!();
  const t = createTestApp(EXPRESS_VERSIONS[1], { ...options, mountPath: MOUNT });
  open.push(t);
  // The store keeps real time; the router's clock starts there and only moves forward.
  t.clock.now = Date.now();
  return { ...t, store: options.tokenStore, document: t.router.openapi({ mountPath: MOUNT }) };
}

// Every route of the vocabulary: a new route is checked here as soon as the document has it.
const ROUTES = ROUTE_NAMES;
type Route = RouteName;

/** The documented path of `route` (its operation's `operationId` is the route's name). */
function pathOf(document: OpenApiDocument, route: Route): string {
  const found = Object.entries(document.paths).find(([, item]) => item.post?.operationId === route);
  expect(found, `the POST of ${route}`).to.not.equal(undefined);
  return found![0];
}

function postOf(document: OpenApiDocument, route: Route): JsonObject {
  return document.paths[pathOf(document, route)]!.post!;
}

/** The error types the document lists for `route`, with the status each is listed under. */
function documentedErrors(document: OpenApiDocument, route: Route): Array<[ErrorType, string]> {
  const found: Array<[ErrorType, string]> = [];
  for (const [status, response] of Object.entries(postOf(document, route).responses as JsonObject)) {
    const content = (response as JsonObject).content as JsonObject | undefined;
    const schema = (content?.["application/json"] as JsonObject | undefined)?.schema as
      { properties?: { error?: { properties: { type: { enum: ErrorType[] } } } } } | undefined;
    for (const type of schema?.properties?.error?.properties.type.enum ?? []) found.push([type, status]);
  }
  return found;
}

/** Checks `body` against the document's schema for `route`'s `status` response. */
function expectDocumented(document: OpenApiDocument, route: Route, status: number, body: unknown): void {
  const pointer = [
    "",
    "paths",
    pathOf(document, route),
    "post",
    "responses",
    String(status),
    "content",
    "application/json",
    "schema",
  ]
    .map(escapePointer)
    .join("/");
  const check = schemaAt(document, pointer);
  expect(check(body), `${route} ${status}: ${JSON.stringify(check.errors)}`).to.equal(true);
}

/** Checks a request body the router accepts against the route's documented request schema. */
function expectAcceptedByDocument(document: OpenApiDocument, route: Route, body: object): void {
  const name = `${route[0]!.toUpperCase()}${route.slice(1)}Request`;
  const check = schemaAt(document, `/components/schemas/${name}`);
  expect(check(body), `${route} request ${JSON.stringify(body)}: ${JSON.stringify(check.errors)}`).to.equal(
    true,
  );
}

/** What a reset needs besides its credential, in this configuration. */
function passwordFields(s: Subject): Record<string, string> {
  const fields: Record<string, string> = newPassword();
  const properties = ((s.document.components.schemas as JsonObject).ResetRequest as JsonObject)
    .properties as JsonObject;
  if ("otp" in properties) fields.otp = SECOND_FACTOR_ANSWER;
  return "brand" in properties ? { ...fields, brand: "acme" } : fields;
}

/** Asks for a reset for Alice and returns what she received: `{token}` or `{email, code}`. */
async function aliceCredential(s: Subject): Promise<Record<string, string>> {
  const answer = await request(s.app).post(pathOf(s.document, "forgot")).send({ email: ALICE.email });
  expect(answer.status).to.equal(200);
  await s.router.drain();
  const token = s.mailer.lastToken();
  if (token !== undefined) return { token };
  return { email: ALICE.email, code: s.mailer.last!.code! };
}

/** Resets Alice's password and returns the report link's `{token}` of the notice she received. */
async function aliceReport(s: Subject): Promise<Record<string, string>> {
  const credential = await aliceCredential(s);
  const answer = await request(s.app)
    .post(pathOf(s.document, "reset"))
    .send({ ...credential, ...passwordFields(s) });
  expect(answer.status).to.equal(200);
  await s.router.drain();
  const token = s.mailer.lastReportToken();
  expect(token, "the notice's report link").to.be.a("string");
  return { token: token! };
}

/** A well-formed request of `route` whose secret is wrong. */
function wrongSecret(s: Subject, route: Route): Record<string, string> {
  if (route === "report") return { token: "bogus" };
  const verifyProps = ((s.document.components.schemas as JsonObject).VerifyRequest as JsonObject)
    .properties as JsonObject;
  const credential: Record<string, string> =
    "token" in verifyProps ? { token: "bogus" } : { email: ALICE.email, code: "000000" };
  return route === "reset" ? { ...credential, ...passwordFields(s) } : credential;
}

/** Posts a body over a raw socket and stops writing half way: the router's body deadline answers. */
async function slowPost(s: Subject, path: string): Promise<{ status: number; body: unknown }> {
  const server = http.createServer(s.app).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) => {
      const req = http.request(
        {
          port,
          host: "127.0.0.1",
          method: "POST",
          path,
          headers: { "Content-Type": "application/json", "Content-Length": "100" },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
        },
      );
      req.on("error", reject);
      req.write('{"email":');
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** Makes the router answer `route` with `type`; resolves to the response. */
const PROVOKE: Record<
  ErrorType,
  (s: Subject, route: Route) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>
> = {
  VALIDATION_ERROR: (s, route) => request(s.app).post(pathOf(s.document, route)).send({}),
  UNAUTHORIZED: (s, route) =>
    request(s.app).post(pathOf(s.document, route)).set("X-Deny", "1").send({ email: ALICE.email }),
  METHOD_NOT_ALLOWED: (s, route) => request(s.app).put(pathOf(s.document, route)).send({}),
  REQUEST_TIMEOUT: (s, route) => slowPost(s, pathOf(s.document, route)),
  PAYLOAD_TOO_LARGE: (s, route) =>
    request(s.app)
      .post(pathOf(s.document, route))
      .send({ email: "x".repeat(20_000) }),
  UNSUPPORTED_MEDIA_TYPE: (s, route) =>
    request(s.app).post(pathOf(s.document, route)).set("Content-Type", "application/xml").send("<email/>"),
  INTERNAL_ERROR: (s, route) => {
    s.store.failing = true;
    return request(s.app)
      .post(pathOf(s.document, route))
      .send(route === "forgot" ? { email: ALICE.email } : wrongSecret(s, route));
  },
  RATE_LIMITED: async (s, route) => {
    const body = route === "forgot" ? { email: "someone@example.com" } : wrongSecret(s, route);
    for (let i = 0; ; i += 1) {
      const answer = await request(s.app).post(pathOf(s.document, route)).send(body);
      if (answer.status === 429 || i === 30) return answer;
    }
  },
  NOT_FOUND: (s, route) =>
    request(s.app).post(pathOf(s.document, route)).send({ email: "nobody@example.com" }),
  OPERATION_FAILED: (s, route) => request(s.app).post(pathOf(s.document, route)).send({ username: "nomail" }),
  INVALID_TOKEN: (s, route) => request(s.app).post(pathOf(s.document, route)).send(wrongSecret(s, route)),
  SECOND_FACTOR_REQUIRED: async (s, route) => {
    const { otp: _otp, ...withoutAnswer } = passwordFields(s);
    return request(s.app)
      .post(pathOf(s.document, route))
      .send({ ...(await aliceCredential(s)), ...withoutAnswer });
  },
  INVALID_SECOND_FACTOR: async (s, route) =>
    request(s.app)
      .post(pathOf(s.document, route))
      .send({ ...(await aliceCredential(s)), ...passwordFields(s), otp: "000000" }),
  TOKEN_EXPIRED: async (s, route) => {
    if (route === "report") {
      const report = await aliceReport(s);
      s.clock.now += 8 * 86400 * 1000;
      return request(s.app).post(pathOf(s.document, route)).send(report);
    }
    const credential = await aliceCredential(s);
    s.clock.now += 2 * 3600 * 1000;
    const body = route === "reset" ? { ...credential, ...passwordFields(s) } : credential;
    return request(s.app).post(pathOf(s.document, route)).send(body);
  },
};

describe("the OpenAPI document agrees with the router", () => {
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.router.close()));
  });

  it("accepts the aliases and the pair the router accepts, and refuses what it refuses (everything)", async () => {
    const s = subject("everything");
    const accepted = [
      { phone: "+14155550100" },
      { msisdn: "+14155550100" },
      { identifierType: "username", identifierValue: "alice" },
      { email: "bob@example.com", source: "app" },
    ];
    for (const body of accepted) {
      expectAcceptedByDocument(s.document, "forgot", body);
      expect(
        (await request(s.app).post(pathOf(s.document, "forgot")).send(body)).status,
        JSON.stringify(body),
      ).to.equal(200);
    }
    // `brand` is the app's required extra field on reset; `source` only takes its listed values.
    const refused: Array<[Route, Record<string, string>]> = [
      ["reset", { resetToken: "x", ...newPassword() }],
      ["forgot", { email: ALICE.email, source: "fax" }],
    ];
    for (const [route, body] of refused) {
      const name = `${route[0]!.toUpperCase()}${route.slice(1)}Request`;
      expect(schemaAt(s.document, `/components/schemas/${name}`)(body), JSON.stringify(body)).to.equal(false);
      const answer = await request(s.app).post(pathOf(s.document, route)).send(body);
      expect(answer.status, JSON.stringify(body)).to.equal(400);
    }
  });

  for (const config of Object.keys(CONFIGS)) {
    describe(`with the configuration "${config}"`, () => {
      it("answers every documented path and method with a documented status", async () => {
        const s = subject(config);
        for (const [path, methods] of Object.entries(s.document.paths)) {
          for (const [method, op] of Object.entries(methods)) {
            const answer =
              method === "get" ? await request(s.app).get(path) : await request(s.app).post(path).send({});
            const documented = Object.keys(op.responses as JsonObject);
            expect(documented, `${method} ${path}`).to.include(String(answer.status));
          }
        }
      });

      for (const route of ROUTES) {
        it(`${route}: gives each error type the document lists, under its status and schema`, async () => {
          const { document } = subject(config);
          if (!Object.values(document.paths).some((item) => item.post?.operationId === route)) {
            // Only `check` is optional (off unless `paths.check` is set): then neither is it served.
            expect(route).to.equal("check");
            const s = subject(config);
            expect((await request(s.app).post(`${MOUNT}/check`).send({})).status).to.equal(404);
            return;
          }
          const listed = documentedErrors(document, route);
          expect(listed.length).to.be.greaterThan(4);
          for (const [type, status] of listed) {
            const s = subject(config);
            const answer = await PROVOKE[type](s, route);
            expect(answer.status, `${route} ${type}`).to.equal(ERROR_TABLE[type].status);
            expect(String(answer.status)).to.equal(status);
            expect((answer.body as { error: { type: string } }).error.type, `${route} ${type}`).to.equal(
              type,
            );
            expectDocumented(s.document, route, answer.status, answer.body);
            if (type === "RATE_LIMITED") expect(answer.headers?.["retry-after"]).to.match(/^\d+$/);
            if (type === "METHOD_NOT_ALLOWED") expect(answer.headers?.allow).to.include("POST");
          }
        });
      }

      it("answers forgot, verify and reset with the documented success bodies, for requests the document accepts", async () => {
        const s = subject(config);
        expectAcceptedByDocument(s.document, "forgot", { email: ALICE.email });
        const credential = await aliceCredential(s);
        const forgot = await request(s.app)
          .post(pathOf(s.document, "forgot"))
          .send({ email: "bob@example.com" });
        expectDocumented(s.document, "forgot", 200, forgot.body);

        expectAcceptedByDocument(s.document, "verify", credential);
        const verify = await request(s.app).post(pathOf(s.document, "verify")).send(credential);
        expect(verify.status).to.equal(200);
        expectDocumented(s.document, "verify", 200, verify.body);

        const body = {
          resetToken: (verify.body as { data: { resetToken: string } }).data.resetToken,
          ...passwordFields(s),
        };
        expectAcceptedByDocument(s.document, "reset", body);
        const reset = await request(s.app).post(pathOf(s.document, "reset")).send(body);
        expect(reset.status).to.equal(200);
        expectDocumented(s.document, "reset", 200, reset.body);
      });
    });
  }
});

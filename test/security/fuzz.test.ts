// Property-based fuzzing of every route on a real loopback server (Express 5): thousands of random
// JSON values, objects with random (and prototype, operator, known) keys, raw strings and bytes
// under random content types, random headers and methods. Whatever arrives, the router answers
// with its JSON envelope and a status below 500, never crashes, never rejects unhandled (setup.ts
// turns that into a failure), and never hands an adapter an identifier it should have refused.
import type { Server } from "node:http";
import { expect } from "chai";
import fc from "fast-check";
import request from "supertest";
import type { Response } from "supertest";
import { ERROR_TABLE } from "../../lib/index.js";
import { EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { BASE, newPassword } from "../helpers/client.js";
import { GOOD_PASSWORD } from "../helpers/fixtures.js";
import { listen } from "../helpers/server.js";
import { createSmsApp } from "../helpers/sms-apps.js";

// Run counts: 3,300 requests in all, a few seconds on a laptop, so CI fuzzes on every push.
const RUNS = { json: 700, objects: 1100, raw: 700, forms: 400, headers: 400 };

const ROUTES = ["forgot", "verify", "reset"] as const;
const CONTROL_OR_LONE_SURROGATE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const RECORD_ADDRESSES = new Set(["alice@example.com", "bob@example.com"]);
const RECORD_NUMBERS = new Set(["+14155550100", "+447700900123"]);

const route = fc.constantFrom(...ROUTES);
const anyString = fc.string({ unit: "binary", maxLength: 40 });

/** Keys an attacker would try, the route's own fields, and noise. */
const key = fc.oneof(
  fc.constantFrom(
    "email",
    "mobile",
    "phone",
    "username",
    "identifierType",
    "identifierValue",
    "redirectUrl",
    "redirect_url",
    "token",
    "code",
    "resetToken",
    "requestToken",
    "password",
    "passwordConfirm",
    "confirmPassword",
    "__proto__",
    "constructor",
    "prototype",
    "$ne",
    "$where",
    "toString",
    "hasOwnProperty",
    "email[]",
    "",
  ),
  anyString,
);

/** Values: plausible ones (so requests get deep into the flows) and hostile or random ones. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "alice@example.com",
    "Alice@Example.com ",
    "nobody@example.com",
    "+14155550100",
    "+1 (415) 555-0100",
    "alice",
    "EMAIL",
    "mobile",
    "USERNAME",
    "123456",
    "000000",
    GOOD_PASSWORD,
    "short",
    "https://good.example/next",
    "//evil.example",
    "javascript:alert(1)",
    `${"A".repeat(22)}.${"B".repeat(43)}`,
    "Bearer x",
    "__proto__",
  ),
  anyString,
  fc.jsonValue({ maxDepth: 3, stringUnit: "binary" }),
  fc.constantFrom({ $ne: null }, { $gt: "" }, [], ["alice@example.com", "evil@example.net"], null, 0, true),
);

const WELL_FORMED_TOKEN = `${"A".repeat(22)}.${"B".repeat(43)}`;
/** Valid requests of each route, which the near-valid generator then bends. */
const TEMPLATES: Array<Record<string, unknown>> = [
  { email: "alice@example.com" },
  { mobile: "+14155550100" },
  { username: "bob" },
  { identifierType: "EMAIL", identifierValue: "nobody@example.com" },
  { email: "alice@example.com", redirectUrl: "https://good.example/next" },
  { token: WELL_FORMED_TOKEN },
  { email: "alice@example.com", code: "123456" },
  { mobile: "+14155550100", code: "654321" },
  { token: WELL_FORMED_TOKEN, ...newPassword() },
  { email: "alice@example.com", code: "123456", ...newPassword() },
  { resetToken: "eyJhbGciOiJIUzI1NiJ9.e30.x", ...newPassword() },
];

type Entries = Array<[string, unknown]>;

/** A valid template with up to two fields replaced, removed or added: requests that get deep. */
const nearValid: fc.Arbitrary<Entries> = fc
  .tuple(
    fc.constantFrom(...TEMPLATES),
    fc.array(fc.tuple(fc.constantFrom("replace", "remove", "add"), fc.nat(), key, value), { maxLength: 2 }),
  )
  .map(([template, edits]) => {
    const entries: Entries = Object.entries(template);
    for (const [edit, index, k, v] of edits) {
      const at = entries.length === 0 ? 0 : index % entries.length;
      if (edit === "replace" && entries[at]) entries[at] = [entries[at][0], v];
      else if (edit === "remove") entries.splice(at, 1);
      else entries.push([k, v]);
    }
    return entries;
  });

/** Object text built by hand, so duplicate keys and own `__proto__` keys reach the server as sent. */
const objectText = fc
  .oneof(fc.array(fc.tuple(key, value), { maxLength: 6 }), nearValid)
  .map(
    (entries) =>
      `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`,
  );

const jsonType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=UTF8",
  "text/plain",
  "application/vnd.api+json",
);
const contentType = fc.oneof(
  jsonType,
  fc.constantFrom(
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/html",
    "application/json; charset=latin1",
    'application/json; boundary="',
    ";",
    "*/*",
  ),
  fc.string({ unit: "binary-ascii", maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
);

/** Header names that change framing or routing are left alone; anything else is fair game. */
const FRAMING = new Set([
  "content-length",
  "transfer-encoding",
  "host",
  "connection",
  "expect",
  "upgrade",
  "te",
  "trailer",
  "keep-alive",
  "content-type",
]);
const headerName = fc
  .oneof(
    fc.constantFrom(
      "authorization",
      "x-forwarded-for",
      "x-forwarded-host",
      "forwarded",
      "content-encoding",
      "origin",
      "cookie",
      "x-http-method-override",
    ),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  )
  .filter((name) => !FRAMING.has(name));
const headerValue = fc.oneof(
  fc.constantFrom(
    "Bearer ",
    "Bearer a.b.c",
    "Basic YTpi",
    "gzip",
    "identity",
    "br",
    "for=1.2.3.4;host=evil.example",
    "1.2.3.4, 5.6.7.8",
  ),
  fc.string({ unit: "binary-ascii", maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, "").trim()),
);

describe("security: fuzzing every route (Express 5, real server)", function () {
  this.timeout(60_000);
  let t: TestApp;
  let server: Server;
  let close: () => Promise<void>;
  let requests = 0;
  const outcomes = new Map<string, number>();

  before(async () => {
    t = createSmsApp(EXPRESS_VERSIONS[1], {
      identifiers: ["email", "mobile", "username"],
      allowedRedirectOrigins: ["https://good.example"],
    });
    ({ server, close } = await listen(t.app));
  });

  after(async () => {
    await t.router.close();
    await close();
  });

  /** The contract's envelope, whatever was sent. */
  function expectEnvelope(res: Response, sent: string): void {
    requests += 1;
    const where = `${res.status} for ${sent.slice(0, 300)}`;
    expect(res.status, where).to.be.below(500);
    expect(res.headers["content-type"], where).to.equal("application/json; charset=utf-8");
    expect(res.headers["cache-control"], where).to.equal("no-store");
    expect(res.headers["x-content-type-options"], where).to.equal("nosniff");
    expect(res.headers["referrer-policy"], where).to.equal("no-referrer");
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body, where).to.be.an("object");
    const outcome =
      body.success === true ? "200" : String((body.error as { type?: unknown } | undefined)?.type);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    if (body.success === true) {
      expect(res.status, where).to.equal(200);
      expect(body.data, where).to.be.an("object");
      expect(Object.keys(body).sort(), where).to.deep.equal(["data", "success"]);
      return;
    }
    expect(body.success, where).to.equal(false);
    expect(Object.keys(body).sort(), where).to.deep.equal(["error", "success"]);
    const error = body.error as { type: keyof typeof ERROR_TABLE; message: unknown; details?: unknown };
    expect(Object.keys(ERROR_TABLE), where).to.include(error.type);
    expect(ERROR_TABLE[error.type].status, where).to.equal(res.status);
    expect(error.message, where).to.be.a("string").and.not.equal("");
    if (error.details !== undefined) {
      expect(error.details, where).to.be.an("array");
      for (const detail of error.details as Array<Record<string, unknown>>) {
        expect(detail.field, where).to.be.a("string");
        expect(detail.message, where).to.be.a("string");
      }
    }
    if (res.status === 405) expect(res.headers.allow, where).to.equal("OPTIONS, POST");
  }

  function send(
    path: string,
    body: string | Buffer,
    type: string | undefined,
    headers: Record<string, string> = {},
    method = "post",
  ) {
    const req = request(server)[method as "post"](path);
    for (const [name, val] of Object.entries(headers)) req.set(name, val);
    if (type !== undefined) req.set("Content-Type", type);
    // Exactly these bytes: superagent must not re-serialise them.
    return req.serialize((data: unknown) => data as string).send(body as string);
  }

  it(`random JSON values at every route (${RUNS.json} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.jsonValue({ maxDepth: 4, stringUnit: "binary" }),
        jsonType,
        async (r, json, type) => {
          const text = JSON.stringify(json) ?? "null";
          expectEnvelope(await send(`${BASE}/${r}`, text, type), text);
        },
      ),
      { numRuns: RUNS.json },
    );
  });

  it(`objects with random, prototype, operator and known keys (${RUNS.objects} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(route, objectText, async (r, text) => {
        expectEnvelope(await send(`${BASE}/${r}`, text, "application/json"), text);
      }),
      { numRuns: RUNS.objects },
    );
  });

  it(`random strings and bytes as raw bodies under random content types (${RUNS.raw} cases)`, async () => {
    const raw = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }).map((s) => Buffer.from(s, "utf8")),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      objectText.map((s) => Buffer.from(s, "utf8")),
    );
    await fc.assert(
      fc.asyncProperty(route, raw, fc.option(contentType, { nil: undefined }), async (r, body, type) => {
        expectEnvelope(
          await send(`${BASE}/${r}`, body, type),
          `${type ?? "(no type)"} ${body.toString("latin1")}`,
        );
      }),
      { numRuns: RUNS.raw },
    );
  });

  it(`random urlencoded forms, bracket and repeated keys included (${RUNS.forms} cases)`, async () => {
    const formKey = fc.oneof(
      key,
      key.map((k) => `${k}[]`),
      key.map((k) => `user[${k}]`),
    );
    const formValue = fc.oneof(
      anyString,
      value.map((v) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""))),
    );
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.array(fc.tuple(formKey, formValue), { maxLength: 6 }),
        async (r, entries) => {
          const text = new URLSearchParams(entries).toString();
          expectEnvelope(await send(`${BASE}/${r}`, text, "application/x-www-form-urlencoded"), text);
        },
      ),
      { numRuns: RUNS.forms },
    );
  });

  it(`random headers and methods (${RUNS.headers} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
        fc.constantFrom("post", "post", "post", "get", "put", "patch", "delete"),
        objectText,
        async (r, headers, method, text) => {
          const res = await send(
            `${BASE}/${r}`,
            method === "get" ? "" : text,
            "application/json",
            headers,
            method,
          );
          expectEnvelope(res, `${method} ${JSON.stringify(headers)} ${text}`);
        },
      ),
      { numRuns: RUNS.headers },
    );
  });

  it("answered every case, is still serving, and no adapter saw anything it should have refused", async () => {
    const total = Object.values(RUNS).reduce((a, b) => a + b, 0);
    expect(requests).to.be.at.least(total);
    expect(total).to.be.at.least(3000);
    // The fuzzer got past the parser into every layer, not just the first refusal.
    expect([...outcomes.keys()], JSON.stringify([...outcomes])).to.include.members([
      "200",
      "VALIDATION_ERROR",
      "INVALID_TOKEN",
      "UNSUPPORTED_MEDIA_TYPE",
      "METHOD_NOT_ALLOWED",
    ]);
    const res = await request(server).post(`${BASE}/forgot`).send({ email: "alice@example.com" });
    expect(res.status).to.equal(200);
    await t.router.drain();
    for (const lookup of t.users.lookups) {
      expect(Object.keys(lookup).sort()).to.deep.equal(["type", "value"]);
      expect(["email", "mobile", "username"]).to.include(lookup.type);
      expect(lookup.value).to.be.a("string");
      expect(CONTROL_OR_LONE_SURROGATE.test(lookup.value), JSON.stringify(lookup)).to.equal(false);
      expect(lookup.value).to.equal(lookup.value.trim());
    }
    // Guarantee 2 under fire: mail and texts went only to addresses on the user records.
    for (const message of t.mailer.resets)
      expect(RECORD_ADDRESSES.has(message.to), message.to).to.equal(true);
    for (const message of t.sms.messages) expect(RECORD_NUMBERS.has(message.to), message.to).to.equal(true);
    expect(t.logs.filter((line) => line.startsWith("error:"))).to.deep.equal([]);
  });
});

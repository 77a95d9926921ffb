// The HTTP surface: body parsing, the envelope and its headers (OPTIONS included), methods, paths,
// mounting, formatResponse.
import { expect } from "chai";
import request from "supertest";
import type { Outcome } from "../../lib/index.js";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { BASE, post, reset } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

function expectSecurityHeaders(res: request.Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(res.headers[name], name).to.equal(value);
  expect(res.headers["content-type"]).to.match(/^application\/json/);
}

for (const version of EXPRESS_VERSIONS) {
  describe(`HTTP surface (${version.name})`, () => {
    describe("body parsing", () => {
      it("accepts JSON, text/plain holding JSON, and urlencoded forms alike", async () => {
        const t = createTestApp(version);
        const json = await request(t.app).post("/auth/password/forgot").send({ email: "alice@example.com" });
        const text = await request(t.app)
          .post("/auth/password/forgot")
          .set("Content-Type", "text/plain")
          .send('{\n"email": "alice@example.com"\n}');
        const form = await request(t.app)
          .post("/auth/password/forgot")
          .type("form")
          .send("email=alice%40example.com");
        for (const res of [json, text, form]) {
          expect(res.status).to.equal(200);
          expect(res.body).to.deep.equal({ success: true, data: {} });
        }
        await t.router.drain();
        expect(t.mailer.resets).to.have.length(3);
      });

      it("works when the host app already installed express.json()", async () => {
        const t = createTestApp(version, { hostParsers: true });
        const res = await request(t.app).post("/auth/password/forgot").send({ email: "alice@example.com" });
        expect(res.status).to.equal(200);
        const text = await request(t.app)
          .post("/auth/password/forgot")
          .set("Content-Type", "text/plain")
          .send('{"email":"bob@example.com"}');
        expect(text.status).to.equal(200);
        await t.router.drain();
        // Deliveries start at a random moment after each answer, so they may finish in either order.
        expect(t.mailer.resets.map((m) => m.to)).to.have.members(["alice@example.com", "bob@example.com"]);
        const alice = t.mailer.resets.find((m) => m.to === "alice@example.com");
        const token = alice?.link && new URL(alice.link).searchParams.get("token");
        const reset = await request(t.app)
          .post("/auth/password/reset")
          .send({ token, password: "correct horse", passwordConfirm: "correct horse" });
        expect(reset.status).to.equal(200);
      });

      it("answers 413 PAYLOAD_TOO_LARGE over 16 kB, in the envelope", async () => {
        const t = createTestApp(version);
        const res = await request(t.app)
          .post("/auth/password/forgot")
          .send({ email: "alice@example.com", padding: "x".repeat(17 * 1024) });
        expectError(res, "PAYLOAD_TOO_LARGE");
        expectSecurityHeaders(res);
        expect(t.users.lookups).to.have.length(0);
      });

      it("answers 415 for other media types, and for a body without a content type", async () => {
        const t = createTestApp(version);
        const xml = await request(t.app)
          .post("/auth/password/forgot")
          .set("Content-Type", "application/xml")
          .send("<a/>");
        expectError(xml, "UNSUPPORTED_MEDIA_TYPE");
        const latin1 = await request(t.app)
          .post("/auth/password/forgot")
          .set("Content-Type", "application/json; charset=latin1")
          .send('{"email":"alice@example.com"}');
        expect(latin1.status).to.equal(415);
      });

      it("answers 400 VALIDATION_ERROR for malformed JSON and non-object JSON", async () => {
        const t = createTestApp(version);
        for (const raw of ['{"email":', "[1,2]", '"alice@example.com"', "null"]) {
          const res = await request(t.app)
            .post("/auth/password/forgot")
            .set("Content-Type", "application/json")
            .send(raw);
          expect(res.status, raw).to.equal(400);
          expect(res.body.error.type).to.equal("VALIDATION_ERROR");
          expect(res.body.error.details[0].field).to.equal("body");
        }
      });

      it("answers 400 naming the field when the body is empty", async () => {
        const t = createTestApp(version);
        const res = await request(t.app).post("/auth/password/forgot");
        expect(res.status).to.equal(400);
        expect(res.body.error).to.deep.equal({
          type: "VALIDATION_ERROR",
          message: "email is required",
          details: [{ field: "email", message: "email is required" }],
        });
      });
    });

    describe("envelope and headers", () => {
      it("sets the security headers on success, error and 405 responses", async () => {
        const t = createTestApp(version);
        expectSecurityHeaders(
          await request(t.app).post("/auth/password/forgot").send({ email: "alice@example.com" }),
        );
        expectSecurityHeaders(await request(t.app).post("/auth/password/reset").send({ token: "x" }));
        expectSecurityHeaders(await request(t.app).get("/auth/password/reset"));
      });

      it("answers wrong methods with 405 and Allow on all three paths, and leaves other paths to the host", async () => {
        const t = createTestApp(version);
        for (const path of ["forgot", "verify", "reset"]) {
          for (const method of ["get", "put", "delete", "patch"] as const) {
            const res = await request(t.app)[method](`/auth/password/${path}`);
            expect(res.status, `${method} ${path}`).to.equal(405);
            expect(res.headers.allow).to.equal("OPTIONS, POST");
            expect(res.body.error.type).to.equal("METHOD_NOT_ALLOWED");
          }
        }
        const other = await request(t.app).get("/");
        expect(other.status).to.equal(200);
        expect(other.text).to.equal("host app");
        const unknown = await request(t.app).post("/auth/password/elsewhere").send({});
        expect(unknown.status).to.equal(404);
      });

      it("gives every error type of the table its status", async () => {
        const t = createTestApp(version, {
          rateLimit: { forgotPerIdentifier: { points: 1, durationSeconds: 60 } },
        });
        expect((await post(t.app, "forgot", { email: "nope" })).status).to.equal(400);
        expectError(await reset(t, { token: "a.b" }, "long enough"), "INVALID_TOKEN");
        await post(t.app, "forgot", { email: "bob@example.com" });
        const limited = await post(t.app, "forgot", { email: "bob@example.com" });
        expectError(limited, "RATE_LIMITED");
        expect(Number(limited.headers["retry-after"])).to.be.within(1, 60);
      });

      for (const route of ["forgot", "verify", "reset"]) {
        it(`OPTIONS ${route} answers 204 with Allow and the security headers`, async () => {
          const t = createTestApp(version);
          const res = await request(t.app).options(`${BASE}/${route}`);
          expect(res.status).to.equal(204);
          expect(res.headers.allow).to.equal("OPTIONS, POST");
          expect(res.headers["cache-control"]).to.equal("no-store");
          expect(res.headers["referrer-policy"]).to.equal("no-referrer");
          expect(res.headers["x-content-type-options"]).to.equal("nosniff");
          await t.router.close();
        });
      }
    });

    describe("paths, mounting and formatResponse", () => {
      it("mounts under a nested path and honours custom paths, case and trailing slash like Express", async () => {
        const t = createTestApp(version, {
          mountPath: "/api/v2/accounts/password",
          paths: { forgot: "/forget-password", reset: "/new-password" },
        });
        const forgotRes = await request(t.app)
          .post("/api/v2/accounts/password/Forget-Password/")
          .send({ email: "alice@example.com" });
        expect(forgotRes.status).to.equal(200);
        await t.router.drain();
        const token = t.mailer.lastToken();
        const res = await request(t.app)
          .post("/api/v2/accounts/password/new-password")
          .send({ token, password: "another secret", confirmPassword: "another secret" });
        expect(res.status).to.equal(200);
        expect((await request(t.app).post("/api/v2/accounts/password/forgot").send({})).status).to.equal(404);
      });

      it("lets formatResponse reshape every outcome, errors included", async () => {
        const seen: Outcome[] = [];
        const t = createTestApp(version, {
          formatResponse: (outcome) => {
            seen.push(outcome);
            return outcome.success
              ? { body: { code: 200, message: "An email was sent successfully" } }
              : {
                  status: outcome.status === 429 ? 429 : 422,
                  headers: { "X-Error": outcome.error?.type ?? "" },
                  body: { code: outcome.status, message: outcome.error?.message },
                };
          },
        });
        const ok = await request(t.app).post("/auth/password/forgot").send({ email: "alice@example.com" });
        expect(ok.status).to.equal(200);
        expect(ok.body).to.deep.equal({ code: 200, message: "An email was sent successfully" });
        const bad = await request(t.app).post("/auth/password/forgot").send({ email: 7 });
        expect(bad.status).to.equal(422);
        expect(bad.headers["x-error"]).to.equal("VALIDATION_ERROR");
        expect(bad.body.code).to.equal(400);
        expectSecurityHeaders(bad);
        const wrongMethod = await request(t.app).get("/auth/password/forgot");
        expect(wrongMethod.status).to.equal(422);
        expect(seen.map((o) => [o.route, o.status, o.success])).to.deep.equal([
          ["forgot", 200, true],
          ["forgot", 400, false],
          ["forgot", 405, false],
        ]);
      });

      it("falls back to the default INTERNAL_ERROR envelope when formatResponse throws", async () => {
        const t = createTestApp(version, {
          formatResponse: () => {
            throw new Error("formatter bug");
          },
        });
        const res = await request(t.app).post("/auth/password/forgot").send({ email: "alice@example.com" });
        expect(res.status).to.equal(500);
        expect(res.body).to.deep.equal({
          success: false,
          error: { type: "INTERNAL_ERROR", message: "Something went wrong. Try again later." },
        });
      });
    });
  });
}

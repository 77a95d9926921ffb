// `parseRequest` and the `check` route: a client's own request shape mapped to the package's fields,
// two routes on one path, and "is this link still good?" without spending it. The mapping moves
// fields; it switches no check off.
import { expect } from "chai";
import request from "supertest";
import type { Request } from "express";
import { createPasswordResetRouter, PasswordResetConfigError } from "../../lib/index.js";
import type { ParsedRequest, RouteName } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { BASE, post, requestLink, reset } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import { GOOD_PASSWORD } from "../helpers/fixtures.js";
import { FakeUsers } from "../helpers/users.js";
import { CapturingMailer } from "../../lib/testing/index.js";

/** A client that sends every field as `formFields: [{ id, value }]`, the token in the query. */
function formFields(req: Request, _route: RouteName, body: Readonly<Record<string, unknown>>): ParsedRequest {
  const list = Array.isArray(body.formFields)
    ? (body.formFields as Array<{ id: unknown; value: unknown }>)
    : [];
  const fields: Record<string, unknown> = {};
  for (const { id, value } of list) if (typeof id === "string") fields[id] = value;
  const token = new URL(req.originalUrl, "http://x").searchParams.get("token");
  if (token !== null) fields.token = token;
  return { fields };
}

for (const version of EXPRESS_VERSIONS) {
  describe(`parseRequest and the check route (${version.name})`, () => {
    let t: TestApp;
    afterEach(() => t?.router.close());

    describe("the check route", () => {
      beforeEach(() => {
        t = createTestApp(version, { paths: { check: "/check" } });
      });

      it("answers { valid: true } for a live link, spends nothing, and the link still resets", async () => {
        const token = await requestLink(t);
        for (let i = 0; i < 2; i++) {
          const res = await post(t.app, "check", { token }).expect(200);
          expect(res.body).to.deep.equal({ success: true, data: { valid: true } });
        }
        await reset(t, { token }).expect(200);
        const used = await post(t.app, "check", { token });
        expectError(used, "INVALID_TOKEN");
      });

      it("answers TOKEN_EXPIRED once the link's time is up", async () => {
        const token = await requestLink(t);
        t.clock.now += 3601 * 1000;
        const res = await post(t.app, "check", { token });
        expectError(res, "TOKEN_EXPIRED");
      });

      it("is off unless paths.check is given", async () => {
        const plain = createTestApp(version);
        try {
          await post(plain.app, "check", { token: "x" }).expect(404);
        } finally {
          await plain.router.close();
        }
      });

      it("tells formatResponse its own route name", async () => {
        const routes: string[] = [];
        t = createTestApp(version, {
          paths: { check: "/check" },
          formatResponse: (outcome) => {
            routes.push(outcome.route);
            return { status: outcome.status, body: { ok: outcome.success } };
          },
        });
        const res = await post(t.app, "check", { token: "nope" });
        expect(res.status).to.equal(400);
        expect(routes).to.deep.equal(["check"]);
      });

      it("counts against verifyResetPerIp, shared with verify and reset", async () => {
        t = createTestApp(version, {
          paths: { check: "/check" },
          rateLimit: { verifyResetPerIp: { points: 2, durationSeconds: 900 } },
        });
        await post(t.app, "check", { token: "a" }).expect(400);
        await post(t.app, "verify", { token: "b" }).expect(400);
        const res = await post(t.app, "check", { token: "c" });
        expectError(res, "RATE_LIMITED");
        expect(res.headers["retry-after"]).to.match(/^\d+$/);
      });

      it("counts wrong codes against the guess budget: the code dies after maxCodeAttempts", async () => {
        t = createTestApp(version, {
          paths: { check: "/check" },
          delivery: { email: "code" },
          maxCodeAttempts: 3,
        });
        await post(t.app, "forgot", { email: "alice@example.com" }).expect(200);
        await t.router.drain();
        const code = t.mailer.last!.code!;
        const wrong = code === "000000" ? "111111" : "000000";
        const body = { email: "alice@example.com" };
        await post(t.app, "check", { ...body, code }).expect(200);
        for (let i = 0; i < 3; i++) {
          await post(t.app, "check", { ...body, code: wrong }).expect(400);
        }
        const res = await post(t.app, "check", { ...body, code });
        expectError(res, "INVALID_TOKEN");
      });
    });

    describe("parseRequest", () => {
      it("reads an array of { id, value } fields and a token from the query", async () => {
        t = createTestApp(version, { parseRequest: formFields });
        await post(t.app, "forgot", { formFields: [{ id: "email", value: "Alice@Example.com" }] }).expect(
          200,
        );
        await t.router.drain();
        const token = t.mailer.lastToken()!;
        await request(t.app)
          .post(`${BASE}/reset?token=${encodeURIComponent(token)}`)
          .send({
            formFields: [
              { id: "password", value: GOOD_PASSWORD },
              { id: "passwordConfirm", value: GOOD_PASSWORD },
            ],
          })
          .expect(200);
        expect(t.users.updates.map((u) => u.userId)).to.deep.equal(["u1"]);
      });

      it("refuses hostile values it returns, and no adapter sees them", async () => {
        const hostile: Array<Record<string, unknown>> = [
          { email: "alice@example.com\r\nBcc: x@evil.test" },
          { email: { $ne: null } },
          { ["__proto__"]: "x", email: "alice@example.com" },
          { email: "alice\u0000@example.com" },
          { email: "\ud800@example.com" },
        ];
        for (const fields of hostile) {
          t = createTestApp(version, { parseRequest: () => ({ fields }) });
          const res = await post(t.app, "forgot", {}).expect(400);
          expect(res.body.error.type, JSON.stringify(fields)).to.equal("VALIDATION_ERROR");
          await t.router.drain();
          expect(t.users.lookups).to.deep.equal([]);
          expect(t.mailer.resets).to.deep.equal([]);
          await t.router.close();
        }
      });

      it("refuses a hostile body before the hook sees it", async () => {
        let calls = 0;
        t = createTestApp(version, {
          parseRequest: () => {
            calls += 1;
            return { fields: { email: "alice@example.com" } };
          },
        });
        const res = await request(t.app)
          .post(`${BASE}/forgot`)
          .set("Content-Type", "application/json")
          .send('{"formFields":[{"id":"email","__proto__":{"admin":true}}]}')
          .expect(400);
        expect(res.body.error.type).to.equal("VALIDATION_ERROR");
        expect(calls).to.equal(0);
      });

      it("missing or mistyped fields are the usual VALIDATION_ERROR naming the field", async () => {
        t = createTestApp(version, {
          parseRequest: () => ({
            fields: { token: "x", password: 12345678 as unknown as string },
          }),
        });
        const res = await post(t.app, "reset", {});
        expectError(res, "VALIDATION_ERROR");
        expect(res.body.error.details.map((d: { field: string }) => d.field)).to.include("password");
      });

      it("keeps the limits: the per-IP limit still counts mapped requests", async () => {
        t = createTestApp(version, {
          parseRequest: formFields,
          rateLimit: { forgotPerIp: { points: 1, durationSeconds: 900 } },
        });
        const body = { formFields: [{ id: "email", value: "nobody@example.com" }] };
        await post(t.app, "forgot", body).expect(200);
        const res = await post(t.app, "forgot", body);
        expectError(res, "RATE_LIMITED");
      });

      it("keeps the body limit: a body over maxBodyBytes is 413 before the hook runs", async () => {
        let calls = 0;
        t = createTestApp(version, {
          maxBodyBytes: 256,
          parseRequest: (_req, _route, body) => {
            calls += 1;
            return { fields: body as Record<string, unknown> };
          },
        });
        await post(t.app, "forgot", { email: "a".repeat(400) }).expect(413);
        expect(calls).to.equal(0);
      });

      it("keeps the uniform answer: known and unknown accounts get the same body", async () => {
        t = createTestApp(version, { parseRequest: formFields });
        const ask = (email: string) => post(t.app, "forgot", { formFields: [{ id: "email", value: email }] });
        const known = await ask("alice@example.com");
        const unknown = await ask("nobody@example.com");
        expect([known.status, unknown.status]).to.deep.equal([200, 200]);
        expect(known.body).to.deep.equal(unknown.body);
      });

      it("a throwing hook answers 500 INTERNAL_ERROR with an adapter.failed event", async () => {
        t = createTestApp(version, {
          parseRequest: () => {
            throw new Error("mapper bug");
          },
        });
        const res = await post(t.app, "forgot", { email: "alice@example.com" });
        expectError(res, "INTERNAL_ERROR");
        expect(JSON.stringify(res.body)).not.to.include("mapper bug");
        const failed = t.events.filter((e) => e.type === "adapter.failed");
        expect(failed.map((e) => e.operation)).to.deep.equal(["parseRequest"]);
      });

      it("a hanging hook answers 500 after adapterTimeoutMs with an adapter.failed event", async () => {
        t = createTestApp(version, {
          adapterTimeoutMs: 50,
          parseRequest: () => new Promise<ParsedRequest>(() => undefined),
        });
        const res = await post(t.app, "forgot", { email: "alice@example.com" });
        expectError(res, "INTERNAL_ERROR");
        expect(t.events.some((e) => e.type === "adapter.failed" && e.operation === "parseRequest")).to.equal(
          true,
        );
        expect(t.users.lookups).to.deep.equal([]);
      });

      it("a malformed result (no fields, an unknown route) answers 500 with an event", async () => {
        const results = [{ route: "forgot" }, { fields: [] }, { fields: {}, route: "verify" }, "email"];
        for (const result of results) {
          t = createTestApp(version, { parseRequest: () => result as unknown as ParsedRequest });
          await post(t.app, "forgot", {}).expect(500);
          expect(
            t.events.some((e) => e.type === "adapter.failed" && e.operation === "parseRequest"),
          ).to.equal(true);
          await t.router.close();
        }
      });

      it("undefined reads the body as it is, aliases included", async () => {
        t = createTestApp(version, { parseRequest: () => undefined, aliases: { email: ["mail"] } });
        await post(t.app, "forgot", { mail: "alice@example.com" }).expect(200);
        await t.router.drain();
        expect(t.mailer.resets).to.have.length(1);
      });
    });

    describe("two routes on one path", () => {
      // One client posts "is this code still good?" and "set the password" to the same path,
      // told apart by whether the body carries a new password.
      const shared = () =>
        createTestApp(version, {
          paths: { reset: "/confirm", check: "/confirm" },
          password: { requireConfirmation: false },
          parseRequest: (_req, route, body) => {
            if (route === "forgot") return undefined; // forgot has a path of its own
            // On the shared path, `route` is the first of its routes: reset, then check.
            if (route !== "reset") throw new Error(`unexpected route ${route}`);
            const fields = { token: body.oobCode as string, password: body.newPassword as string };
            return body.newPassword === undefined
              ? { route: "check", fields: { token: fields.token } }
              : { route: "reset", fields };
          },
        });

      it("routes each request to the route parseRequest names", async () => {
        t = shared();
        const token = await requestLink(t);
        const checked = await request(t.app).post(`${BASE}/confirm`).send({ oobCode: token }).expect(200);
        expect(checked.body).to.deep.equal({ success: true, data: { valid: true } });
        expect(t.users.updates).to.deep.equal([]);
        await request(t.app)
          .post(`${BASE}/confirm`)
          .send({ oobCode: token, newPassword: GOOD_PASSWORD })
          .expect(200);
        expect(t.users.updates.map((u) => u.userId)).to.deep.equal(["u1"]);
        const replay = await request(t.app).post(`${BASE}/confirm`).send({ oobCode: token }).expect(400);
        expect(replay.body.error.type).to.equal("INVALID_TOKEN");
      });

      it("a hook that names no route on a shared path answers 500 with an event", async () => {
        t = createTestApp(version, {
          paths: { reset: "/confirm", check: "/confirm" },
          parseRequest: () => undefined,
        });
        await request(t.app).post(`${BASE}/confirm`).send({ token: "x" }).expect(500);
        expect(t.events.some((e) => e.type === "adapter.failed" && e.operation === "parseRequest")).to.equal(
          true,
        );
      });

      it("other methods on a shared path are 405 with Allow", async () => {
        t = shared();
        const res = await request(t.app).get(`${BASE}/confirm`).expect(405);
        expect(res.headers.allow).to.equal("OPTIONS, POST");
      });
    });
  });
}

describe("parseRequest and paths: options", () => {
  const base = {
    users: new FakeUsers(),
    mailer: new CapturingMailer(),
    resetUrl: "https://app.example.com/r",
  };

  it("refuses two routes on one path without parseRequest, naming the fix", () => {
    expect(() => createPasswordResetRouter({ ...base, paths: { verify: "/x", check: "/x" } }))
      .to.throw(PasswordResetConfigError)
      .with.property("message")
      .that.matches(/`paths` must give each route its own path.*parseRequest/);
  });

  it("refuses a parseRequest that is not a function", () => {
    expect(() =>
      createPasswordResetRouter({ ...base, parseRequest: "yes" as unknown as () => undefined }),
    ).to.throw(/`parseRequest` must be a function/);
  });

  it("accepts shared paths with parseRequest", async () => {
    const router = createPasswordResetRouter({
      ...base,
      paths: { verify: "/x", check: "/x" },
      parseRequest: () => ({ route: "check", fields: {} }),
    });
    await router.close();
  });
});

// A single-page app on another origin calls the API only through CORS middleware mounted before
// the router. When a browser's preflight reaches the router with no CORS header set (cors() missing,
// or mounted after the router), the browser blocks the call silently: the router warns once, naming
// the fix, and stays quiet for every other OPTIONS.
import { expect } from "chai";
import cors from "cors";
import request from "supertest";
import { createTestApp, EXPRESS_VERSIONS, type ExpressVersion, type TestApp } from "../helpers/app.js";

const SPA = "https://spa.example.com";
const PATH = "/auth/password/forgot";

function preflight(app: TestApp["app"], origin = SPA) {
  return request(app)
    .options(PATH)
    .set("Origin", origin)
    .set("Access-Control-Request-Method", "POST")
    .set("Access-Control-Request-Headers", "content-type");
}

const warningsOf = (t: TestApp) => t.logs.filter((line) => line.includes("cross-origin preflight"));

/** The test app's router again, mounted on a fresh app behind cors(). */
function behindCors(version: ExpressVersion, t: TestApp, options: cors.CorsOptions = {}) {
  const app = version.create();
  app.use("/auth/password", cors({ origin: SPA, exposedHeaders: ["Retry-After"], ...options }), t.router);
  return app;
}

for (const version of EXPRESS_VERSIONS) {
  describe(`a browser's CORS preflight (${version.name})`, () => {
    it("warns once, naming the fix, when no CORS middleware answered it", async () => {
      const t = createTestApp(version);
      const answer = await preflight(t.app).expect(204);
      expect(answer.headers["access-control-allow-origin"]).to.equal(undefined);
      await preflight(t.app).expect(204);
      await preflight(t.app, "https://other.example.com").expect(204);

      const warnings = warningsOf(t);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/^warn: express-password-reset: /);
      expect(warnings[0])
        .to.include("mount cors() BEFORE the router")
        .and.include('exposedHeaders: ["Retry-After"]');
      await t.router.close();
    });

    it("warns when cors() is mounted after the router, which never runs for its paths", async () => {
      const t = createTestApp(version);
      t.app.use(cors({ origin: SPA }));
      const answer = await preflight(t.app).expect(204);
      expect(answer.headers["access-control-allow-origin"]).to.equal(undefined);
      expect(warningsOf(t)).to.have.length(1);
      await t.router.close();
    });

    it("stays quiet when cors() is mounted before the router, and the answer is readable", async () => {
      const t = createTestApp(version);
      const app = behindCors(version, t);
      const answer = await preflight(app).expect(204);
      expect(answer.headers["access-control-allow-origin"]).to.equal(SPA);
      expect(answer.headers["access-control-allow-methods"]).to.include("POST");
      expect(answer.headers["access-control-allow-headers"]).to.equal("content-type");
      const post = await request(app)
        .post(PATH)
        .set("Origin", SPA)
        .send({ email: "alice@example.com" })
        .expect(200);
      expect(post.headers["access-control-allow-origin"]).to.equal(SPA);
      expect(post.headers["access-control-expose-headers"]).to.equal("Retry-After");
      expect(warningsOf(t)).to.deep.equal([]);
      await t.router.close();
    });

    it("stays quiet when cors() allowed the preflight and let it through to the router", async () => {
      const t = createTestApp(version);
      const answer = await preflight(behindCors(version, t, { preflightContinue: true })).expect(204);
      expect(answer.headers["access-control-allow-origin"]).to.equal(SPA);
      expect(warningsOf(t)).to.deep.equal([]);
      await t.router.close();
    });

    it("stays quiet for a same-origin OPTIONS and for an OPTIONS that is no preflight", async () => {
      const t = createTestApp(version);
      await preflight(t.app, "https://app.example.com").set("Host", "app.example.com").expect(204);
      await preflight(t.app, "https://app.example.com")
        .set("Host", "10.0.0.5:3000")
        .set("X-Forwarded-Host", "app.example.com")
        .expect(204);
      await request(t.app).options(PATH).expect(204); // curl -X OPTIONS
      await request(t.app).options(PATH).set("Origin", SPA).expect(204); // no Access-Control-Request-Method
      expect(warningsOf(t)).to.deep.equal([]);
      await t.router.close();
    });
  });
}

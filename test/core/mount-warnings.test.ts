// Where the router meets the app's setup, a mistake that answers success while the router misbehaves
// is said once, in the log, naming the fix. Behind a proxy with `trust proxy` off, every client
// shares the proxy's address and per-IP limits refuse the 21st user in 15 minutes. A router mounted
// twice answers at a path nobody meant; of two routers on one path, the second never runs.
import { expect } from "chai";
import request from "supertest";
import { createPasswordResetRouter } from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { FakeUsers } from "../helpers/users.js";
import { createTestApp, EXPRESS_VERSIONS } from "../helpers/app.js";
import { post, postFrom } from "../helpers/client.js";
import { ALICE } from "../helpers/fixtures.js";

const TRUST_PROXY_HINT = 'app.set("trust proxy"';

for (const version of EXPRESS_VERSIONS) {
  describe(`setup warnings: X-Forwarded-For and trust proxy (${version.name})`, () => {
    it('X-Forwarded-For arriving while trust proxy is off is warned about once, naming app.set("trust proxy", …)', async () => {
      const t = createTestApp(version);
      await postFrom(t.app, "203.0.113.7", "forgot", { email: ALICE.email });
      await postFrom(t.app, "203.0.113.8", "forgot", { email: ALICE.email });
      await t.router.drain();
      const warnings = t.logs.filter((line) => line.includes(TRUST_PROXY_HINT));
      expect(warnings, t.logs.join("\n")).to.have.length(1);
      expect(warnings[0])
        .to.match(/^warn: /)
        .and.to.include("X-Forwarded-For");
      expect(warnings[0]).to.include("Running behind a proxy");
      await t.router.close();
    });

    it("says nothing when trust proxy is set, or when no X-Forwarded-For arrives", async () => {
      const trusting = createTestApp(version);
      trusting.app.set("trust proxy", 1);
      await postFrom(trusting.app, "203.0.113.7", "forgot", { email: ALICE.email });
      const direct = createTestApp(version);
      await post(direct.app, "forgot", { email: ALICE.email });
      for (const t of [trusting, direct]) {
        await t.router.drain();
        expect(t.logs.filter((line) => line.includes(TRUST_PROXY_HINT))).to.deep.equal([]);
        await t.router.close();
      }
    });
  });
}

/** A second router with its own log, for mounting beside a test app's. */
function otherRouter(logs: string[]) {
  return createPasswordResetRouter({
    users: new FakeUsers(),
    mailer: new CapturingMailer(),
    resetUrl: "https://staff.example.com/reset",
    rateLimit: false,
    advanced: { logger: { warn: (m) => logs.push(`warn: ${m}`), error: (m) => logs.push(`error: ${m}`) } },
  });
}

for (const version of EXPRESS_VERSIONS) {
  describe(`setup warnings: how the router is mounted (${version.name})`, () => {
    it("one router mounted at two paths is warned about once, at the first request", async () => {
      const t = createTestApp(version);
      t.app.use("/staff/password", t.router);
      await post(t.app, "forgot", { email: ALICE.email });
      await request(t.app).post("/staff/password/forgot").send({ email: ALICE.email });
      await t.router.drain();
      const warnings = t.logs.filter((line) => line.includes("mounted more than once"));
      expect(warnings, t.logs.join("\n")).to.have.length(1);
      expect(warnings[0]).to.include("app.use(");
      await t.router.close();
    });

    it("two routers on one path are warned about once: the second never runs", async () => {
      const t = createTestApp(version);
      const logs: string[] = [];
      const second = otherRouter(logs);
      t.app.use("/auth/password", second);
      await post(t.app, "forgot", { email: ALICE.email });
      await post(t.app, "forgot", { email: ALICE.email });
      await t.router.drain();
      const warnings = t.logs.filter((line) => line.includes("on the same path"));
      expect(warnings, t.logs.join("\n")).to.have.length(1);
      expect(warnings[0]).to.include("/auth/password");
      await t.router.close();
      await second.close();
    });

    it("says nothing for routers on paths of their own, each mounted once", async () => {
      const t = createTestApp(version);
      const logs: string[] = [];
      const second = otherRouter(logs);
      t.app.use("/staff/password", second);
      await post(t.app, "forgot", { email: ALICE.email });
      await request(t.app).post("/staff/password/forgot").send({ email: ALICE.email });
      await t.router.drain();
      await second.drain();
      expect([...t.logs, ...logs].filter((line) => /more than once|same path/.test(line))).to.deep.equal([]);
      await t.router.close();
      await second.close();
    });
  });
}

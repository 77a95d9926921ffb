// Issue #16, item 6: `app.use(router)` without a path answers /reset of the whole app (a GET gets
// the contract's 405), shadowing the app's own page there. The 405 stays; a warning says why, once.
import { expect } from "chai";
import request from "supertest";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`mounted at the root (${version.name})`, () => {
    it("still answers 405 on GET /reset, and warns once at the first request", async () => {
      const t = createTestApp(version, { mountPath: "/" });
      expect((await request(t.app).get("/reset")).status).to.equal(405);
      expect((await request(t.app).get("/forgot")).status).to.equal(405);
      const warnings = t.logs.filter((line) => line.includes("mounted at the root"));
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('app.use("/auth/password", router)');
    });

    it("says nothing when mounted on a path", async () => {
      const t = createTestApp(version);
      await request(t.app).get("/auth/password/reset");
      expect(t.logs.filter((line) => line.includes("mounted at the root"))).to.deep.equal([]);
    });
  });
}

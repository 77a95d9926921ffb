import { expect } from "chai";
import request from "supertest";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`smoke (${version.name})`, () => {
    it("link flow end to end", async () => {
      const t = createTestApp(version);
      const res = await request(t.app).post("/auth/password/forgot").send({ email: "Alice@Example.com" });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ success: true, data: {} });
      await t.router.drain();
      const token = t.mailer.lastToken();
      expect(token).to.be.a("string");
      const r2 = await request(t.app)
        .post("/auth/password/reset")
        .send({ token, password: "new-password-1", passwordConfirm: "new-password-1" });
      expect(r2.status, JSON.stringify(r2.body)).to.equal(200);
      expect(t.users.updates).to.have.length(1);
      await t.router.close();
    });
  });
}

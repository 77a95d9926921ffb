// App hooks that fail: a generic 500 for the client, one report for the operator, no secret in it.
import { expect } from "chai";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { post, requestLink, reset } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";

const PASSWORD = "a hook-breaking password";

for (const version of EXPRESS_VERSIONS) {
  describe(`hooks that throw (${version.name})`, () => {
    it("reports a throwing password rule once, with the password cut out, and keeps the token", async () => {
      let fail = true;
      const t = createTestApp(version, {
        password: {
          validate: (password) => {
            if (fail) throw new Error(`rule service rejected "${password}"`);
          },
        },
      });
      const token = await requestLink(t);
      const res = await reset(t, { token }, PASSWORD);
      expect(res.status).to.equal(500);
      expect(JSON.stringify(res.body)).to.not.include(PASSWORD);
      const failures = t.events.filter((e) => e.type === "adapter.failed");
      expect(failures.map((e) => e.operation)).to.deep.equal(["password.validate"]);
      expect(failures[0]?.error?.message).to.equal('rule service rejected "[redacted]"');
      expect(t.logs.join("\n")).to.not.include(PASSWORD);
      fail = false;
      expect((await reset(t, { token }, PASSWORD)).status).to.equal(200);
    });

    it("answers 500 when authorize or bindTo throw, reporting which hook failed", async () => {
      const throwing = createTestApp(version, {
        authorize: () => {
          throw new Error("key service down");
        },
      });
      const res = await post(throwing.app, "forgot", { email: "alice@example.com" });
      expectError(res, "INTERNAL_ERROR");
      expect(
        throwing.events.filter((e) => e.type === "adapter.failed").map((e) => e.operation),
      ).to.deep.equal(["authorize"]);

      const binding = createTestApp(version, {
        bindTo: () => Promise.reject(new Error("device registry down")),
      });
      const bound = await post(binding.app, "forgot", { email: "alice@example.com" });
      expect(bound.status).to.equal(500);
      expect(binding.events.filter((e) => e.type === "adapter.failed").map((e) => e.operation)).to.deep.equal(
        ["bindTo"],
      );
      await binding.router.drain();
      expect(binding.mailer.resets).to.have.length(0);
    });
  });
}

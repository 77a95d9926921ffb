// router.sendResetLink (issue #16): the app's own "send reset link", with the delivery, the
// supersession and the events of forgot, but no HTTP and no per-IP limit.
import { expect } from "chai";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { reset } from "../helpers/client.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`router.sendResetLink (${version.name})`, () => {
    it("mails a working link to the stored address, superseding the last one, with forgot's events", async () => {
      const t = createTestApp(version, { rateLimit: undefined, now: Date.now });
      expect(await t.router.sendResetLink("Alice@Example.com")).to.deep.equal({ sent: true });
      const first = t.mailer.lastToken();
      expect(await t.router.sendResetLink({ type: "email", value: "alice@example.com" })).to.deep.equal({
        sent: true,
      });
      const second = t.mailer.lastToken();
      expect(t.mailer.resets.map((m) => m.to)).to.deep.equal(["alice@example.com", "alice@example.com"]);
      expect((await reset(t, { token: first })).status, "superseded").to.equal(400);
      expect((await reset(t, { token: second })).status).to.equal(200);
      expect(t.events.map((e) => e.type)).to.include.members(["forgot.requested", "delivery.sent"]);
      await t.router.close();
    });

    it("says why nothing was sent: an unknown account, the per-account budget; a bad identifier throws", async () => {
      const t = createTestApp(version, { rateLimit: undefined, now: Date.now });
      expect(await t.router.sendResetLink("nobody@example.com")).to.deep.equal({
        sent: false,
        reason: "unknown_user",
      });
      for (let i = 0; i < 3; i++)
        expect((await t.router.sendResetLink("bob@example.com")).sent).to.equal(true);
      expect(await t.router.sendResetLink("bob@example.com")).to.deep.equal({
        sent: false,
        reason: "rate_limited",
      });
      let thrown: unknown;
      await t.router.sendResetLink("not an email").catch((error: unknown) => (thrown = error));
      expect(thrown).to.be.instanceOf(TypeError);
      await t.router.close();
    });

    it("is not held by the per-IP limit that HTTP callers share", async () => {
      const t = createTestApp(version, {
        rateLimit: { forgotPerIp: { points: 1, durationSeconds: 900 }, forgotPerIdentifier: false },
        now: Date.now,
      });
      for (let i = 0; i < 5; i++)
        expect((await t.router.sendResetLink("alice@example.com")).sent).to.equal(true);
      await t.router.close();
    });
  });
}

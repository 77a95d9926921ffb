// SMS pumping (issue #12, finding 19): anyone may ask for codes to registered numbers, so the
// router caps all SMS together per window and can keep to the app's countries. Both refusals are
// silent to the client (forgot answers the same) and visible as events.
import { expect } from "chai";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { post } from "../helpers/client.js";
import { createSmsApp } from "../helpers/sms-apps.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`SMS pumping (${version.name})`, () => {
    it("a global SMS budget caps codes sent to all numbers together; the answers stay uniform", async () => {
      const t = createSmsApp(version, {
        rateLimit: {
          forgotPerIp: false,
          forgotPerIdentifier: false,
          smsPerWindow: { points: 2, durationSeconds: 3600 },
        },
      });
      for (const mobile of ["+14155550100", "+447700900123", "+14155550100"]) {
        const res = await post(t.app, "forgot", { mobile });
        expect(res.status).to.equal(200);
        expect(res.body).to.deep.equal({ success: true, data: {} });
      }
      await t.router.drain();
      expect(t.sms.messages, "two texts, the third refused").to.have.length(2);
      const refused = t.events.filter((e) => e.type === "rate_limited" && e.reason === "sms_budget");
      expect(refused).to.have.length(1);
      // Email is not SMS: the budget does not touch it.
      expect((await post(t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
      await t.router.drain();
      expect(t.mailer.resets).to.have.length(1);
    });

    // A thousand requests: once is enough to show the default, on the current Express.
    if (version === EXPRESS_VERSIONS[1]) {
      it("is on by default: 1000 texts per hour, the 1001st refused", async function () {
        this.timeout(60_000);
        const t = createSmsApp(version, {
          rateLimit: { forgotPerIp: false, forgotPerIdentifier: false },
          now: Date.now,
        });
        for (let i = 0; i < 1001; i++) await post(t.app, "forgot", { mobile: "+14155550100" });
        await t.router.drain();
        expect(t.sms.messages).to.have.length(1000);
        expect(t.events.filter((e) => e.reason === "sms_budget")).to.have.length(1);
        await t.router.close();
      });
    }

    it("smsCountries: a number outside the allowed prefixes gets no text", async () => {
      const t = createSmsApp(version, { smsCountries: ["+1"] });
      expect((await post(t.app, "forgot", { mobile: "+14155550100" })).status).to.equal(200);
      expect((await post(t.app, "forgot", { mobile: "+447700900123" })).status).to.equal(200);
      await t.router.drain();
      expect(t.sms.messages.map((m) => m.to)).to.deep.equal(["+14155550100"]);
      expect(
        t.events.filter((e) => e.type === "delivery.failed" && e.reason === "sms_country"),
      ).to.have.length(1);
    });

    it("refuses a malformed smsCountries at construction", () => {
      expect(() => createSmsApp(version, { smsCountries: ["44"] })).to.throw(/`smsCountries`/);
      expect(() => createSmsApp(version, { smsCountries: [] })).to.throw(/`smsCountries`/);
    });
  });
}

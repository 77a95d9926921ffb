// The password-changed notice reaches the user however they can be reached: by email when the
// account has an address, else by SMS (`SmsSender.sendPasswordChanged`).
import { expect } from "chai";
import { CapturingSmsSender } from "../../lib/testing/index.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { requestLink, reset, smsCode } from "../helpers/client.js";
import { ALICE, CAROL } from "../helpers/fixtures.js";
import { createSmsApp } from "../helpers/sms-apps.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`the password-changed notice: by email, else by SMS (${version.name})`, () => {
    it("an account with no email is told by SMS: sendPasswordChanged gets { to, user, changedAt }", async () => {
      const sms = new CapturingSmsSender();
      const t = createSmsApp(version, { sms });
      const code = await smsCode(t, CAROL.mobile);
      const res = await reset(t, { mobile: CAROL.mobile, code });
      expect(res.status, res.text).to.equal(200);
      await t.router.drain();
      expect(sms.notices).to.deep.equal([
        {
          to: CAROL.mobile,
          user: { id: CAROL.id, mobile: CAROL.mobile, username: CAROL.username, name: "Carol" },
          changedAt: new Date(t.clock.now),
        },
      ]);
      expect(t.mailer.notices).to.deep.equal([]);
      await t.router.close();
    });

    it("an account with an email address still gets the email notice, and no SMS", async () => {
      const sms = new CapturingSmsSender();
      const t = createSmsApp(version, { sms });
      const token = await requestLink(t); // Alice has an email address and a mobile number
      expect((await reset(t, { token })).status).to.equal(200);
      await t.router.drain();
      expect(t.mailer.notices.map((n) => n.to)).to.deep.equal([ALICE.email]);
      expect(sms.notices).to.deep.equal([]);
      await t.router.close();
    });
  });
}

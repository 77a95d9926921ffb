// The unsafe `codesWithoutIdentifier` opt-in: codes found by themselves, an identifier sent with one
// still checked, and guesses budgeted per IP.
import { expect } from "chai";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { reset, smsCode, verify } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import { ALICE, CAROL } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`codes without identifier (${version.name})`, () => {
    const options = { codesWithoutIdentifier: true, codeLength: 10, maxCodeAttempts: 3 };

    it("resets with the code alone, and with the code and its own identifier", async () => {
      const t = createCodeApp(version, options);
      const code = await smsCode(t, { mobile: ALICE.mobile });
      expect(code).to.match(/^\d{10}$/);
      expect((await reset(t, { code })).status).to.equal(200);
      const again = await smsCode(t, { mobile: ALICE.mobile });
      expect((await reset(t, { code: again, mobile: "+1 415 555 0100" })).status).to.equal(200);
      expect(t.users.updates.map((u) => u.userId)).to.deep.equal(["u1", "u1"]);
    });

    it("refuses a code sent with another account's identifier", async () => {
      const t = createCodeApp(version, options);
      const code = await smsCode(t, { mobile: ALICE.mobile });
      expectError(await reset(t, { code, mobile: CAROL.mobile }), "INVALID_TOKEN");
      expect(t.users.updates).to.have.length(0);
      expect((await reset(t, { code })).status).to.equal(200);
    });

    it("a success forgives the wrong guesses before it: the next fresh code works (sent with its identifier)", async () => {
      // Issue #11: guesses were counted under the identifier but forgiven under the bare-code id,
      // so a user who mistyped once and then got it right was refused their next code.
      const t = createCodeApp(version, options);
      const code = await smsCode(t, { mobile: ALICE.mobile });
      const wrong = code === "0000000000" ? "1111111111" : "0000000000";
      for (let i = 0; i < 2; i++)
        expectError(await verify(t, { code: wrong, mobile: ALICE.mobile }), "INVALID_TOKEN");
      expect((await verify(t, { code, mobile: ALICE.mobile })).status).to.equal(200);
      const fresh = await smsCode(t, { mobile: ALICE.mobile });
      const res = await reset(t, { code: fresh, mobile: ALICE.mobile });
      expect(res.status, res.text).to.equal(200);
      expect(t.users.updates.map((u) => u.userId)).to.deep.equal(["u1"]);
    });

    it("budgets guesses per client IP: after maxCodeAttempts wrong codes even the right one is refused", async () => {
      const t = createCodeApp(version, options);
      const code = await smsCode(t, { mobile: ALICE.mobile });
      const wrong = code === "0000000000" ? "1111111111" : "0000000000";
      for (let i = 0; i < 3; i++) expectError(await reset(t, { code: wrong }), "INVALID_TOKEN");
      const res = await reset(t, { code });
      expect(res.body.error).to.include({
        type: "INVALID_TOKEN",
        message: "Too many wrong codes. Request a new code later.",
      });
      expect(t.users.updates).to.have.length(0);
    });
  });
}

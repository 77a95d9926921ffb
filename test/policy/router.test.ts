// The password policy as a user meets it through POST /reset: common and context passwords
// refused with VALIDATION_ERROR naming `password`, the link still usable, the app's rule first, a
// failing breach service reported and decided by its `onError`.
import { expect } from "chai";
import { haveIBeenPwned, scryptHasher, verifyPassword } from "../../lib/index.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { requestLink, reset } from "../helpers/client.js";
import { expectError, expectOk, expectUnchanged } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`password policy on reset (${version.name})`, () => {
    const refused = async (password: string, options = {}) => {
      const t = createCodeApp(version, { appName: "Acme Rockets", ...options });
      const token = await requestLink(t);
      const res = await reset(t, { token }, password);
      expectError(res, "VALIDATION_ERROR");
      expect(res.body.error.details).to.deep.equal([{ field: "password", message: res.body.error.message }]);
      expectUnchanged(t, ALICE.id);
      expectOk(await reset(t, { token }, "a-long-unusual-passphrase-42"));
      return res.body.error.message as string;
    };

    it("refuses the most common passwords, in any case and trivially decorated, and the link still works", async () => {
      for (const password of ["password", "12345678", "PASSWORD", "Password1!", "qwertyuiop"]) {
        expect(await refused(password)).to.match(/^This password is too common/);
      }
    });

    it("refuses passwords built from the account's own email, username or the app's name", async () => {
      for (const password of ["alice@example.com", "alice-1234567", "xx-ALICE-yy", "acmerockets99"]) {
        expect(await refused(password)).to.match(/too similar to your account/);
      }
    });

    it("`password.commonPasswords: false` turns the list off", async () => {
      const t = createCodeApp(version, { password: { commonPasswords: false } });
      const token = await requestLink(t);
      expectOk(await reset(t, { token }, "password123"));
    });

    it("runs the app's rule first: its message wins over the built-in checks", async () => {
      const message = await refused("password", {
        password: { validate: (p: string) => (p === "password" ? "Our own rule says no" : undefined) },
      });
      expect(message).to.equal("Our own rule says no");
    });

    it("reports a failing breach service as an event and lets the password through with onError allow", async () => {
      const t = createCodeApp(version, {
        password: { breached: haveIBeenPwned({ baseUrl: "http://127.0.0.1:9", timeoutMs: 500 }) },
      });
      const token = await requestLink(t);
      expectOk(await reset(t, { token }, "a-long-unusual-passphrase-42"));
      const failure = t.events.find((e) => e.type === "breach_check.failed");
      expect(failure, "a breach_check.failed event").to.include({ reason: "allowed", route: "reset" });
      expect(JSON.stringify(failure)).not.to.contain("passphrase");
    });

    it("refuses with onError refuse when the breach service cannot answer, and the link still works", async () => {
      const breached = haveIBeenPwned({ baseUrl: "http://127.0.0.1:9", timeoutMs: 500, onError: "refuse" });
      const t = createCodeApp(version, { password: { breached } });
      const token = await requestLink(t);
      const res = await reset(t, { token }, "a-long-unusual-passphrase-42");
      expect(res.body.error?.type).to.equal("VALIDATION_ERROR");
      expectUnchanged(t, ALICE.id);
      expect(t.events.find((e) => e.type === "breach_check.failed")).to.include({ reason: "refused" });
    });

    it("with `password.hasher: scryptHasher()`, 64 × 'é' (128 bytes) is accepted, stored as scrypt, and verifyPassword agrees", async () => {
      const t = createCodeApp(version, {
        hashPassword: undefined,
        password: { hasher: scryptHasher({ ln: 10 }) },
      });
      const token = await requestLink(t);
      const password = "é".repeat(64);
      expectOk(await reset(t, { token }, password));
      const stored = t.users.hashOf(ALICE.id)!;
      expect(stored).to.match(/^\$scrypt\$/);
      expect(await verifyPassword(password, stored)).to.equal(true);
      expect(await verifyPassword("é".repeat(63), stored)).to.equal(false);
    });

    it("with the default bcrypt hasher, the stored hash is bcrypt and verifyPassword checks it", async () => {
      const t = createCodeApp(version, { hashPassword: undefined, bcryptRounds: 4 });
      const token = await requestLink(t);
      expectOk(await reset(t, { token }, "a-long-unusual-passphrase-42"));
      const stored = t.users.hashOf(ALICE.id)!;
      expect(stored).to.match(/^\$2b\$04\$/);
      expect(await verifyPassword("a-long-unusual-passphrase-42", stored)).to.equal(true);
      await t.router.close();
    });
  });
}

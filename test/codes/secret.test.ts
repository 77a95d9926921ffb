// The `secret` option, which signs reset sessions and keys code hashes: required in production with
// a shared store, warned about when missing elsewhere in production, refused when short, and what lets several instances share sessions and codes.
import { expect } from "chai";
import { MemoryTokenStore, PasswordResetConfigError } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { requestLink, reset, session, smsCode } from "../helpers/client.js";
import { expectError, expectOk, expectPassword } from "../helpers/expect.js";
import { ALICE, SECRET } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";
import { FakeUsers } from "../helpers/users.js";
import { SwitchableStore } from "../helpers/switchable-store.js";
import { PostgresTokenStore, type PgPoolLike } from "../../lib/postgres.js";

/** A `pg` Pool that is never asked anything: constructing a store opens no connection. */
function fakePool(): PgPoolLike {
  return {
    query: () => Promise.reject(new Error("not connected")),
    connect: () => Promise.reject(new Error("not connected")),
  };
}

const OTHER_SECRET = "a-different-secret-0123456789abcdef-0123456789";

for (const version of EXPRESS_VERSIONS) {
  describe(`secret (${version.name})`, () => {
    describe("missing", () => {
      const saved = process.env.NODE_ENV;
      afterEach(() => {
        if (saved === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = saved;
      });

      it("with NODE_ENV=production the logger gets a warning naming `secret`", async () => {
        process.env.NODE_ENV = "production";
        const t = createTestApp(version); // no secret
        await t.router.close();
        const warnings = t.logs.filter((line) => line.startsWith("warn:"));
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.include("`secret`");
      });

      // Bend of the contract's `secret` default (0.2: a random secret, with a warning in production).
      // Instances sharing a store but not a secret share no limit, code or session: a warning was
      // not enough, since it lets the app start and half-work.
      it("with NODE_ENV=production and a shared store (anything but MemoryTokenStore), a missing secret throws, naming `secret`", () => {
        process.env.NODE_ENV = "production";
        for (const tokenStore of [
          new SwitchableStore(Date.now),
          new PostgresTokenStore({ pool: fakePool(), sweepIntervalMs: 0 }),
        ]) {
          expect(() => createTestApp(version, { tokenStore }))
            .to.throw(PasswordResetConfigError, /`secret`/)
            .with.property("option", "secret");
          expect(() => createTestApp(version, { tokenStore })).to.throw(/PASSWORD_RESET_SECRET|randomBytes/);
        }
      });

      it("with NODE_ENV=production and the memory store (its own or given), a missing secret is a warning, not a throw", async () => {
        process.env.NODE_ENV = "production";
        const t = createTestApp(version, { tokenStore: new MemoryTokenStore() });
        expect(t.logs.filter((line) => line.includes("`secret`"))).to.have.length(1);
        await t.router.close();
      });

      it("outside production a shared store without a secret still starts, with a warning", async () => {
        process.env.NODE_ENV = "development";
        const t = createTestApp(version, { tokenStore: new SwitchableStore(Date.now) });
        expect(t.logs.filter((line) => line.includes("`secret`"))).to.have.length(1);
        await t.router.close();
      });

      it("outside production there is no warning, and the random secret works", async () => {
        process.env.NODE_ENV = "development";
        const t = createTestApp(version);
        try {
          expect(t.logs).to.deep.equal([]);
          const resetToken = await session(t, { token: await requestLink(t) });
          expectOk(await reset(t, { resetToken }, "new-password-1"));
        } finally {
          await t.router.close();
        }
      });
    });

    it("shorter than 32 bytes throws at construction, naming `secret`", () => {
      for (const secret of ["", "short", "x".repeat(31)]) {
        let thrown: unknown;
        try {
          createTestApp(version, { secret });
        } catch (error) {
          thrown = error;
        }
        expect(thrown, JSON.stringify(secret)).to.be.instanceOf(PasswordResetConfigError);
        expect((thrown as PasswordResetConfigError).option).to.equal("secret");
        expect((thrown as Error).message).to.include("`secret`");
      }
      expect(() => createTestApp(version, { secret: 12345 as unknown as string })).to.throw(
        PasswordResetConfigError,
        "`secret`",
      );
    });

    it("32 bytes is enough", async () => {
      const t = createTestApp(version, { secret: "x".repeat(32) });
      await t.router.close();
      expect(t.logs).to.deep.equal([]);
    });

    describe("two instances sharing one store", () => {
      let store: MemoryTokenStore;
      let a: TestApp;
      let b: TestApp;
      afterEach(async () => {
        await a.router.close();
        await b.router.close();
        await store.close();
      });

      function pair(secretOfB: string): void {
        store = new MemoryTokenStore({ now: () => a.clock.now });
        const users = new FakeUsers(); // one user table, as two instances of one app have
        a = createCodeApp(version, { tokenStore: store, secret: SECRET, users });
        b = createCodeApp(version, { tokenStore: store, secret: secretOfB, users });
      }

      it("with the same secret, a code sent by one is accepted by the other, and a session too", async () => {
        pair(SECRET);
        const first = await smsCode(a, { mobile: ALICE.mobile });
        expectOk(await reset(b, { mobile: ALICE.mobile, code: first }, "new-password-1"));
        const second = await smsCode(a, { mobile: ALICE.mobile });
        const resetToken = await session(a, { mobile: ALICE.mobile, code: second });
        expectOk(await reset(b, {}, "new-password-2", `Bearer ${resetToken}`));
        await expectPassword(a, ALICE.id, "new-password-2");
      });

      it("with different secrets, the other instance refuses the session with INVALID_TOKEN", async () => {
        pair(OTHER_SECRET);
        const code = await smsCode(a, { mobile: ALICE.mobile });
        const resetToken = await session(a, { mobile: ALICE.mobile, code });
        expectError(await reset(b, {}, "new-password-1", `Bearer ${resetToken}`), "INVALID_TOKEN");
        expectOk(await reset(a, {}, "new-password-2", `Bearer ${resetToken}`));
        await expectPassword(a, ALICE.id, "new-password-2");
      });
    });
  });
}

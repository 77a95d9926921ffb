// The email-link flow end to end: forgot → link → reset, and every rule around the token.
import { expect } from "chai";
import { MemoryTokenStore, PasswordResetConfigError } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS, FAST_HASH } from "../helpers/app.js";
import { gate, turn } from "../helpers/async.js";
import { forgot, post, requestLink, reset } from "../helpers/client.js";
import { testClock } from "../helpers/clock.js";
import { expectError, expectFieldError, expectGenericInternalError } from "../helpers/expect.js";
import { ALICE, GOOD_PASSWORD } from "../helpers/fixtures.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`link flow (${version.name})`, () => {
    it("mails a link built from resetUrl to the address on the record, and the link resets the password", async () => {
      const t = createTestApp(version);
      await requestLink(t, "  ALICE@example.com ");
      const message = t.mailer.last!;
      expect(message.to).to.equal("alice@example.com");
      expect(message.user.id).to.equal("u1");
      const link = new URL(message.link!);
      expect(link.origin + link.pathname).to.equal("https://app.example.com/reset-password");
      expect(message.expiresAt.getTime()).to.equal(t.clock.now + 3600_000);
      const token = link.searchParams.get("token")!;
      const res = await reset(t, { token });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ success: true, data: {} });
      expect(t.users.updates).to.deep.equal([{ userId: "u1", passwordHash: t.users.hashOf("u1") }]);
      expect(t.users.hashOf("u1")).to.not.equal(GOOD_PASSWORD).and.to.not.equal("old");
    });

    it("carries at least 256 bits of randomness and stores only a hash of it", async () => {
      // The store shares the router's fake clock, or it would purge grants dated in the clock's past.
      const clock = testClock();
      const store = new MemoryTokenStore({ now: clock.fn });
      const t = createTestApp(version, { tokenStore: store });
      const token = await requestLink(t);
      const [selector, verifier] = token.split(".");
      expect(Buffer.from(verifier!, "base64url")).to.have.length.of.at.least(32);
      const grant = await store.find("link", selector!);
      expect(grant).to.not.equal(null);
      expect(JSON.stringify(grant)).to.not.include(verifier!);
      await store.close();
    });

    it("answers the same 200 for an unknown account and sends nothing", async () => {
      const t = createTestApp(version);
      // forgot() expects the uniform 200 { success: true, data: {} } and waits for the delivery.
      expect(await forgot(t, { email: "nobody@example.com" })).to.equal(undefined);
      expect(t.mailer.resets).to.have.length(0);
      expect(t.events.map((e) => e.type)).to.include("forgot.unknown_user");
    });

    it("uses a token once", async () => {
      const t = createTestApp(version);
      const token = await requestLink(t);
      expect((await reset(t, { token })).status).to.equal(200);
      const again = await reset(t, { token }, "yet another password");
      expectError(again, "INVALID_TOKEN");
      expect(t.users.updates).to.have.length(1);
    });

    it("lets only the newest request live: a new link supersedes the older one", async () => {
      const t = createTestApp(version);
      const first = await requestLink(t);
      const second = await requestLink(t);
      expectError(await reset(t, { token: first }), "INVALID_TOKEN");
      expect((await reset(t, { token: second })).status).to.equal(200);
    });

    it("revokes the user's other outstanding tokens on a successful reset, and not other users'", async () => {
      const t = createTestApp(version);
      const aliceToken = await requestLink(t);
      const bobToken = await requestLink(t, "bob@example.com");
      expect((await reset(t, { token: aliceToken })).status).to.equal(200);
      expect((await reset(t, { token: bobToken })).status).to.equal(200);
    });

    it("answers TOKEN_EXPIRED after linkTtlSeconds, and INVALID_TOKEN for a wrong secret with the same selector", async () => {
      const t = createTestApp(version, { linkTtlSeconds: 600 });
      const token = await requestLink(t);
      const [selector] = token.split(".");
      const forged = `${selector}.${"A".repeat(43)}`;
      t.clock.now += 600_000 - 1;
      expectError(await reset(t, { token: forged }), "INVALID_TOKEN");
      t.clock.now += 1;
      const expired = await reset(t, { token });
      expectError(expired, "TOKEN_EXPIRED");
      expectError(await reset(t, { token: forged }), "INVALID_TOKEN");
      expect(t.users.updates).to.have.length(0);
    });

    it("keeps a token usable when updatePassword fails, and spends it once the change succeeds", async () => {
      const t = createTestApp(version);
      const token = await requestLink(t);
      t.users.failUpdates = 1;
      const failed = await reset(t, { token });
      expectGenericInternalError(failed);
      expect(t.users.hashOf("u1")).to.equal("old");
      expect((await reset(t, { token })).status).to.equal(200);
      expectError(await reset(t, { token }), "INVALID_TOKEN");
    });

    it("refuses a token sent with another account's identifier, and accepts it with its own", async () => {
      const t = createTestApp(version);
      const token = await requestLink(t);
      expectError(await reset(t, { token, email: "bob@example.com" }), "INVALID_TOKEN");
      expect(t.users.updates).to.have.length(0);
      const own = await reset(t, { token, email: "Alice@Example.com" });
      expect(own.status).to.equal(200);
      expect(t.users.updates.map((u) => u.userId)).to.deep.equal(["u1"]);
    });

    it("kills every outstanding token with router.revokeUser", async () => {
      const t = createTestApp(version);
      const token = await requestLink(t);
      await t.router.revokeUser("u1");
      expectError(await reset(t, { token }), "INVALID_TOKEN");
    });

    it("leaves the account untouched by a request: the old password stays until a reset succeeds", async () => {
      const t = createTestApp(version);
      await requestLink(t);
      await requestLink(t);
      expect(t.users.hashOf("u1")).to.equal("old");
      expect(t.users.updates).to.have.length(0);
    });

    describe("password policy", () => {
      it("refuses short passwords, a missing or different confirmation, with details naming the field", async () => {
        const t = createTestApp(version);
        const token = await requestLink(t);
        const short = await reset(t, { token }, "short");
        expect(short.body.error.details).to.deep.equal([
          { field: "password", message: "password must be at least 8 characters long" },
        ]);
        const missing = await post(t.app, "reset", { token, password: GOOD_PASSWORD });
        expect(missing.body.error.details[0].field).to.equal("passwordConfirm");
        const different = await post(t.app, "reset", {
          token,
          password: GOOD_PASSWORD,
          confirmPassword: `${GOOD_PASSWORD}!`,
        });
        expect(different.body.error.details[0]).to.deep.equal({
          field: "confirmPassword",
          message: "confirmPassword does not match password",
        });
        expect((await reset(t, { token })).status, "the token survives refused passwords").to.equal(200);
      });

      it("refuses passwords over 72 UTF-8 bytes instead of truncating them, counting bytes not characters", async () => {
        const t = createTestApp(version);
        const token = await requestLink(t);
        const emoji = "🔑".repeat(19); // 19 characters, 76 bytes
        const res = await reset(t, { token }, emoji);
        expect(res.status).to.equal(400);
        expect(res.body.error.details[0].message).to.equal("password must be at most 72 bytes long");
        expect((await reset(t, { token }, "x".repeat(72))).status).to.equal(200);
      });

      it("applies the app's validate rule with the user, and honours minLength and requireConfirmation", async () => {
        const t = createTestApp(version, {
          password: {
            minLength: 12,
            requireConfirmation: false,
            validate: (password, user) =>
              password.includes(user.name ?? "?") ? "password must not contain your name" : undefined,
          },
        });
        const token = await requestLink(t);
        const eleven = await post(t.app, "reset", { token, password: "x".repeat(11) });
        expect(eleven.body.error.details[0].message).to.equal("password must be at least 12 characters long");
        const named = await post(t.app, "reset", { token, password: "Alice-is-great-123" });
        expect(named.body.error.details).to.deep.equal([
          { field: "password", message: "password must not contain your name" },
        ]);
        const ok = await post(t.app, "reset", { token, password: "twelve chars!" });
        expect(ok.status).to.equal(200);
      });

      it("hashes with bcrypt by default: updatePassword never sees the plain password", async () => {
        const t = createTestApp(version, { hashPassword: undefined, bcryptRounds: 4 });
        const token = await requestLink(t);
        expect((await reset(t, { token })).status).to.equal(200);
        const hash = t.users.hashOf("u1")!;
        expect(hash).to.match(/^\$2[aby]\$04\$/);
        expect(hash).to.not.include(GOOD_PASSWORD);
      });

      it("maxBytes above 72 with the default hasher throws a PasswordResetConfigError naming `password.maxBytes`", () => {
        expect(() => createTestApp(version, { hashPassword: undefined, password: { maxBytes: 100 } }))
          .to.throw(PasswordResetConfigError)
          .with.property("message")
          .that.matches(/password\.maxBytes/);
      });

      it("with a custom hashPassword, maxBytes 100 is accepted and a 100-byte password resets", async () => {
        const t = createTestApp(version, { password: { maxBytes: 100 } });
        const password = "ü".repeat(50); // 50 characters, 100 bytes of UTF-8
        expect(Buffer.byteLength(password)).to.equal(100);
        const token = await requestLink(t);
        expectFieldError(await reset(t, { token }, `${password}x`), "password");
        const res = await reset(t, { token }, password);
        expect(res.status, res.text).to.equal(200);
        expect(t.users.hashOf(ALICE.id)).to.equal(await FAST_HASH(password));
        await t.router.close();
      });
    });

    describe("hooks and lifecycle", () => {
      it("merges what afterReset returns into data, and sends the password-changed notice", async () => {
        const t = createTestApp(version, {
          afterReset: async (user, req) => ({ accessToken: `session-for-${user.id}`, ip: typeof req.ip }),
        });
        const token = await requestLink(t);
        const res = await reset(t, { token });
        expect(res.body).to.deep.equal({
          success: true,
          data: { accessToken: "session-for-u1", ip: "string" },
        });
        await t.router.drain();
        expect(t.mailer.notices).to.have.length(1);
        expect(t.mailer.notices[0]!.to).to.equal("alice@example.com");
        expect(JSON.stringify(t.mailer.notices[0])).to.not.include(token);
      });

      it("drain waits for background deliveries; close lets the store stop its timers", async () => {
        const lookup = gate<void>();
        const t = createTestApp(version);
        const original = t.users.findUser.bind(t.users);
        t.users.findUser = async (identifier) => {
          await lookup.promise;
          return original(identifier);
        };
        await post(t.app, "forgot", { email: "alice@example.com" });
        let drained = false;
        const draining = t.router.drain().then(() => (drained = true));
        await turn();
        expect(drained).to.equal(false);
        lookup.open();
        await draining;
        expect(t.mailer.resets).to.have.length(1);
        await t.router.close();
      });

      it("emits audit events for request, delivery, success and failure, none holding a secret", async () => {
        const t = createTestApp(version);
        const token = await requestLink(t);
        await reset(t, { token }, "short");
        t.users.failUpdates = 1;
        await reset(t, { token });
        await reset(t, { token });
        await t.router.drain();
        const types = t.events.map((e) => e.type);
        expect(types).to.include.members([
          "forgot.requested",
          "delivery.sent",
          "request.refused",
          "adapter.failed",
          "reset.succeeded",
          "notice.sent",
        ]);
        const failed = t.events.find((e) => e.type === "adapter.failed");
        expect(failed?.operation).to.equal("users.updatePassword");
        const everything = JSON.stringify(t.events) + t.logs.join("\n");
        const hash = t.users.hashOf("u1")!;
        for (const secret of [token, token.split(".")[1]!, GOOD_PASSWORD, hash])
          expect(everything).to.not.include(secret);
        expect(everything).to.include("[redacted]");
      });
    });
  });
}

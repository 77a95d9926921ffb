// The email-link flow end to end: forgot → link → reset, and every rule around the token.
import { expect } from "chai";
import request from "supertest";
import { MemoryTokenStore } from "../../lib/index.js";
import { EXPRESS_VERSIONS, createTestApp, type TestApp } from "../helpers/app.js";

const PASSWORD = "a brand new password";

async function requestLink(t: TestApp, email = "alice@example.com"): Promise<string> {
  const res = await request(t.app).post("/auth/password/forgot").send({ email });
  expect(res.status).to.equal(200);
  await t.router.drain();
  const token = t.mailer.lastToken();
  if (!token) throw new Error("no link was sent");
  return token;
}

function reset(t: TestApp, token: string, password = PASSWORD): request.Test {
  return request(t.app).post("/auth/password/reset").send({ token, password, passwordConfirm: password });
}

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
      const res = await reset(t, token);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ success: true, data: {} });
      expect(t.users.updates).to.deep.equal([{ userId: "u1", passwordHash: t.users.hashOf("u1") }]);
      expect(t.users.hashOf("u1")).to.not.equal(PASSWORD).and.to.not.equal("old");
    });

    it("carries at least 256 bits of randomness and stores only a hash of it", async () => {
      // The store shares the router's fake clock, or it would purge grants dated in the clock's past.
      const clock = { now: Date.UTC(2026, 0, 1) };
      const store = new MemoryTokenStore({ now: () => clock.now });
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
      const res = await request(t.app).post("/auth/password/forgot").send({ email: "nobody@example.com" });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ success: true, data: {} });
      await t.router.drain();
      expect(t.mailer.resets).to.have.length(0);
      expect(t.events.map((e) => e.type)).to.include("forgot.unknown_user");
    });

    it("uses a token once", async () => {
      const t = createTestApp(version);
      const token = await requestLink(t);
      expect((await reset(t, token)).status).to.equal(200);
      const again = await reset(t, token, "yet another password");
      expect(again.status).to.equal(400);
      expect(again.body.error.type).to.equal("INVALID_TOKEN");
      expect(t.users.updates).to.have.length(1);
    });

    it("lets only the newest request live: a new link supersedes the older one", async () => {
      const t = createTestApp(version);
      const first = await requestLink(t);
      const second = await requestLink(t);
      expect((await reset(t, first)).body.error.type).to.equal("INVALID_TOKEN");
      expect((await reset(t, second)).status).to.equal(200);
    });

    it("revokes the user's other outstanding tokens on a successful reset, and not other users'", async () => {
      const t = createTestApp(version);
      const aliceToken = await requestLink(t);
      const bobToken = await requestLink(t, "bob@example.com");
      expect((await reset(t, aliceToken)).status).to.equal(200);
      expect((await reset(t, bobToken)).status).to.equal(200);
    });

    it("answers TOKEN_EXPIRED after linkTtlSeconds, and INVALID_TOKEN for a wrong secret with the same selector", async () => {
      const t = createTestApp(version, { linkTtlSeconds: 600 });
      const token = await requestLink(t);
      const [selector] = token.split(".");
      const forged = `${selector}.${"A".repeat(43)}`;
      t.clock.now += 600_000 - 1;
      expect((await reset(t, forged)).body.error.type).to.equal("INVALID_TOKEN");
      t.clock.now += 1;
      const expired = await reset(t, token);
      expect(expired.status).to.equal(400);
      expect(expired.body.error.type).to.equal("TOKEN_EXPIRED");
      expect((await reset(t, forged)).body.error.type).to.equal("INVALID_TOKEN");
      expect(t.users.updates).to.have.length(0);
    });

    it("keeps a token usable when updatePassword fails, and spends it once the change succeeds", async () => {
      const t = createTestApp(version);
      const token = await requestLink(t);
      t.users.failUpdates = 1;
      const failed = await reset(t, token);
      expect(failed.status).to.equal(500);
      expect(failed.body).to.deep.equal({
        success: false,
        error: { type: "INTERNAL_ERROR", message: "Something went wrong. Try again later." },
      });
      expect(t.users.hashOf("u1")).to.equal("old");
      expect((await reset(t, token)).status).to.equal(200);
      expect((await reset(t, token)).body.error.type).to.equal("INVALID_TOKEN");
    });

    it("refuses a token sent with another account's identifier, and accepts it with its own", async () => {
      const t = createTestApp(version);
      const token = await requestLink(t);
      const body = { token, password: PASSWORD, passwordConfirm: PASSWORD };
      const other = await request(t.app)
        .post("/auth/password/reset")
        .send({ ...body, email: "bob@example.com" });
      expect(other.body.error.type).to.equal("INVALID_TOKEN");
      expect(t.users.updates).to.have.length(0);
      const own = await request(t.app)
        .post("/auth/password/reset")
        .send({ ...body, email: "Alice@Example.com" });
      expect(own.status).to.equal(200);
      expect(t.users.updates.map((u) => u.userId)).to.deep.equal(["u1"]);
    });

    it("kills every outstanding token with router.revokeUser", async () => {
      const t = createTestApp(version);
      const token = await requestLink(t);
      await t.router.revokeUser("u1");
      expect((await reset(t, token)).body.error.type).to.equal("INVALID_TOKEN");
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
        const short = await reset(t, token, "short");
        expect(short.body.error.details).to.deep.equal([
          { field: "password", message: "password must be at least 8 characters long" },
        ]);
        const missing = await request(t.app).post("/auth/password/reset").send({ token, password: PASSWORD });
        expect(missing.body.error.details[0].field).to.equal("passwordConfirm");
        const different = await request(t.app)
          .post("/auth/password/reset")
          .send({ token, password: PASSWORD, confirmPassword: `${PASSWORD}!` });
        expect(different.body.error.details[0]).to.deep.equal({
          field: "confirmPassword",
          message: "confirmPassword does not match password",
        });
        expect((await reset(t, token)).status, "the token survives refused passwords").to.equal(200);
      });

      it("refuses passwords over 72 UTF-8 bytes instead of truncating them, counting bytes not characters", async () => {
        const t = createTestApp(version);
        const token = await requestLink(t);
        const emoji = "🔑".repeat(19); // 19 characters, 76 bytes
        const res = await reset(t, token, emoji);
        expect(res.status).to.equal(400);
        expect(res.body.error.details[0].message).to.equal("password must be at most 72 bytes long");
        expect((await reset(t, token, "x".repeat(72))).status).to.equal(200);
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
        const eleven = await request(t.app)
          .post("/auth/password/reset")
          .send({ token, password: "x".repeat(11) });
        expect(eleven.body.error.details[0].message).to.equal("password must be at least 12 characters long");
        const named = await request(t.app)
          .post("/auth/password/reset")
          .send({ token, password: "Alice-is-great-123" });
        expect(named.body.error.details).to.deep.equal([
          { field: "password", message: "password must not contain your name" },
        ]);
        const ok = await request(t.app)
          .post("/auth/password/reset")
          .send({ token, password: "twelve chars!" });
        expect(ok.status).to.equal(200);
      });

      it("hashes with bcrypt by default: updatePassword never sees the plain password", async () => {
        const t = createTestApp(version, { hashPassword: undefined, bcryptRounds: 4 });
        const token = await requestLink(t);
        expect((await reset(t, token)).status).to.equal(200);
        const hash = t.users.hashOf("u1")!;
        expect(hash).to.match(/^\$2[aby]\$04\$/);
        expect(hash).to.not.include(PASSWORD);
      });
    });

    describe("hooks and lifecycle", () => {
      it("merges what afterReset returns into data, and sends the password-changed notice", async () => {
        const t = createTestApp(version, {
          afterReset: async (user, req) => ({ accessToken: `session-for-${user.id}`, ip: typeof req.ip }),
        });
        const token = await requestLink(t);
        const res = await reset(t, token);
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
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const t = createTestApp(version);
        const original = t.users.findUser.bind(t.users);
        t.users.findUser = async (identifier) => {
          await gate;
          return original(identifier);
        };
        await request(t.app).post("/auth/password/forgot").send({ email: "alice@example.com" });
        let drained = false;
        const draining = t.router.drain().then(() => (drained = true));
        await new Promise((resolve) => setImmediate(resolve));
        expect(drained).to.equal(false);
        release();
        await draining;
        expect(t.mailer.resets).to.have.length(1);
        await t.router.close();
      });

      it("emits audit events for request, delivery, success and failure, none holding a secret", async () => {
        const t = createTestApp(version);
        const token = await requestLink(t);
        await reset(t, token, "short");
        t.users.failUpdates = 1;
        await reset(t, token);
        await reset(t, token);
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
        for (const secret of [token, token.split(".")[1]!, PASSWORD, hash])
          expect(everything).to.not.include(secret);
        expect(everything).to.include("[redacted]");
      });
    });
  });
}

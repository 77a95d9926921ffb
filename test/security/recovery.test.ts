// The remaining recovery requirements of the OWASP Forgot Password Cheat Sheet and ASVS (V2.5 /
// V2.7 in 4.0.3, V6.3–V6.6 in 5.0), each shown through HTTP as a user or attacker would meet it:
// secret strength and storage, expiry, supersession, the new-password step, no auto-login, no
// lockout, and reset sessions that cannot be forged. The core behaves the same on Express 4 and 5
// here (no parsing or proxy questions), so this file runs on Express 5 only.
import { expect } from "chai";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { post, requestLink, reset, session, smsCode } from "../helpers/client.js";
import { expectError, expectFieldError } from "../helpers/expect.js";
import { GOOD_PASSWORD } from "../helpers/fixtures.js";
import { type createSmsApp, createStoreApp } from "../helpers/sms-apps.js";

const version = EXPRESS_VERSIONS[1];

function app(options: Parameters<typeof createSmsApp>[1] = {}) {
  const { t, store, clock, close } = createStoreApp(version, options);
  const issued: unknown[] = [];
  const issue = store.issue.bind(store);
  store.issue = (grant) => {
    issued.push(structuredClone(grant));
    return issue(grant);
  };
  return { t, clock, issued, close };
}

describe("security: recovery requirements (Express 5)", () => {
  describe("the secrets", () => {
    it("link tokens carry a 256-bit random verifier, and no two are alike", async () => {
      const a = app();
      const tokens = new Set<string>();
      for (let i = 0; i < 50; i++) tokens.add(await requestLink(a.t));
      expect(tokens.size).to.equal(50);
      for (const token of tokens) {
        // selector (128 bits) "." verifier (256 bits), base64url: 22 + 1 + 43 characters.
        expect(token).to.match(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
      }
      await a.close();
    });

    it("codes have `codeLength` digits", async () => {
      const a = app({ codeLength: 8 });
      const code = await smsCode(a.t);
      expect(code).to.match(/^\d{8}$/);
      await a.close();
    });

    it("the store keeps only hashes: no link token, verifier, code or session is handed to it", async () => {
      const a = app();
      const token = await requestLink(a.t);
      const resetToken = await session(a.t, { token });
      const code = await smsCode(a.t);
      const stored = JSON.stringify(a.issued);
      expect(a.issued).to.have.length(3);
      expect(stored).not.to.include(token.split(".")[1]);
      expect(stored).not.to.include(resetToken);
      expect(stored).not.to.match(new RegExp(`(?<!\\d)${code}(?!\\d)`));
      await a.close();
    });

    it("a code works only with the identifier it was sent to", async () => {
      const a = app();
      const code = await smsCode(a.t, "+14155550100");
      expectError(await post(a.t.app, "verify", { mobile: "+447700900123", code }), "INVALID_TOKEN");
      expectError(await post(a.t.app, "verify", { email: "alice@example.com", code }), "INVALID_TOKEN");
      expect((await post(a.t.app, "verify", { mobile: "+14155550100", code })).status).to.equal(200);
      await a.close();
    });

    it("after `maxCodeAttempts` wrong guesses the code is dead, even the right one", async () => {
      const a = app({ maxCodeAttempts: 3 });
      const code = await smsCode(a.t);
      const wrong = code === "000000" ? "111111" : "000000";
      for (let i = 0; i < 3; i++)
        expectError(await post(a.t.app, "verify", { mobile: "+14155550100", code: wrong }), "INVALID_TOKEN");
      expectError(await post(a.t.app, "verify", { mobile: "+14155550100", code }), "INVALID_TOKEN");
      await a.close();
    });
  });

  describe("lifetimes and supersession", () => {
    it("a link answers TOKEN_EXPIRED after linkTtlSeconds, a code after codeTtlSeconds, a session after sessionTtlSeconds", async () => {
      const a = app({ linkTtlSeconds: 600, codeTtlSeconds: 300, sessionTtlSeconds: 120 });
      const token = await requestLink(a.t);
      a.clock.now += 601_000;
      expectError(await post(a.t.app, "verify", { token }), "TOKEN_EXPIRED");

      const code = await smsCode(a.t);
      a.clock.now += 301_000;
      expectError(await post(a.t.app, "verify", { mobile: "+14155550100", code }), "TOKEN_EXPIRED");

      const resetToken = await session(a.t, { token: await requestLink(a.t) }, 120);
      a.clock.now += 121_000;
      expectError(await reset(a.t, { resetToken }), "TOKEN_EXPIRED");
      await a.close();
    });

    it("a new request supersedes the older link; a reset spends the secret", async () => {
      const a = app();
      const first = await requestLink(a.t);
      const second = await requestLink(a.t);
      expectError(await reset(a.t, { token: first }), "INVALID_TOKEN");
      expect((await reset(a.t, { token: second })).status).to.equal(200);
      expectError(await reset(a.t, { token: second }), "INVALID_TOKEN");
      await a.close();
    });

    it("revokeUser kills every outstanding secret of the user", async () => {
      const a = app();
      const token = await requestLink(a.t);
      await a.t.router.revokeUser("u1");
      expectError(await post(a.t.app, "verify", { token }), "INVALID_TOKEN");
      await a.close();
    });
  });

  describe("the account", () => {
    it("requesting resets changes nothing on the account: no lockout, the old password stays", async () => {
      const a = app();
      for (let i = 0; i < 5; i++) await requestLink(a.t);
      expect(a.t.users.updates).to.deep.equal([]);
      expect(a.t.users.hashOf("u1")).to.equal("old");
      await a.close();
    });

    it("the new password must be typed twice, and the two must match", async () => {
      const a = app();
      const token = await requestLink(a.t);
      expectFieldError(await post(a.t.app, "reset", { token, password: GOOD_PASSWORD }), "passwordConfirm");
      expectFieldError(
        await post(a.t.app, "reset", {
          token,
          password: GOOD_PASSWORD,
          passwordConfirm: `${GOOD_PASSWORD}!`,
        }),
        "passwordConfirm",
      );
      expect(a.t.users.updates).to.deep.equal([]);
      await a.close();
    });

    it("a password longer than maxBytes of UTF-8 is refused, never silently truncated", async () => {
      const a = app();
      const token = await requestLink(a.t);
      const long = "é".repeat(37); // 37 characters, 74 bytes: bcrypt would quietly drop the last two
      expectFieldError(
        await post(a.t.app, "reset", { token, password: long, passwordConfirm: long }),
        "password",
      );
      const fits = "é".repeat(36); // exactly 72 bytes
      expect(
        (await post(a.t.app, "reset", { token, password: fits, passwordConfirm: fits })).status,
      ).to.equal(200);
      await a.close();
    });

    it("a successful reset logs no one in, and the user is told their password changed", async () => {
      const a = app();
      const token = await requestLink(a.t);
      const res = await reset(a.t, { token });
      expect(res.body).to.deep.equal({ success: true, data: {} });
      expect(res.headers["set-cookie"]).to.equal(undefined);
      await a.t.router.drain();
      expect(a.t.mailer.notices.map((n) => n.to)).to.deep.equal(["alice@example.com"]);
      expect(JSON.stringify(a.t.mailer.notices)).not.to.include(GOOD_PASSWORD);
      await a.close();
    });

    it("every answer, errors included, is uncacheable and sends no Referer onward", async () => {
      const a = app();
      for (const res of [
        await post(a.t.app, "forgot", { email: "alice@example.com" }),
        await post(a.t.app, "verify", { token: "nope" }),
        await reset(a.t, { token: "nope" }),
      ]) {
        expect(res.headers["cache-control"]).to.equal("no-store");
        expect(res.headers["referrer-policy"]).to.equal("no-referrer");
        expect(res.headers["x-content-type-options"]).to.equal("nosniff");
      }
      await a.close();
    });
  });

  describe("reset sessions (the verify step's JWT)", () => {
    it("refuses sessions with alg none, another algorithm, a changed payload or another signing key", async () => {
      const a = app();
      const resetToken = await session(a.t, { token: await requestLink(a.t) });
      const [header, payload, signature] = resetToken.split(".") as [string, string, string];
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
      const forgeries = [
        `${b64({ alg: "none", typ: "JWT" })}.${payload}.`,
        `${b64({ alg: "HS512", typ: "JWT" })}.${payload}.${signature}`,
        `${header}.${b64({ ...claims, sub: "u2" })}.${signature}`,
        `${header}.${b64({ ...claims, exp: Number(claims.exp) + 86_400 })}.${signature}`,
        `${header}.${payload}.${Buffer.from("forged signature of 32 bytes....").toString("base64url")}`,
      ];
      for (const forged of forgeries) {
        expectError(await reset(a.t, { resetToken: forged }), "INVALID_TOKEN");
      }
      expect(a.t.users.updates).to.deep.equal([]);
      expect((await reset(a.t, { resetToken })).status).to.equal(200);
      await a.close();
    });

    it("a session from a router with another secret is refused", async () => {
      const a = app({ secret: "a".repeat(32) });
      const b = app({ secret: "b".repeat(32) });
      const resetToken = await session(a.t, { token: await requestLink(a.t) });
      expectError(await reset(b.t, { resetToken }), "INVALID_TOKEN");
      await a.close();
      await b.close();
    });
  });
});

// Reset secrets cannot be guessed, read from the store or forged (OWASP Forgot Password Cheat
// Sheet; ASVS 4.0.3 V2.5/V2.7, 5.0 V6.4–V6.5): link tokens are 256-bit random, codes have
// `codeLength` digits and a wrong-guess budget, the store keeps only hashes, and a reset session
// is refused unless this router signed it as issued. Shown through HTTP as an attacker would meet
// it. The core behaves the same on Express 4 and 5 here (no parsing or proxy questions), so this
// file runs on Express 5 only.
import { expect } from "chai";
import { EXPRESS_VERSIONS, type TestAppOptions } from "../helpers/app.js";
import { post, requestLink, reset, session, smsCode } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import { createStoreApp } from "../helpers/sms-apps.js";

const version = EXPRESS_VERSIONS[1];

/** An SMS app over a store that also keeps a copy of every grant it was handed. */
function app(options: TestAppOptions = {}) {
  const { t, store, clock, close } = createStoreApp(version, options);
  const issued: unknown[] = [];
  const issue = store.issue.bind(store);
  store.issue = (grant) => {
    issued.push(structuredClone(grant));
    return issue(grant);
  };
  return { t, clock, issued, close };
}

describe("security: reset secrets cannot be guessed, read from the store or forged (Express 5)", () => {
  describe("link tokens and codes", () => {
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

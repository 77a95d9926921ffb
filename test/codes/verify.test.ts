// POST /verify: a link token or identifier + code traded for a short-lived reset session (JWT),
// then spent on POST /reset by Bearer header or body `resetToken`. What kills a session, what a
// forged one gets, and which credential wins when a request carries two.
import { createHmac } from "node:crypto";
import { expect } from "chai";
import { EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { forgot, requestLink, reset, session, smsCode, verify } from "../helpers/client.js";
import { expectError, expectOk, expectPassword, expectUnchanged, fieldsOf } from "../helpers/expect.js";
import { ALICE, SECRET } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

const BY_MOBILE = { mobile: ALICE.mobile };
const APP_BEARER = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhcHAtdXNlciJ9.c2lnbmF0dXJl"; // the host app's own token

function b64url(value: Buffer | object): string {
  return (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString("base64url");
}

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header = "", payload = ""] = token.split(".");
  return {
    header: JSON.parse(Buffer.from(header, "base64url").toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>,
  };
}

/** A JWT signed by hand with HMAC (`sha256` for HS256, `sha512` for HS512). */
function signed(header: object, payload: object, key: string, hash: "sha256" | "sha512" = "sha256"): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac(hash, key).update(input).digest("base64url")}`;
}

for (const version of EXPRESS_VERSIONS) {
  describe(`verify and reset sessions (${version.name})`, () => {
    let t: TestApp;
    beforeEach(() => {
      t = createCodeApp(version, { sessionTtlSeconds: 300 });
    });
    afterEach(() => t.router.close());

    it("link → verify → reset with body resetToken", async () => {
      const token = await requestLink(t);
      const resetToken = await session(t, { token }, 300);
      expectOk(await reset(t, { resetToken }, "new-password-1"));
      await expectPassword(t, ALICE.id, "new-password-1");
    });

    it("mobile code → verify → reset with Authorization: Bearer", async () => {
      const code = await smsCode(t, BY_MOBILE);
      const resetToken = await session(t, { mobile: "+1 (415) 555-0100", code }, 300);
      expectOk(await reset(t, {}, "new-password-1", `Bearer ${resetToken}`));
      await expectPassword(t, ALICE.id, "new-password-1");
    });

    it("verify spends the link: a second verify, or a reset with it, is INVALID_TOKEN", async () => {
      const token = await requestLink(t);
      await session(t, { token }, 300);
      expectError(await verify(t, { token }), "INVALID_TOKEN");
      expectError(await reset(t, { token }, "new-password-1"), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
    });

    it("verify spends the code: a second verify, or a reset with it, is INVALID_TOKEN", async () => {
      const code = await smsCode(t, BY_MOBILE);
      await session(t, { ...BY_MOBILE, code }, 300);
      expectError(await verify(t, { ...BY_MOBILE, code }), "INVALID_TOKEN");
      expectError(await reset(t, { ...BY_MOBILE, code }, "new-password-1"), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
    });

    it("a session resets once, by header or by body", async () => {
      const resetToken = await session(t, { token: await requestLink(t) }, 300);
      expectOk(await reset(t, {}, "new-password-1", `Bearer ${resetToken}`));
      expectError(await reset(t, {}, "new-password-2", `Bearer ${resetToken}`), "INVALID_TOKEN");
      expectError(await reset(t, { resetToken }, "new-password-3"), "INVALID_TOKEN");
      await expectPassword(t, ALICE.id, "new-password-1");
    });

    it("a failed password check does not spend the session", async () => {
      const resetToken = await session(t, { token: await requestLink(t) }, 300);
      expect(fieldsOf(await reset(t, { resetToken }, "short"))).to.deep.equal(["password"]);
      expectOk(await reset(t, { resetToken }, "new-password-1"));
    });

    it("a new forgot for the user kills the session, whatever identifier it came by", async () => {
      const code = await smsCode(t, BY_MOBILE);
      const resetToken = await session(t, { ...BY_MOBILE, code }, 300);
      await forgot(t, { username: "alice" }); // a link by email, to the same user
      expectError(await reset(t, {}, "new-password-1", `Bearer ${resetToken}`), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
      // The newest request lives.
      expectOk(await reset(t, { token: t.mailer.lastToken() }, "new-password-2"));
    });

    it("router.revokeUser(id) kills the session", async () => {
      const resetToken = await session(t, { token: await requestLink(t) }, 300);
      await t.router.revokeUser(ALICE.id);
      expectError(await reset(t, { resetToken }, "new-password-1"), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
    });

    it("verify does not take a reset session, so a session cannot be traded for a fresh one", async () => {
      const resetToken = await session(t, { token: await requestLink(t) }, 300);
      expect(fieldsOf(await verify(t, { resetToken }))).to.deep.equal(["resetToken"]);
      expectError(await verify(t, { token: resetToken }), "INVALID_TOKEN");
      expectOk(await reset(t, { resetToken }, "new-password-1"));
    });

    describe("a credential in the body wins over an Authorization header", () => {
      it("link token in the body + the app's own Bearer", async () => {
        const token = await requestLink(t);
        expectOk(await reset(t, { token }, "new-password-1", APP_BEARER));
        await expectPassword(t, ALICE.id, "new-password-1");
      });

      it("resetToken in the body + the app's own Bearer", async () => {
        const resetToken = await session(t, { token: await requestLink(t) }, 300);
        expectOk(await reset(t, { resetToken }, "new-password-1", APP_BEARER));
        await expectPassword(t, ALICE.id, "new-password-1");
      });

      it("identifier + code in the body + the app's own Bearer", async () => {
        const code = await smsCode(t, BY_MOBILE);
        expectOk(await reset(t, { ...BY_MOBILE, code }, "new-password-1", APP_BEARER));
        await expectPassword(t, ALICE.id, "new-password-1");
      });

      it("a bad token in the body is not rescued by a valid session in the header", async () => {
        const resetToken = await session(t, { token: await requestLink(t) }, 300);
        expectError(
          await reset(t, { token: "not-a-token" }, "new-password-1", `Bearer ${resetToken}`),
          "INVALID_TOKEN",
        );
        expectUnchanged(t, ALICE.id);
        expectOk(await reset(t, {}, "new-password-2", `Bearer ${resetToken}`));
      });
    });

    it("forged sessions are INVALID_TOKEN and leave the genuine one usable", async () => {
      const genuine = await session(t, { token: await requestLink(t) }, 300);
      const { header, payload } = decode(genuine);
      expect(header).to.include({ alg: "HS256" });
      expect(payload).to.include({ sub: ALICE.id });
      const [h = "", p = "", s = ""] = genuine.split(".");
      const bytes = Buffer.from(p, "base64url");
      const at = bytes.length - 2;
      bytes[at] = (bytes[at] ?? 0) ^ 0x01; // one bit of the payload
      const forgeries: Record<string, string> = {
        "payload byte flipped": `${h}.${b64url(bytes)}.${s}`,
        "sub changed, old signature": `${h}.${b64url({ ...payload, sub: "u2" })}.${s}`,
        "re-signed with another secret": signed(
          header,
          payload,
          "another-secret-0123456789abcdef-0123456789",
        ),
        "alg: none": `${b64url({ alg: "none", typ: "JWT" })}.${b64url(payload)}.`,
        "alg: HS512 with the right secret": signed({ ...header, alg: "HS512" }, payload, SECRET, "sha512"),
        "wrong aud, right secret": signed(header, { ...payload, aud: "api" }, SECRET),
        "signature stripped": `${h}.${p}.`,
        "not a JWT": "abc",
      };
      for (const [name, forged] of Object.entries(forgeries)) {
        const byHeader = await reset(t, {}, "new-password-1", `Bearer ${forged}`);
        expectError(byHeader, "INVALID_TOKEN");
        expect(byHeader.body.error.message, name).to.be.a("string").and.not.include(forged);
        expectError(await reset(t, { resetToken: forged }, "new-password-1"), "INVALID_TOKEN");
      }
      expectUnchanged(t, ALICE.id);
      expectOk(await reset(t, {}, "new-password-2", `Bearer ${genuine}`));
      await expectPassword(t, ALICE.id, "new-password-2");
    });

    it("a genuine session past sessionTtlSeconds is TOKEN_EXPIRED (fake clock)", async () => {
      const resetToken = await session(t, { token: await requestLink(t) }, 300);
      const { payload } = decode(resetToken);
      expect(payload.exp).to.equal(t.clock.now / 1000 + 300);
      t.clock.now += 301_000;
      expectError(await reset(t, {}, "new-password-1", `Bearer ${resetToken}`), "TOKEN_EXPIRED");
      expectError(await reset(t, { resetToken }, "new-password-1"), "TOKEN_EXPIRED");
      expectUnchanged(t, ALICE.id);
    });

    it("a session one second before sessionTtlSeconds still works", async () => {
      const resetToken = await session(t, { token: await requestLink(t) }, 300);
      t.clock.now += 299_000;
      expectOk(await reset(t, {}, "new-password-1", `Bearer ${resetToken}`));
    });
  });
}

// A reset secret works once, for the account and identifier it was issued to, and only until it
// expires, a newer request supersedes it or the app revokes it (OWASP Forgot Password Cheat Sheet;
// ASVS 4.0.3 V2.7, 5.0 V6.4 and V6.6). Express 5 only, as in unguessable-secrets.test.ts.
import { expect } from "chai";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { post, requestLink, reset, session, smsCode } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import { createStoreApp } from "../helpers/sms-apps.js";

const version = EXPRESS_VERSIONS[1];

describe("security: a secret works once, for its own account, until it expires or is replaced (Express 5)", () => {
  it("a code works only with the identifier it was sent to", async () => {
    const a = createStoreApp(version);
    const code = await smsCode(a.t, "+14155550100");
    expectError(await post(a.t.app, "verify", { mobile: "+447700900123", code }), "INVALID_TOKEN");
    expectError(await post(a.t.app, "verify", { email: "alice@example.com", code }), "INVALID_TOKEN");
    expect((await post(a.t.app, "verify", { mobile: "+14155550100", code })).status).to.equal(200);
    await a.close();
  });

  it("a link answers TOKEN_EXPIRED after linkTtlSeconds, a code after codeTtlSeconds, a session after sessionTtlSeconds", async () => {
    const a = createStoreApp(version, { linkTtlSeconds: 600, codeTtlSeconds: 300, sessionTtlSeconds: 120 });
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
    const a = createStoreApp(version);
    const first = await requestLink(a.t);
    const second = await requestLink(a.t);
    expectError(await reset(a.t, { token: first }), "INVALID_TOKEN");
    expect((await reset(a.t, { token: second })).status).to.equal(200);
    expectError(await reset(a.t, { token: second }), "INVALID_TOKEN");
    await a.close();
  });

  it("revokeUser kills every outstanding secret of the user", async () => {
    const a = createStoreApp(version);
    const token = await requestLink(a.t);
    await a.t.router.revokeUser("u1");
    expectError(await post(a.t.app, "verify", { token }), "INVALID_TOKEN");
    await a.close();
  });
});

// Only the password changes, and only by a reset (OWASP Forgot Password Cheat Sheet; ASVS 4.0.3
// V2.5, 5.0 V6.3–V6.4): asking for resets locks no one out and leaves the old password working,
// the new one is typed twice and refused rather than truncated, a reset logs no one in and tells
// the user, and no answer can be cached or pass the page's address on. Express 5 only, as in
// unguessable-secrets.test.ts.
import { expect } from "chai";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { post, requestLink, reset } from "../helpers/client.js";
import { expectFieldError } from "../helpers/expect.js";
import { GOOD_PASSWORD } from "../helpers/fixtures.js";
import { createStoreApp } from "../helpers/sms-apps.js";

const version = EXPRESS_VERSIONS[1];

describe("security: only a reset changes the password, and it logs no one in (Express 5)", () => {
  it("requesting resets changes nothing on the account: no lockout, the old password stays", async () => {
    const a = createStoreApp(version);
    for (let i = 0; i < 5; i++) await requestLink(a.t);
    expect(a.t.users.updates).to.deep.equal([]);
    expect(a.t.users.hashOf("u1")).to.equal("old");
    await a.close();
  });

  it("the new password must be typed twice, and the two must match", async () => {
    const a = createStoreApp(version);
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
    const a = createStoreApp(version);
    const token = await requestLink(a.t);
    const long = "é".repeat(37); // 37 characters, 74 bytes: bcrypt would quietly drop the last two
    expectFieldError(
      await post(a.t.app, "reset", { token, password: long, passwordConfirm: long }),
      "password",
    );
    const fits = "é".repeat(36); // exactly 72 bytes
    expect((await post(a.t.app, "reset", { token, password: fits, passwordConfirm: fits })).status).to.equal(
      200,
    );
    await a.close();
  });

  it("a successful reset logs no one in, and the user is told their password changed", async () => {
    const a = createStoreApp(version);
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
    const a = createStoreApp(version);
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

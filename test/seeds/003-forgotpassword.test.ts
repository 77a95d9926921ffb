// Seed 003_97c7e4b149403c6b.txt through examples/seeds/003-forgotpassword.ts: the documented curl and
// its `{message, access_token}` answer, then `/resetpassword` with that JWT as Bearer token and the
// emailed code.
import { expect } from "chai";
import request from "supertest";
import { createApp } from "../../examples/seeds/003-forgotpassword.js";
import type { SeedApp } from "../../examples/seeds/shared.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { JWT_PATTERN } from "../helpers/client.js";
import { expectPassword } from "../helpers/expect.js";
import { expectStatus, seedFixture, type SeedFixture } from "./support.js";

const USER = { id: "j1", email: "jsmith@example.com", passwordHash: "old" };
const API_KEY = "royalti-client-api-key";
const APP = "https://app.example.com";
const SENT = "Successful, Password reset code sent to users email";

for (const version of EXPRESS_VERSIONS) {
  describe(`seed 003 forgotpassword (${version.name})`, () => {
    let t: SeedFixture;
    let seed: SeedApp;
    beforeEach(() => {
      t = seedFixture([USER]);
      seed = createApp({ ...t.deps, apiKeys: [API_KEY], redirectOrigins: [APP] }, version.create());
    });
    afterEach(() => seed.close());

    /** The seed's curl: `Authorization: Bearer <token>`, JSON `{email, redirect_url}`. */
    function forgot(body: Record<string, unknown>, bearer = API_KEY): request.Test {
      return request(seed.app)
        .post("/auth/forgotpassword")
        .set("Authorization", `Bearer ${bearer}`)
        .send(body);
    }

    function resetPassword(bearer: string, body: Record<string, unknown>): request.Test {
      return request(seed.app)
        .post("/auth/resetpassword")
        .set("Authorization", `Bearer ${bearer}`)
        .send(body);
    }

    it("answers the documented request {message, access_token} and emails a code", async () => {
      const res = await forgot({ email: USER.email, redirect_url: `${APP}/signed-in` });
      expectStatus(res, 200);
      expect(res.body).to.have.all.keys("message", "access_token");
      expect(res.body.message).to.equal(SENT);
      expect(res.body.access_token).to.match(JWT_PATTERN);
      await seed.drain();
      expect(t.mailer.last).to.include({ to: USER.email, redirectUrl: `${APP}/signed-in` });
      expect(t.mailer.last?.code).to.match(/^\d{6}$/);
    });

    it("answers an unknown email the same way, and emails nothing", async () => {
      const res = await forgot({ email: "nobody@example.com" });
      expectStatus(res, 200);
      expect(res.body).to.have.all.keys("message", "access_token");
      expect(res.body.message).to.equal(SENT);
      await seed.drain();
      expect(t.mailer.resets).to.have.length(0);
    });

    it("resets with the access_token as Bearer token and the emailed code, and only with both", async () => {
      const accessToken = (await forgot({ email: USER.email })).body.access_token as string;
      await seed.drain();
      const code = t.mailer.last?.code as string;
      const password = { password: "royalties-2024", passwordConfirm: "royalties-2024" };

      const wrong = await resetPassword(accessToken, {
        code: code === "000000" ? "111111" : "000000",
        ...password,
      });
      expectStatus(wrong, 400);
      // The token names the email, never an account: alone it is no reset session or access token.
      expectStatus(await resetPassword(accessToken, password), 400);
      expect(t.users.updates).to.have.length(0);

      const res = await resetPassword(accessToken, { code, ...password });
      expectStatus(res, 200);
      expect(res.body).to.deep.equal({ message: "Successful, Password has been reset" });
      await expectPassword(t, USER.id, "royalties-2024");
    });

    it("answers 401 without the client's API key", async () => {
      const res = await forgot({ email: USER.email }, "not-a-key");
      expectStatus(res, 401);
      expect(res.body).to.include({ error: "UNAUTHORIZED" }).and.to.have.property("message");
    });

    it("refuses a redirect_url outside the allowed origins", async () => {
      const res = await forgot({ email: USER.email, redirect_url: "https://evil.example/phish" });
      expectStatus(res, 400);
      expect(res.body).to.include({ error: "VALIDATION_ERROR" });
      await seed.drain();
      expect(t.mailer.resets).to.have.length(0);
    });
  });
}

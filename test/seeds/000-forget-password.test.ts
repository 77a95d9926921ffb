// Seed 000_cfae286a57aea307.txt through examples/seeds/000-forget-password.ts: the documented curl
// (text/plain JSON, Bearer access token) and its documented answers, then a whole reset.
import { expect } from "chai";
import request from "supertest";
import { createApp } from "../../examples/seeds/000-forget-password.js";
import type { SeedApp } from "../../examples/seeds/shared.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { expectPassword } from "../helpers/expect.js";
import { DEFAULT_USERS } from "../helpers/users.js";
import { expectStatus, seedFixture, type SeedFixture } from "./support.js";

const ACCESS_TOKEN = "site-api-access-token-1";
const FORGET = "/api2/v2/api/forget-password";

for (const version of EXPRESS_VERSIONS) {
  describe(`seed 000 forget-password (${version.name})`, () => {
    let t: SeedFixture;
    let seed: SeedApp;
    beforeEach(() => {
      t = seedFixture(DEFAULT_USERS);
      seed = createApp({ ...t.deps, accessTokens: [ACCESS_TOKEN] }, version.create());
    });
    afterEach(() => seed.close());

    /** The seed's curl: `--header` Accept, Authorization, Content-Type text/plain; `--data-raw`. */
    function documented(path: string, data: string, token = ACCESS_TOKEN): request.Test {
      return request(seed.app)
        .post(path)
        .set("Accept", "application/json")
        .set("Authorization", `Bearer ${token}`)
        .set("Content-Type", "text/plain")
        .send(data);
    }

    it("answers the documented request 200 {code, message} and mails a link to the account", async () => {
      const res = await documented(FORGET, '{\n"email": "alice@example.com"\n}');
      expectStatus(res, 200);
      expect(res.body).to.deep.equal({ code: 200, message: "An email was sent successfully" });
      await seed.drain();
      expect(t.mailer.resets.map((m) => m.to)).to.deep.equal(["alice@example.com"]);
    });

    it("answers an unknown email exactly the same, and mails nothing", async () => {
      const res = await documented(FORGET, '{\n"email": "nobody@example.com"\n}');
      expectStatus(res, 200);
      expect(res.body).to.deep.equal({ code: 200, message: "An email was sent successfully" });
      await seed.drain();
      expect(t.mailer.resets).to.have.length(0);
    });

    it('answers 400 {code: 400, message: "Invalid email"} for an invalid email', async () => {
      const res = await documented(FORGET, '{\n"email": "not-an-email"\n}');
      expectStatus(res, 400);
      expect(res.body).to.deep.equal({ code: 400, message: "Invalid email" });
    });

    it('answers 400 "Validation error", naming the field, for a body that is not JSON', async () => {
      const res = await documented(FORGET, '{\n"email": ');
      expectStatus(res, 400);
      expect(res.body).to.include({ code: 400, message: "Validation error" });
      expect(res.body.errors[0].field).to.equal("body");
    });

    it("answers 401 in the same shape without the API's access token", async () => {
      for (const res of [
        await documented(FORGET, '{"email": "alice@example.com"}', "someone-elses-token"),
        await request(seed.app)
          .post(FORGET)
          .set("Content-Type", "text/plain")
          .send('{"email":"alice@example.com"}'),
      ]) {
        expectStatus(res, 401);
        expect(res.body).to.have.all.keys("code", "message");
        expect(res.body.code).to.equal(401);
      }
      await seed.drain();
      expect(t.mailer.resets).to.have.length(0);
    });

    it("changes the password with the mailed link's token, sent the same way", async () => {
      await documented(FORGET, '{"email": "alice@example.com"}');
      await seed.drain();
      const token = t.mailer.lastToken();
      expect(token).to.be.a("string");
      const body = JSON.stringify({ token, password: "a new password", passwordConfirm: "a new password" });
      const res = await documented("/api2/v2/api/reset-password", body);
      expectStatus(res, 200);
      expect(res.body).to.deep.equal({ code: 200, message: "The password was changed successfully" });
      await expectPassword(t, "u1", "a new password");
    });
  });
}

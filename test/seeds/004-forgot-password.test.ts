// Seed 004_2b021f8a6beb8420.txt through examples/seeds/004-forgot-password.ts: the documented curl
// and `{"success":true,"data":{}}`, by default for every email, and the documented 400 NOT_FOUND /
// OPERATION_FAILED answers only under the `revealUnknownUser` opt-in.
import { expect } from "chai";
import request from "supertest";
import { createApp } from "../../examples/seeds/004-forgot-password.js";
import type { SeedApp } from "../../examples/seeds/shared.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { expectPassword } from "../helpers/expect.js";
import { expectStatus, seedFixture, type SeedFixture } from "./support.js";

const USER = { id: "m1", email: "user@example.com", passwordHash: "old" };
const OK = { success: true, data: {} };

for (const version of EXPRESS_VERSIONS) {
  describe(`seed 004 Auth/ForgotPassword (${version.name})`, () => {
    let t: SeedFixture;
    let seed: SeedApp | undefined;
    beforeEach(() => {
      t = seedFixture([USER]);
    });
    afterEach(() => seed?.close());

    function start(revealUnknownUser?: boolean): SeedApp {
      seed = createApp({ ...t.deps, revealUnknownUser }, version.create());
      return seed;
    }

    /** The seed's curl: `-H "Content-Type: application/json" -d '{"email": ...}'`. */
    function documented(app: SeedApp, email: string): request.Test {
      return request(app.app)
        .post("/v2/Auth/ForgotPassword")
        .set("Content-Type", "application/json")
        .send(`{\n"email": "${email}"\n}`);
    }

    it("by default answers known and unknown emails the same {success: true, data: {}}", async () => {
      const app = start();
      for (const email of [USER.email, "nobody@example.com"]) {
        const res = await documented(app, email);
        expectStatus(res, 200);
        expect(res.body).to.deep.equal(OK);
      }
      await app.drain();
      expect(t.mailer.resets.map((m) => m.to)).to.deep.equal([USER.email]);
    });

    it("resets the password through the mailed link", async () => {
      const app = start();
      await documented(app, USER.email);
      await app.drain();
      const token = t.mailer.lastToken();
      const res = await request(app.app)
        .post("/v2/Auth/ResetPassword")
        .send({ token, password: "a new password", passwordConfirm: "a new password" });
      expectStatus(res, 200);
      expect(res.body).to.deep.equal(OK);
      await expectPassword(t, USER.id, "a new password");
    });

    describe("with the revealUnknownUser opt-in", () => {
      it("answers an unknown email 400 NOT_FOUND as documented", async () => {
        const res = await documented(start(true), "nobody@example.com");
        expectStatus(res, 400);
        expect(res.body).to.deep.equal({
          success: false,
          error: { type: "NOT_FOUND", message: "User not found" },
        });
      });

      it("answers a failed mail 400 OPERATION_FAILED as documented", async () => {
        t.deps.mailer = {
          sendPasswordReset: async () => {
            throw new Error("SMTP is down");
          },
        };
        const res = await documented(start(true), USER.email);
        expectStatus(res, 400);
        expect(res.body).to.deep.equal({
          success: false,
          error: { type: "OPERATION_FAILED", message: "Failed to send" },
        });
      });

      it("answers a known email {success: true, data: {}} once the mail is sent", async () => {
        const res = await documented(start(true), USER.email);
        expectStatus(res, 200);
        expect(res.body).to.deep.equal(OK);
        expect(t.mailer.resets.map((m) => m.to)).to.deep.equal([USER.email]);
      });
    });
  });
}

// Seed 002_4a56bff7d1d6a9ce.txt through examples/seeds/002-resetpass.ts: the documented email and
// mobile reset requests (Origin + client_id headers, `{token, password, passwordConfirm}`) and their
// `{"status":"success","token":...}` answers, each after the request that sent the token or code.
import { expect } from "chai";
import jwt from "jsonwebtoken";
import request from "supertest";
import { createApp } from "../../examples/seeds/002-resetpass.js";
import type { SeedApp } from "../../examples/seeds/shared.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { JWT_PATTERN } from "../helpers/client.js";
import { expectPassword } from "../helpers/expect.js";
import { expectStatus, seedFixture, type SeedFixture } from "./support.js";

const USER = { id: "r1", email: "reader@example.com", mobile: "+2348030000001", passwordHash: "old" };
const CLIENT = { Origin: "http://localhost:3000", client_id: "pSpisBrYn4yIP1vGILcdZ" };
const ACCESS_SECRET = "seed-002-access-token-secret-0123456789abcdef";
// The seed's documented sample, "12345678", is a common password, refused by default since 0.2.
const PASSWORD = { password: "lantern-orbit-52", passwordConfirm: "lantern-orbit-52" };

for (const version of EXPRESS_VERSIONS) {
  describe(`seed 002 resetpass (${version.name})`, () => {
    let t: SeedFixture;
    let seed: SeedApp | undefined;
    beforeEach(() => {
      t = seedFixture([USER]);
      seed = undefined;
    });
    afterEach(() => seed?.close());

    // Built inside each test, so that a construction error fails every test instead of skipping them.
    function app(): SeedApp {
      const clients = { [CLIENT.client_id]: [CLIENT.Origin] };
      return (seed ??= createApp({ ...t.deps, clients, accessTokenSecret: ACCESS_SECRET }, version.create()));
    }

    /** The seed's request: its two headers and a JSON body. */
    function post(path: string, body: Record<string, unknown>, headers = CLIENT): request.Test {
      return request(app().app).post(`/api/v1/auth${path}`).set(headers).send(body);
    }

    /** Asserts the documented answer, and that its token is the app's access token for the user. */
    function expectAccessToken(res: request.Response): void {
      expectStatus(res, 200);
      expect(res.body).to.have.all.keys("status", "token");
      expect(res.body.status).to.equal("success");
      expect(res.body.token).to.match(JWT_PATTERN);
      expect(jwt.verify(res.body.token, ACCESS_SECRET, { algorithms: ["HS256"] })).to.include({
        sub: USER.id,
      });
    }

    it("email: answers the documented request with the emailed token {status, token}", async () => {
      expect((await post("/forgotpass", { email: USER.email })).body).to.deep.equal({ status: "success" });
      await app().drain();
      const token = t.mailer.lastToken();
      expect(t.mailer.last?.to).to.equal(USER.email);
      expectAccessToken(await post("/resetpass", { token, ...PASSWORD }));
      await expectPassword(t, USER.id, "lantern-orbit-52");
    });

    it("mobile: answers the documented request with the SMS code as `token` {status, token}", async () => {
      expect((await post("/forgotpass/mobile", { mobile: USER.mobile })).body).to.deep.equal({
        status: "success",
      });
      await app().drain();
      const code = t.sms.last?.code;
      expect(t.sms.last?.to).to.equal(USER.mobile);
      expect(code).to.match(/^\d{12}$/);
      expectAccessToken(await post("/resetpass/mobile", { token: code, ...PASSWORD }));
      await expectPassword(t, USER.id, "lantern-orbit-52");
    });

    it("refuses the seed's own example token and code, never issued here, as fail", async () => {
      const examples = [
        ["/resetpass", "e84f2a129914c7175003e9daef935f1def51ecaaea49b9a054052a196f1e9d27"],
        ["/resetpass/mobile", "119345"],
      ] as const;
      for (const [path, token] of examples) {
        const res = await post(path, { token, ...PASSWORD });
        expectStatus(res, 400);
        expect(res.body).to.have.all.keys("status", "message");
        expect(res.body.status).to.equal("fail");
      }
      expect(t.users.updates).to.have.length(0);
    });

    it("answers 401 fail to an unknown client_id or an Origin the client does not own", async () => {
      for (const headers of [
        { Origin: CLIENT.Origin, client_id: "someone-else" },
        { Origin: "https://evil.example", client_id: CLIENT.client_id },
        { Origin: CLIENT.Origin, client_id: "" },
      ]) {
        const res = await post("/forgotpass", { email: USER.email }, headers);
        expectStatus(res, 401);
        expect(res.body.status).to.equal("fail");
      }
      await app().drain();
      expect(t.mailer.resets).to.have.length(0);
    });

    it("refuses a password under 8 characters", async () => {
      await post("/forgotpass/mobile", { mobile: USER.mobile });
      await app().drain();
      const short = { token: t.sms.last?.code, password: "1234567", passwordConfirm: "1234567" };
      const res = await post("/resetpass/mobile", short);
      expectStatus(res, 400);
      expect(res.body).to.deep.equal({
        status: "fail",
        message: "password must be at least 8 characters long",
      });
    });

    it("shares one store: a code sent by SMS supersedes the emailed link", async () => {
      await post("/forgotpass", { email: USER.email });
      await app().drain();
      const link = t.mailer.lastToken();
      await post("/forgotpass/mobile", { mobile: USER.mobile });
      await app().drain();
      expect((await post("/resetpass", { token: link, ...PASSWORD })).status).to.equal(400);
      expectAccessToken(await post("/resetpass/mobile", { token: t.sms.last?.code, ...PASSWORD }));
    });
  });
}

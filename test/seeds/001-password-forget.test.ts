// Seed 001_c8b4188c051d3faa.txt through examples/seeds/001-password-forget.ts: the documented reset
// requests of the mobile and web apps, each preceded by the code and sessionId they presuppose.
import { expect } from "chai";
import request from "supertest";
import { createApp } from "../../examples/seeds/001-password-forget.js";
import type { SeedApp } from "../../examples/seeds/shared.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { expectPassword } from "../helpers/expect.js";
import { expectStatus, seedFixture, type SeedFixture } from "./support.js";

const USER = { id: "c1", mobile: "+919999922332", email: "doc@example.com", passwordHash: "old" };
const SUCCESS = { status: { success: true, code: 200, message: "SUCCESS" } };
/** The seed's mobile example body; `sessionId` is replaced by one the app really issued. */
const DOCUMENTED = {
  identifierType: "MOBILE",
  identifierValue: "919999922332",
  // The seed's documented sample, "QWERTY12345", is a common password, refused by default since 0.2.
  password: "Qwerty-harbour-4821",
  confirmPassword: "Qwerty-harbour-4821",
  brand: "DocDemo",
  deviceId: "123456785",
  sessionId: "P-d13b591a-b4ff-4b8d-ab0b-20be09b3272e",
};
const ME = { identifierType: "MOBILE", identifierValue: "919999922332", brand: "DocDemo" };

for (const version of EXPRESS_VERSIONS) {
  describe(`seed 001 password/forget (${version.name})`, () => {
    let t: SeedFixture;
    let seed: SeedApp | undefined;
    beforeEach(() => {
      t = seedFixture([USER]);
      seed = undefined;
    });
    afterEach(() => seed?.close());

    // Built inside each test, so that a construction error fails every test instead of skipping them.
    function app(): SeedApp {
      return (seed ??= createApp(t.deps, version.create()));
    }

    /** The seed's curl: JSON, `Accept: application/json`. */
    function post(path: string, body: Record<string, unknown>): request.Test {
      return request(app().app).post(`/auth/v1${path}`).set("Accept", "application/json").send(body);
    }

    /** Sends a code to the user's phone and trades it for a sessionId, on `flavour` (`""` or `/web`). */
    async function sessionId(flavour: string, device: Record<string, string>): Promise<string> {
      const sent = await post(`${flavour}/password/generate`, { ...ME, ...device });
      expectStatus(sent, 200);
      expect(sent.body).to.deep.equal(SUCCESS);
      await app().drain();
      expect(t.sms.last?.to).to.equal(USER.mobile);
      const valid = await post(`${flavour}/password/validate`, { ...ME, ...device, code: t.sms.last?.code });
      expectStatus(valid, 200);
      expect(valid.body.status).to.deep.equal(SUCCESS.status);
      expect(valid.body.sessionId).to.be.a("string");
      return valid.body.sessionId as string;
    }

    it("answers the documented mobile request SUCCESS and changes the password", async () => {
      const id = await sessionId("", { deviceId: DOCUMENTED.deviceId });
      const res = await post("/password/forget", { ...DOCUMENTED, sessionId: id });
      expectStatus(res, 200);
      expect(res.body).to.deep.equal(SUCCESS);
      await expectPassword(t, USER.id, "Qwerty-harbour-4821");
    });

    it("answers the documented web request SUCCESS, and the web app needs no deviceId", async () => {
      const id = await sessionId("/web", { deviceId: DOCUMENTED.deviceId });
      const res = await post("/web/password/forget", { ...DOCUMENTED, sessionId: id });
      expectStatus(res, 200);
      expect(res.body).to.deep.equal(SUCCESS);
      await expectPassword(t, USER.id, "Qwerty-harbour-4821");

      const { deviceId: _deviceId, ...webBody } = DOCUMENTED;
      const again = await post("/web/password/forget", {
        ...webBody,
        sessionId: await sessionId("/web", {}),
      });
      expect(again.body).to.deep.equal(SUCCESS);
    });

    it("refuses the seed's own sessionId, never issued here, in the same envelope", async () => {
      for (const path of ["/password/forget", "/web/password/forget"]) {
        const res = await post(path, DOCUMENTED);
        expectStatus(res, 400);
        expect(res.body.status).to.include({ success: false, code: 400 }).and.to.have.property("message");
      }
      expect(t.users.updates).to.have.length(0);
    });

    it("requires deviceId on the mobile app and brand on both, naming the field", async () => {
      const { deviceId: _deviceId, ...noDevice } = DOCUMENTED;
      const { brand: _brand, ...noBrand } = DOCUMENTED;
      const cases = [
        ["/password/forget", noDevice, /deviceId/],
        ["/password/generate", { ...ME, deviceId: undefined }, /deviceId/],
        ["/web/password/forget", noBrand, /brand/],
      ] as const;
      for (const [path, body, field] of cases) {
        const res = await post(path, body);
        expectStatus(res, 400);
        expect(res.body.status).to.include({ success: false, code: 400 });
        expect(res.body.status.message).to.match(field);
      }
    });

    it("accepts a sessionId only from the device it was validated on", async () => {
      const id = await sessionId("", { deviceId: "device-A" });
      const stolen = await post("/password/forget", { ...DOCUMENTED, deviceId: "device-B", sessionId: id });
      expectStatus(stolen, 400);
      expect(stolen.body.status.success).to.equal(false);
      expect(t.users.updates).to.have.length(0);
      const own = await post("/password/forget", { ...DOCUMENTED, deviceId: "device-A", sessionId: id });
      expect(own.body).to.deep.equal(SUCCESS);
    });
  });
}

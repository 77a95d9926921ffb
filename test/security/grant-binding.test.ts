// `bindTo` binds every grant to a context the app derives from the request that created it, here a
// device id the app's client sends in a header. A link token, a code or a reset session presented
// under another value answers INVALID_TOKEN on check, verify and reset, and changes nothing; under
// its own value it works. Without the binding, a link or code read off a victim's lock screen or
// mailbox works from the attacker's device.
import type { IncomingMessage, ServerResponse } from "node:http";
import { expect } from "chai";
import type { RouteName } from "../../lib/index.js";
import { EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { post, requestLink, reset, session, smsCode, type Body, type MailClient } from "../helpers/client.js";
import { expectError, expectOk, expectPassword, expectUnchanged } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

const DEVICE_HEADER = "x-device-id";
const PHONE = "device-phone-1";
const LAPTOP = "device-laptop-2";

/** The user's client on `device`: every request it sends carries the device's id. */
function on(t: TestApp, device: string | undefined): MailClient & Pick<TestApp, "sms"> {
  const app = (req: IncomingMessage, res: ServerResponse) => {
    if (device === undefined) delete req.headers[DEVICE_HEADER];
    else req.headers[DEVICE_HEADER] = device;
    t.app(req, res);
  };
  return { app, router: t.router, mailer: t.mailer, sms: t.sms };
}

/** POSTs `body` to `route` from `device` (`undefined`: a client that sends no device id). */
function from(t: TestApp, device: string | undefined, route: RouteName, body: Body) {
  return post(on(t, device).app, route, body);
}

for (const version of EXPRESS_VERSIONS) {
  describe(`security: a grant works only under the bindTo value it was issued under (${version.name})`, () => {
    let t: TestApp;
    beforeEach(() => {
      t = createCodeApp(version, {
        // The 0.2 spelling, which 1.x keeps: (req, route, body) => the context, or undefined.
        bindTo: (req, _route, _body) => req.get(DEVICE_HEADER),
        paths: { check: "/check" },
      });
    });
    afterEach(() => t.router.close());

    it("a link token from another device, or from none, is INVALID_TOKEN on check, verify and reset; from its own it resets", async () => {
      const token = await requestLink(on(t, PHONE));
      for (const device of [LAPTOP, undefined]) {
        for (const route of ["check", "verify", "reset"] as const) {
          const body =
            route === "reset"
              ? { token, password: "new-password-1", passwordConfirm: "new-password-1" }
              : { token };
          expectError(await from(t, device, route, body), "INVALID_TOKEN");
        }
      }
      expectUnchanged(t, ALICE.id);

      expect((await from(t, PHONE, "check", { token })).body).to.deep.equal({
        success: true,
        data: { valid: true },
      });
      expectOk(await reset(on(t, PHONE), { token }, "new-password-2"));
      await expectPassword(t, ALICE.id, "new-password-2");
    });

    it("a code from another device is INVALID_TOKEN on check, verify and reset; from its own it resets", async () => {
      const code = await smsCode(on(t, PHONE), ALICE.mobile);
      const credential = { mobile: ALICE.mobile, code };
      expectError(await from(t, LAPTOP, "check", credential), "INVALID_TOKEN");
      expectError(await from(t, LAPTOP, "verify", credential), "INVALID_TOKEN");
      expectError(await reset(on(t, LAPTOP), credential, "new-password-1"), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);

      expect((await from(t, PHONE, "check", credential)).body).to.deep.equal({
        success: true,
        data: { valid: true },
      });
      expectOk(await reset(on(t, PHONE), credential, "new-password-2"));
      await expectPassword(t, ALICE.id, "new-password-2");
    });

    it("a reset session verified on one device is INVALID_TOKEN from another, or from none, by body or Bearer; from its own it resets", async () => {
      const token = await requestLink(on(t, PHONE));
      const resetToken = await session(on(t, PHONE), { token });
      for (const device of [LAPTOP, undefined]) {
        expectError(await reset(on(t, device), { resetToken }, "new-password-1"), "INVALID_TOKEN");
        expectError(
          await reset(on(t, device), {}, "new-password-1", `Bearer ${resetToken}`),
          "INVALID_TOKEN",
        );
      }
      expectUnchanged(t, ALICE.id);

      expectOk(await reset(on(t, PHONE), {}, "new-password-2", `Bearer ${resetToken}`));
      await expectPassword(t, ALICE.id, "new-password-2");
    });

    it("a grant issued with no device id is unbound: it works from any device", async () => {
      const token = await requestLink(on(t, undefined));
      expectOk(await reset(on(t, LAPTOP), { token }, "new-password-1"));
      await expectPassword(t, ALICE.id, "new-password-1");
    });
  });
}

// The Firebase JS SDK (`@firebase/auth`, the auth part of `firebase`, in emulator mode pointed at a
// loopback server) against this package: it asks for a reset email, confirms the new password with the mailed oobCode, and gets
// Firebase's own error codes for a replayed or expired code. The "is this code still good?" call
// shares the SDK's `accounts:resetPassword` path, told apart by `parseRequest`.
import { expect } from "chai";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { deleteApp, initializeApp, type FirebaseApp } from "@firebase/app";
import {
  confirmPasswordReset,
  connectAuthEmulator,
  getAuth,
  sendPasswordResetEmail,
  type Auth,
} from "@firebase/auth";
import { createApp, MOUNT } from "../../../examples/migrations/firebase.js";
import { CapturingMailer } from "../../../lib/testing/index.js";
import { EXPRESS_VERSIONS, FAST_HASH } from "../../../test/helpers/app.js";
import { testClock } from "../../../test/helpers/clock.js";
import { FakeUsers } from "../../../test/helpers/users.js";

const API_KEY = "test-api-key";
const ACTION_URL = "https://app.example.com/__/auth/action";
const PASSWORD = "correct horse battery";
let apps = 0;

/** The code the SDK reports a refusal with, or "resolved". */
const codeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => "resolved",
    (error: { code?: string }) => error.code ?? String(error),
  );

for (const version of EXPRESS_VERSIONS) {
  describe(`migration: the Firebase JS SDK, unchanged (${version.name})`, () => {
    let server: Server;
    let base: string;
    let users: FakeUsers;
    let mailer: CapturingMailer;
    let firebase: FirebaseApp;
    let auth: Auth;
    let close: () => Promise<void>;
    let drain: () => Promise<void>;
    const clock = testClock();

    beforeEach(async () => {
      users = new FakeUsers();
      mailer = new CapturingMailer();
      const { app, router } = createApp(
        {
          users,
          mailer,
          apiKeys: [API_KEY],
          actionUrl: ACTION_URL,
          hashPassword: FAST_HASH,
          now: clock.fn,
          logger: { warn() {}, error() {} },
        },
        version.create(),
      );
      server = app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      firebase = initializeApp({ apiKey: API_KEY, projectId: "demo-migration" }, `migration-${++apps}`);
      auth = getAuth(firebase);
      connectAuthEmulator(auth, base, { disableWarnings: true });
      drain = () => router.drain();
      close = async () => {
        await deleteApp(firebase);
        await router.close();
        await new Promise((resolve) => server.close(resolve));
      };
    });
    afterEach(() => close());

    /** The oobCode of the newest mail's link (`<action page>?mode=resetPassword&oobCode=…`). */
    const mailedCode = async (): Promise<string> => {
      await drain();
      const link = new URL(mailer.last!.link!);
      expect(link.searchParams.get("mode")).to.equal("resetPassword");
      expect(link.searchParams.get("apiKey")).to.equal(API_KEY);
      return link.searchParams.get("oobCode")!;
    };

    /** A documented Identity Toolkit call, as a REST client sends it. */
    const call = async (method: string, body: object, key = API_KEY) => {
      const res = await fetch(`${base}${MOUNT}/accounts:${method}?key=${key}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };

    it("sendPasswordResetEmail, then confirmPasswordReset: the SDK succeeds and the password changed", async () => {
      await sendPasswordResetEmail(auth, "alice@example.com");
      const code = await mailedCode();
      expect(mailer.last!.to).to.equal("alice@example.com");
      await confirmPasswordReset(auth, code, PASSWORD);
      expect(users.hashOf("u1")).to.equal(await FAST_HASH(PASSWORD));

      // Replayed: the SDK's own error for a used code, and the password stays as set.
      expect(await codeOf(confirmPasswordReset(auth, code, "another good passphrase"))).to.equal(
        "auth/invalid-action-code",
      );
      expect(users.hashOf("u1")).to.equal(await FAST_HASH(PASSWORD));
    });

    it("an unknown account: the SDK sees the same success, and nothing is sent", async () => {
      await sendPasswordResetEmail(auth, "nobody@example.com");
      await drain();
      expect(mailer.resets).to.deep.equal([]);
    });

    it("an expired code and a weak password, in the SDK's error codes", async () => {
      await sendPasswordResetEmail(auth, "bob@example.com");
      const code = await mailedCode();
      expect(await codeOf(confirmPasswordReset(auth, code, "abc"))).to.equal("auth/weak-password");
      clock.now += 3601 * 1000;
      expect(await codeOf(confirmPasswordReset(auth, code, PASSWORD))).to.equal("auth/expired-action-code");
      expect(users.hashOf("u2")).to.equal("old");
    });

    it("the REST wire format: exact bodies, the check sharing accounts:resetPassword spends nothing", async () => {
      const sent = await call("sendOobCode", { requestType: "PASSWORD_RESET", email: "alice@example.com" });
      expect(sent).to.deep.equal({
        status: 200,
        body: { kind: "identitytoolkit#GetOobConfirmationCodeResponse", email: "alice@example.com" },
      });
      const oobCode = await mailedCode();

      const checked = await call("resetPassword", { oobCode });
      expect(checked).to.deep.equal({
        status: 200,
        body: { kind: "identitytoolkit#ResetPasswordResponse", requestType: "PASSWORD_RESET" },
      });
      const done = await call("resetPassword", { oobCode, newPassword: PASSWORD });
      expect(done).to.deep.equal({
        status: 200,
        body: {
          kind: "identitytoolkit#ResetPasswordResponse",
          email: "alice@example.com",
          requestType: "PASSWORD_RESET",
        },
      });
      const invalid = {
        error: {
          code: 400,
          message: "INVALID_OOB_CODE",
          errors: [{ message: "INVALID_OOB_CODE", domain: "global", reason: "invalid" }],
        },
      };
      expect(await call("resetPassword", { oobCode })).to.deep.equal({ status: 400, body: invalid });
      expect(await call("resetPassword", { oobCode, newPassword: PASSWORD })).to.deep.equal({
        status: 400,
        body: invalid,
      });
    });

    it("refuses other request types and wrong API keys in Firebase's form", async () => {
      const other = await call("sendOobCode", { requestType: "VERIFY_EMAIL", email: "alice@example.com" });
      expect(other.status).to.equal(400);
      expect(other.body).to.have.nested.property("error.message", "INVALID_REQ_TYPE");
      const keyless = await call("sendOobCode", { requestType: "PASSWORD_RESET", email: "a@b.c" }, "wrong");
      expect(keyless.body).to.have.nested.property(
        "error.message",
        "API key not valid. Please pass a valid API key.",
      );
      await drain();
      expect(mailer.resets).to.deep.equal([]);
    });
  });
}

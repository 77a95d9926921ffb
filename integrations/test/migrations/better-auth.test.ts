// better-auth's own client (`better-auth/client`) against this package, over a real loopback server:
// it asks for a reset, sets the password with the mailed token, and is refused in better-auth's
// own error form when it replays the token.
import { expect } from "chai";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createAuthClient } from "better-auth/client";
import { createApp, MOUNT } from "../../../examples/migrations/better-auth.js";
import { CapturingMailer } from "../../../lib/testing/index.js";
import { EXPRESS_VERSIONS, FAST_HASH } from "../../../test/helpers/app.js";
import { testClock } from "../../../test/helpers/clock.js";
import { FakeUsers } from "../../../test/helpers/users.js";

const APP_URL = "https://app.example.com";
const PASSWORD = "correct horse battery";

for (const version of EXPRESS_VERSIONS) {
  describe(`migration: better-auth's client, unchanged (${version.name})`, () => {
    let server: Server;
    let users: FakeUsers;
    let mailer: CapturingMailer;
    let close: () => Promise<void>;
    let drain: () => Promise<void>;
    const clock = testClock();
    let client: ReturnType<typeof createAuthClient>;

    beforeEach(async () => {
      users = new FakeUsers();
      mailer = new CapturingMailer();
      const { app, router } = createApp(
        {
          users,
          mailer,
          appUrl: APP_URL,
          hashPassword: FAST_HASH,
          now: clock.fn,
          logger: { warn() {}, error() {} },
        },
        version.create(),
      );
      server = app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      const { port } = server.address() as AddressInfo;
      client = createAuthClient({ baseURL: `http://127.0.0.1:${port}`, basePath: MOUNT });
      drain = () => router.drain();
      close = async () => {
        await router.close();
        await new Promise((resolve) => server.close(resolve));
      };
    });
    afterEach(() => close());

    /** The token of the newest mail, read from the page the link opens (`redirectTo?token=`). */
    const mailedToken = async (): Promise<string> => {
      await drain(); // delivery runs after the answer
      const link = new URL(mailer.last!.link!);
      expect(link.origin + link.pathname).to.equal(`${APP_URL}/reset-password`);
      return link.searchParams.get("token")!;
    };

    it("requestPasswordReset, then resetPassword: better-auth's success bodies, and the password changed", async () => {
      const asked = await client.requestPasswordReset({
        email: "alice@example.com",
        redirectTo: `${APP_URL}/reset-password`,
      });
      expect(asked.error).to.equal(null);
      expect(asked.data).to.deep.equal({
        status: true,
        message: "If this email exists in our system, check your email for the reset link",
      });
      // The same answer for an account that does not exist.
      const unknown = await client.requestPasswordReset({ email: "nobody@example.com" });
      expect(unknown.data).to.deep.equal(asked.data);

      const token = await mailedToken();
      const done = await client.resetPassword({ newPassword: PASSWORD, token });
      expect(done.error).to.equal(null);
      expect(done.data).to.deep.equal({ status: true });
      expect(users.hashOf("u1")).to.equal(await FAST_HASH(PASSWORD));

      // Replayed: refused as better-auth refuses it, and the password stays as set.
      const replay = await client.resetPassword({ newPassword: "another good passphrase", token });
      expect(replay.data).to.equal(null);
      expect(replay.error).to.include({ status: 400, code: "INVALID_TOKEN", message: "Invalid token" });
      expect(users.hashOf("u1")).to.equal(await FAST_HASH(PASSWORD));
    });

    it("a token in the query, as better-auth also accepts it", async () => {
      await client.requestPasswordReset({ email: "bob@example.com" });
      const token = await mailedToken();
      const done = await client.resetPassword({ newPassword: PASSWORD }, { query: { token } });
      expect(done.data).to.deep.equal({ status: true });
      expect(users.hashOf("u2")).to.equal(await FAST_HASH(PASSWORD));
    });

    it("an expired or unknown token, and a short password, in better-auth's error form", async () => {
      const unknown = await client.resetPassword({ newPassword: PASSWORD, token: "not-a-token" });
      expect(unknown.error).to.include({ status: 400, code: "INVALID_TOKEN", message: "Invalid token" });

      await client.requestPasswordReset({ email: "alice@example.com" });
      const token = await mailedToken();
      const short = await client.resetPassword({ newPassword: "short", token });
      expect(short.error).to.include({
        status: 400,
        code: "PASSWORD_TOO_SHORT",
        message: "Password too short",
      });
      expect(users.hashOf("u1")).to.equal("old");

      clock.now += 3601 * 1000; // past the link's hour: better-auth calls it invalid too
      const expired = await client.resetPassword({ newPassword: PASSWORD, token });
      expect(expired.error).to.include({ status: 400, code: "INVALID_TOKEN", message: "Invalid token" });
      expect(users.hashOf("u1")).to.equal("old");
    });
  });
}

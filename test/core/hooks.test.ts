// App hooks that fail: a generic 500 for the client, one report for the operator, no secret in it.
// An afterReset that fails after the password changed still answers 200, and a resetUrl function
// that fails (or hangs) sends nothing and kills no live link; one that returns a Promise is awaited.
import { expect } from "chai";
import { createTestApp, EXPRESS_VERSIONS, FAST_HASH } from "../helpers/app.js";
import { post, requestLink, reset } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import { type PasswordResetOptions } from "../../lib/index.js";
import { never, turn } from "../helpers/async.js";
import { failuresOf } from "../helpers/events.js";
import { ALICE, GOOD_PASSWORD } from "../helpers/fixtures.js";

const PASSWORD = "a hook-breaking password";

for (const version of EXPRESS_VERSIONS) {
  describe(`hooks that throw (${version.name})`, () => {
    it("reports a throwing password rule once, with the password cut out, and keeps the token", async () => {
      let fail = true;
      const t = createTestApp(version, {
        password: {
          validate: (password) => {
            if (fail) throw new Error(`rule service rejected "${password}"`);
          },
        },
      });
      const token = await requestLink(t);
      const res = await reset(t, { token }, PASSWORD);
      expect(res.status).to.equal(500);
      expect(JSON.stringify(res.body)).to.not.include(PASSWORD);
      const failures = t.events.filter((e) => e.type === "adapter.failed");
      expect(failures.map((e) => e.operation)).to.deep.equal(["password.validate"]);
      expect(failures[0]?.error?.message).to.equal('rule service rejected "[redacted]"');
      expect(t.logs.join("\n")).to.not.include(PASSWORD);
      fail = false;
      expect((await reset(t, { token }, PASSWORD)).status).to.equal(200);
    });

    it("answers 500 when authorize or bindTo throw, reporting which hook failed", async () => {
      const throwing = createTestApp(version, {
        authorize: () => {
          throw new Error("key service down");
        },
      });
      const res = await post(throwing.app, "forgot", { email: "alice@example.com" });
      expectError(res, "INTERNAL_ERROR");
      expect(
        throwing.events.filter((e) => e.type === "adapter.failed").map((e) => e.operation),
      ).to.deep.equal(["authorize"]);

      const binding = createTestApp(version, {
        bindTo: () => Promise.reject(new Error("device registry down")),
      });
      const bound = await post(binding.app, "forgot", { email: "alice@example.com" });
      expect(bound.status).to.equal(500);
      expect(binding.events.filter((e) => e.type === "adapter.failed").map((e) => e.operation)).to.deep.equal(
        ["bindTo"],
      );
      await binding.router.drain();
      expect(binding.mailer.resets).to.have.length(0);
    });

    describe("afterReset throws after the password changed", () => {
      it("answers 200 without the hook's fields, keeps the new password, sends the notice, reports an event", async () => {
        const t = createTestApp(version, {
          afterReset: async () => {
            throw new Error("session service is down");
          },
        });
        const token = await requestLink(t);
        const res = await reset(t, { token });
        expect(res.status, res.text).to.equal(200);
        expect(res.body).to.deep.equal({ success: true, data: {} });
        await t.router.drain();
        expect(t.users.hashOf(ALICE.id)).to.equal(await FAST_HASH(GOOD_PASSWORD));
        expect(t.mailer.notices.map((n) => n.to)).to.deep.equal([ALICE.email]);
        const failures = failuresOf(t, "afterReset");
        expect(failures).to.have.length(1);
        expect(failures[0]?.error?.message).to.equal("session service is down");
        await t.router.close();
      });
    });

    describe("a resetUrl function that fails", () => {
      it("a throwing resetUrl leaves the live link working, sends nothing and reports adapter.failed `resetUrl`", async () => {
        let broken = false;
        const t = createTestApp(version, {
          resetUrl: ({ token }) => {
            if (broken) throw new Error("link service unavailable");
            return `https://app.example.com/reset?token=${encodeURIComponent(token)}`;
          },
        });
        const live = await requestLink(t);
        broken = true;
        expect((await post(t.app, "forgot", { email: ALICE.email })).status).to.equal(200);
        await t.router.drain();
        expect(t.mailer.resets, "nothing more was sent").to.have.length(1);
        expect(failuresOf(t, "resetUrl")).to.have.length(1);
        const res = await reset(t, { token: live });
        expect(res.status, res.text).to.equal(200);
        await t.router.close();
      });

      // 0.2 refused an async resetUrl ("mails no [object Promise]": nothing sent, an event). 1.0
      // awaits it, bounded like any adapter call: a tenant's domain looked up in a database works.
      it("an async resetUrl is awaited: the link it resolves is mailed and works", async () => {
        const t = createTestApp(version, {
          resetUrl: async ({ token }) => {
            await turn();
            return `https://tenant.example.com/reset?token=${encodeURIComponent(token)}`;
          },
        });
        const token = await requestLink(t);
        expect(t.mailer.resets[0]?.link).to.match(/^https:\/\/tenant\.example\.com\/reset\?token=/);
        expect(JSON.stringify(t.mailer.resets)).not.to.include("[object Promise]");
        expect((await reset(t, { token })).status).to.equal(200);
        await t.router.close();
      });

      it("an async resetUrl that never settles is cut off at advanced.adapterTimeoutSeconds: nothing is sent, the live link survives", async () => {
        let hang = false;
        const t = createTestApp(version, {
          resetUrl: ({ token }) =>
            hang ? never<string>() : Promise.resolve(`https://app.example.com/reset?token=${token}`),
          advanced: { adapterTimeoutSeconds: 0.05 },
        });
        const live = await requestLink(t);
        hang = true;
        expect((await post(t.app, "forgot", { email: ALICE.email })).status).to.equal(200);
        await t.router.drain();
        expect(t.mailer.resets, "nothing more was sent").to.have.length(1);
        expect(failuresOf(t, "resetUrl")[0]?.error?.name).to.equal("AdapterTimeoutError");
        expect((await reset(t, { token: live })).status).to.equal(200);
        await t.router.close();
      });

      it("is reported as adapter.failed `resetUrl`, and nothing rejects unhandled", async () => {
        const unhandled: unknown[] = [];
        const record = (reason: unknown) => unhandled.push(reason);
        process.prependListener("unhandledRejection", record);
        try {
          const t = createTestApp(version, {
            resetUrl: (async () => {
              throw new Error("tenant lookup failed");
            }) as unknown as PasswordResetOptions["resetUrl"],
          });
          expect((await post(t.app, "forgot", { email: ALICE.email })).status).to.equal(200);
          await t.router.drain();
          await turn();
          expect(unhandled).to.deep.equal([]);
          expect(t.mailer.resets).to.deep.equal([]);
          expect(failuresOf(t, "resetUrl")).to.have.length(1);
          await t.router.close();
        } finally {
          process.removeListener("unhandledRejection", record);
        }
      });
    });
  });
}

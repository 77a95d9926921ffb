// Faults: adapters that throw or hang. The client gets the contract's envelope (a generic 500 with
// nothing of the adapter's error in it, or forgot's unchanged 200), the app gets an event, the
// process keeps serving, a hang is cut off at `adapterTimeoutMs`, and a failed password change
// spends nothing (guarantee 6), while a successful one spends the secret for good (guarantee 4).
import { expect } from "chai";
import sinon from "sinon";
import type { Response } from "supertest";
import type { PasswordResetEvent } from "../../lib/index.js";
import {
  EXPRESS_VERSIONS,
  FAST_HASH,
  type ExpressVersion,
  type TestApp,
  type TestAppOptions,
} from "../helpers/app.js";
import { never } from "../helpers/async.js";
import { post, requestLink, reset, session, smsCode } from "../helpers/client.js";
import { expectError, expectGenericInternalError } from "../helpers/expect.js";
import { GOOD_PASSWORD } from "../helpers/fixtures.js";
import { createStoreApp } from "../helpers/sms-apps.js";
import { type SwitchableStore } from "../helpers/switchable-store.js";

const TIMEOUT_MS = 50;
/** Generous ceiling for "bounded by adapterTimeoutMs": far below the 10 s default, so a hang that
 * is not cut off fails here rather than passing slowly. */
const BOUND_MS = 1500;
const INTERNAL = "db-node-7.internal:5432 relation users_secret";

interface FaultApp {
  t: TestApp;
  store: SwitchableStore;
  clock: { now: number };
  close: () => Promise<void>;
}

function faultApp(version: ExpressVersion, options: TestAppOptions = {}): FaultApp {
  return createStoreApp(version, { adapterTimeoutMs: TIMEOUT_MS, ...options });
}

function failures(
  t: TestApp,
  operation: string,
  type: PasswordResetEvent["type"] = "adapter.failed",
): PasswordResetEvent[] {
  return t.events.filter((e) => e.type === type && e.operation === operation);
}

async function timed(send: () => Promise<Response>): Promise<{ res: Response; ms: number }> {
  const started = Date.now();
  const res = await send();
  return { res, ms: Date.now() - started };
}

const boom = (message = `connection refused by ${INTERNAL}`) => {
  throw new Error(message);
};

for (const version of EXPRESS_VERSIONS) {
  describe(`security: faulty adapters (${version.name})`, () => {
    describe("forgot (the answer never depends on the adapters)", () => {
      for (const mode of ["throws", "hangs"] as const) {
        it(`findUser ${mode}: still 200 at once, then an adapter.failed event`, async () => {
          const f = faultApp(version);
          f.t.users.findUser = mode === "throws" ? async () => boom() : () => never();
          expect((await post(f.t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
          await f.t.router.drain(); // returns because the hang is cut off at adapterTimeoutMs
          const [event] = failures(f.t, "users.findUser");
          expect(event?.route).to.equal("forgot");
          expect(event?.error?.name).to.equal(mode === "throws" ? "Error" : "AdapterTimeoutError");
          await f.close();
        });

        it(`tokenStore.issue ${mode}: still 200, nothing mailed, an adapter.failed event`, async () => {
          const f = faultApp(version);
          f.store.fail("issue", mode === "throws" ? "throw" : "hang");
          expect((await post(f.t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
          await f.t.router.drain();
          expect(f.t.mailer.resets).to.deep.equal([]); // no link for a token the store never kept
          expect(failures(f.t, "tokenStore.issue")).to.have.length(1);
          await f.close();
        });

        it(`the mailer ${mode}: still 200, a delivery.failed event`, async () => {
          const f = faultApp(version);
          f.t.mailer.sendPasswordReset = mode === "throws" ? async () => boom() : () => never();
          expect((await post(f.t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
          await f.t.router.drain();
          expect(failures(f.t, "delivery", "delivery.failed")).to.have.length(1);
          await f.close();
        });

        it(`the SMS sender ${mode}: still 200, a delivery.failed event`, async () => {
          const f = faultApp(version);
          f.t.sms.sendPasswordResetCode = mode === "throws" ? async () => boom() : () => never();
          expect((await post(f.t.app, "forgot", { mobile: "+14155550100" })).status).to.equal(200);
          await f.t.router.drain();
          expect(failures(f.t, "delivery", "delivery.failed")).to.have.length(1);
          await f.close();
        });
      }

      describe("with revealUnknownUser (the answer waits for the adapters)", () => {
        for (const mode of ["throws", "hangs"] as const) {
          it(`findUser ${mode}: 500 INTERNAL_ERROR, generic, within the time limit`, async () => {
            const f = faultApp(version, { revealUnknownUser: true });
            f.t.users.findUser = mode === "throws" ? async () => boom() : () => never();
            const { res, ms } = await timed(() => post(f.t.app, "forgot", { email: "alice@example.com" }));
            expectGenericInternalError(res, INTERNAL, "findUser", "AdapterTimeoutError");
            expect(ms).to.be.below(BOUND_MS);
            expect(failures(f.t, "users.findUser")).to.have.length(1);
            await f.close();
          });

          it(`the mailer ${mode}: 502 OPERATION_FAILED within the time limit`, async () => {
            const f = faultApp(version, { revealUnknownUser: true });
            f.t.mailer.sendPasswordReset = mode === "throws" ? async () => boom() : () => never();
            const { res, ms } = await timed(() => post(f.t.app, "forgot", { email: "alice@example.com" }));
            expectError(res, "OPERATION_FAILED");
            expect(res.text).not.to.include(INTERNAL);
            expect(ms).to.be.below(BOUND_MS);
            await f.close();
          });
        }

        it("tokenStore.issue throws: 500 INTERNAL_ERROR, generic", async () => {
          const f = faultApp(version, { revealUnknownUser: true });
          f.store.fail("issue", "throw");
          expectGenericInternalError(
            await post(f.t.app, "forgot", { email: "alice@example.com" }),
            INTERNAL,
            "store exploded",
          );
          await f.close();
        });
      });
    });

    describe("verify", () => {
      for (const [method, mode] of [
        ["find", "throw"],
        ["find", "hang"],
        ["claim", "throw"],
        ["claim", "hang"],
        ["issue", "throw"],
        ["issue", "hang"],
      ] as const) {
        it(`tokenStore.${method} ${mode}s: 500 INTERNAL_ERROR, an adapter.failed event, and the link still works after`, async () => {
          const f = faultApp(version);
          const token = await requestLink(f.t);
          f.store.fail(method, mode, { times: 1 });
          const { res, ms } = await timed(() => post(f.t.app, "verify", { token }));
          expectGenericInternalError(res, "store exploded", "10.1.2.3", token);
          expect(ms).to.be.below(BOUND_MS);
          expect(failures(f.t, `tokenStore.${method}`)).to.have.length(1);
          expect((await post(f.t.app, "verify", { token })).status).to.equal(200);
          await f.close();
        });
      }

      it("tokenStore.countAttempt throws on a code: 500 INTERNAL_ERROR (fails closed, no unchecked guess)", async () => {
        const f = faultApp(version);
        const code = await smsCode(f.t);
        f.store.fail("countAttempt", "throw", { times: 1 });
        expectGenericInternalError(
          await post(f.t.app, "verify", { mobile: "+14155550100", code }),
          "store exploded",
          code,
        );
        expect(f.store.calls).not.to.include("claim");
        await f.close();
      });
    });

    describe("reset", () => {
      for (const mode of ["throws", "hangs"] as const) {
        it(`findUser ${mode}: 500 INTERNAL_ERROR, and the link still works after`, async () => {
          const f = faultApp(version);
          const token = await requestLink(f.t);
          const real = f.t.users.findUser.bind(f.t.users);
          const lookup = sinon.stub(f.t.users, "findUser");
          lookup.onFirstCall().callsFake(mode === "throws" ? async () => boom() : () => never());
          lookup.callsFake(real);
          const { res, ms } = await timed(() => reset(f.t, { token }));
          expectGenericInternalError(res, INTERNAL, token, GOOD_PASSWORD);
          expect(ms).to.be.below(BOUND_MS);
          expect(failures(f.t, "users.findUser")).to.have.length(1);
          expect((await reset(f.t, { token })).status).to.equal(200);
          await f.close();
        });

        it(`updatePassword ${mode}: 500 INTERNAL_ERROR, the password unchanged, and the link still works (guarantee 6)`, async () => {
          const f = faultApp(version);
          const token = await requestLink(f.t);
          const real = f.t.users.updatePassword.bind(f.t.users);
          const update = sinon.stub(f.t.users, "updatePassword");
          update
            .onFirstCall()
            .callsFake(
              mode === "throws"
                ? async (_id, hash) => boom(`duplicate key ${hash} on ${INTERNAL}`)
                : () => never(),
            );
          update.callsFake(real);
          const { res, ms } = await timed(() => reset(f.t, { token }));
          expectGenericInternalError(res, INTERNAL, token, GOOD_PASSWORD, await FAST_HASH(GOOD_PASSWORD));
          expect(ms).to.be.below(BOUND_MS);
          expect(f.t.users.hashOf("u1")).to.equal("old");
          expect(failures(f.t, "users.updatePassword")).to.have.length(1);
          const retry = await reset(f.t, { token });
          expect(retry.status, retry.text).to.equal(200);
          expect(f.t.users.hashOf("u1")).to.equal(await FAST_HASH(GOOD_PASSWORD));
          await f.close();
        });
      }

      it("hashPassword throws: 500 INTERNAL_ERROR and the link still works", async () => {
        let failNext = true;
        const f = faultApp(version, {
          hashPassword: async (plain) => {
            if (failNext) {
              failNext = false;
              throw new Error(`bcrypt worker died hashing ${plain}`);
            }
            return FAST_HASH(plain);
          },
        });
        const token = await requestLink(f.t);
        expectGenericInternalError(await reset(f.t, { token }), "bcrypt", GOOD_PASSWORD);
        expect((await reset(f.t, { token })).status).to.equal(200);
        await f.close();
      });

      it("updatePassword and then tokenStore.release both fail: 500, both reported, nothing crashes", async () => {
        const f = faultApp(version);
        const token = await requestLink(f.t);
        f.t.users.failUpdates = 1;
        f.store.fail("release", "throw", { times: 1 });
        expectGenericInternalError(await reset(f.t, { token }), "database is down");
        expect(failures(f.t, "users.updatePassword")).to.have.length(1);
        expect(failures(f.t, "tokenStore.release")).to.have.length(1);
        expect((await post(f.t.app, "forgot", { email: "bob@example.com" })).status).to.equal(200);
        await f.close();
      });

      for (const mode of ["throw", "hang"] as const) {
        it(`tokenStore.claim ${mode}s on a reset session: 500, and the session still works after`, async () => {
          const f = faultApp(version);
          const resetToken = await session(f.t, { token: await requestLink(f.t) });
          f.store.fail("claim", mode, { times: 1 });
          const first = await reset(f.t, { resetToken });
          expectGenericInternalError(first, resetToken);
          expect((await reset(f.t, { resetToken })).status).to.equal(200);
          await f.close();
        });
      }

      it("the password-changed notice fails: the reset still succeeds, a notice.failed event", async () => {
        const f = faultApp(version);
        f.t.mailer.sendPasswordChanged = async () => boom();
        const token = await requestLink(f.t);
        expect((await reset(f.t, { token })).status).to.equal(200);
        await f.t.router.drain();
        expect(failures(f.t, "mailer.sendPasswordChanged", "notice.failed")).to.have.length(1);
        await f.close();
      });

      it("tokenStore.revokeUser fails after the password changed: 200, reported, and the link is still spent for good", async () => {
        const f = faultApp(version);
        const token = await requestLink(f.t);
        f.store.fail("revokeUser", "throw", { times: 1 });
        expect((await reset(f.t, { token })).status).to.equal(200);
        expect(failures(f.t, "tokenStore.revokeUser")).to.have.length(1);
        expectError(
          await post(f.t.app, "reset", {
            token,
            password: "attacker-chosen-1",
            passwordConfirm: "attacker-chosen-1",
          }),
          "INVALID_TOKEN",
        );
        // Guarantee 4 is "at most once", not "at most once per claim lease": a minute later, the
        // same link must still not change the password again.
        f.clock.now += 61_000;
        const replay = await post(f.t.app, "reset", {
          token,
          password: "attacker-chosen-2",
          passwordConfirm: "attacker-chosen-2",
        });
        expectError(replay, "INVALID_TOKEN");
        expect(f.t.users.updates).to.have.length(1);
        await f.close();
      });
    });

    describe("codes: failures after a correct code do not burn it", () => {
      it("updatePassword fails five times: the correct code still resets once it recovers (guarantee 6)", async () => {
        const f = faultApp(version);
        const code = await smsCode(f.t);
        f.t.users.failUpdates = 5;
        for (let i = 0; i < 5; i++) {
          expectGenericInternalError(await reset(f.t, { mobile: "+14155550100", code }));
        }
        const recovered = await reset(f.t, { mobile: "+14155550100", code });
        expect(recovered.status, recovered.text).to.equal(200);
        await f.close();
      });

      it("the app's password rule refuses five new passwords: the correct code still works (guarantee 7 counts wrong codes only)", async () => {
        const f = faultApp(version, {
          password: {
            validate: (candidate) =>
              candidate.startsWith("password") ? "that password is too common" : undefined,
          },
        });
        const code = await smsCode(f.t);
        for (let i = 0; i < 5; i++) {
          const weak = { password: `password${i}`, passwordConfirm: `password${i}` };
          expectError(
            await post(f.t.app, "reset", { mobile: "+14155550100", code, ...weak }),
            "VALIDATION_ERROR",
          );
        }
        const strong = await reset(f.t, { mobile: "+14155550100", code });
        expect(strong.status, strong.text).to.equal(200);
        await f.close();
      });
    });
  });
}

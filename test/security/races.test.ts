// Single use under concurrency (guarantee 4): fifty requests presenting one secret at once, as a
// double-click, a retrying mobile client or an attacker racing the owner would. Exactly one may
// win. The store answers after a couple of event-loop turns, as a networked store does, so the
// requests really overlap between looking the grant up and claiming it.
import type { Server } from "node:http";
import { expect } from "chai";
import request from "supertest";
import type { Response } from "supertest";
import { EXPRESS_VERSIONS, type ExpressVersion, type TestApp } from "../helpers/app.js";
import { BASE, newPassword, requestLink, session, smsCode } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import { listen } from "../helpers/server.js";
import { createStoreApp } from "../helpers/sms-apps.js";
import { type SwitchableStore } from "../helpers/switchable-store.js";

const PARALLEL = 50;

interface Race {
  t: TestApp;
  store: SwitchableStore;
  server: Server;
  close: () => Promise<void>;
}

async function raceApp(version: ExpressVersion): Promise<Race> {
  const { t, store, close: closeApp } = createStoreApp(version);
  const { server, close } = await listen(t.app);
  store.latencyTurns = 2;
  return {
    t,
    store,
    server,
    close: async () => {
      await close();
      await closeApp();
    },
  };
}

/** Fires `PARALLEL` copies of one request at once and waits for all of them. */
function fire(server: Server, route: "verify" | "reset", body: object, bearer?: string): Promise<Response[]> {
  return Promise.all(
    Array.from({ length: PARALLEL }, () => {
      const req = request(server).post(`${BASE}/${route}`);
      if (bearer !== undefined) req.set("Authorization", `Bearer ${bearer}`);
      return req.send(body);
    }),
  );
}

/** Exactly one 200; every other answer the contract's INVALID_TOKEN. */
function expectOneWinner(responses: Response[]): Response {
  const winners = responses.filter((res) => res.status === 200);
  const statuses = responses.map((res) => `${res.status} ${res.body?.error?.type ?? ""}`.trim());
  expect(winners, statuses.join(", ")).to.have.length(1);
  for (const res of responses.filter((r) => r.status !== 200)) expectError(res, "INVALID_TOKEN");
  return winners[0] as Response;
}

async function expectOnePasswordChange(race: Race): Promise<void> {
  await race.t.router.drain();
  expect(race.t.users.updates, "updatePassword calls").to.have.length(1);
  expect(race.t.mailer.notices, "password-changed notices").to.have.length(1);
  expect(race.t.events.filter((e) => e.type === "reset.succeeded")).to.have.length(1);
}

for (const version of EXPRESS_VERSIONS) {
  describe(`security: races (${version.name})`, () => {
    it(`${PARALLEL} parallel resets with one link token: one 200, one updatePassword, one notice`, async () => {
      const race = await raceApp(version);
      race.store.latencyTurns = 0;
      const token = await requestLink(race.t);
      race.store.latencyTurns = 2;
      expectOneWinner(await fire(race.server, "reset", { token, ...newPassword() }));
      await expectOnePasswordChange(race);
      await race.close();
    });

    it(`${PARALLEL} parallel resets with one SMS code: one 200, one updatePassword, one notice`, async () => {
      const race = await raceApp(version);
      race.store.latencyTurns = 0;
      const code = await smsCode(race.t, "+14155550100");
      race.store.latencyTurns = 2;
      expectOneWinner(await fire(race.server, "reset", { mobile: "+14155550100", code, ...newPassword() }));
      await expectOnePasswordChange(race);
      await race.close();
    });

    it(`${PARALLEL} parallel resets with one reset session (Authorization: Bearer): one 200, one updatePassword, one notice`, async () => {
      const race = await raceApp(version);
      race.store.latencyTurns = 0;
      const resetToken = await session(race.t, { token: await requestLink(race.t) });
      race.store.latencyTurns = 2;
      expectOneWinner(await fire(race.server, "reset", newPassword(), resetToken));
      await expectOnePasswordChange(race);
      await race.close();
    });

    it(`${PARALLEL} parallel verifies of one link: exactly one reset session, and it works`, async () => {
      const race = await raceApp(version);
      race.store.latencyTurns = 0;
      const token = await requestLink(race.t);
      race.store.latencyTurns = 2;
      const winner = expectOneWinner(await fire(race.server, "verify", { token }));
      expect(race.t.events.filter((e) => e.type === "verify.succeeded")).to.have.length(1);
      // The store holds the one session and nothing else: no loser left a session behind.
      expect(race.store.inner.size).to.equal(1);
      race.store.latencyTurns = 0;
      const reset = await request(race.server)
        .post(`${BASE}/reset`)
        .set("Authorization", `Bearer ${winner.body.data.resetToken as string}`)
        .send(newPassword());
      expect(reset.status, reset.text).to.equal(200);
      await expectOnePasswordChange(race);
      await race.close();
    });
  });
}

// "This wasn't me": the password-changed notice carries a report link (single use, 7 days). Its
// POST revokes every outstanding link, code and reset session of the account, calls
// `hooks.onCompromiseReported` and emits `reset.reported`. The red-team case: an attacker who
// knows the owner's address must not be able to kill the report link, so no later forgot, verify,
// reset or `revokeUser` supersedes or revokes it (a store's `issue` deletes a user's other grants).
// On every store: the report grant is a link grant under a user key of its own.
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import request from "supertest";
import type { CompromiseReportedContext, ResetUser } from "../../lib/index.js";
import { EXPRESS_VERSIONS, createTestApp, type TestApp, type TestAppOptions } from "../helpers/app.js";
import { BASE, post, requestLink, reset, session, smsCode } from "../helpers/client.js";
import { expectError, expectOk } from "../helpers/expect.js";
import { ALICE, CAROL } from "../helpers/fixtures.js";
import {
  sharedMariaDbStore,
  sharedMemoryStore,
  sharedPostgresStore,
  sharedRedisStore,
  useSharedStore,
} from "../helpers/shared-stores.js";

const version = EXPRESS_VERSIONS[1];
const REPORT_URL = "https://app.example.com/this-was-not-me";

/** The context objects `onCompromiseReported` received. */
type Reports = Array<Omit<CompromiseReportedContext, "req"> & { path: string }>;

/** Resets Alice's password with a fresh link; resolves the report token of the notice she got. */
async function resetAndReport(t: TestApp, password: string): Promise<string> {
  const token = await requestLink(t);
  expectOk(await reset(t, { token }, password));
  await t.router.drain();
  const notice = t.mailer.notices.at(-1)!;
  expect(notice.reportLink, "the notice's report link").to.match(
    /^https:\/\/app\.example\.com\/this-was-not-me\?token=/,
  );
  return t.mailer.lastReportToken()!;
}

const BACKENDS = [
  sharedMemoryStore("a MemoryTokenStore"),
  sharedRedisStore("a Redis prefix", "pwreset-report"),
  sharedPostgresStore("a PostgreSQL table", "pwreset_report"),
  sharedMariaDbStore("a MariaDB table", "pwreset_report"),
];

for (const backend of BACKENDS) {
  describe(`security: the "this wasn't me" link, on ${backend.name}`, () => {
    const apps = useSharedStore(backend);

    function app(options: TestAppOptions = {}): TestApp & { reports: Reports } {
      const reports: Reports = [];
      const t = createTestApp(version, {
        secret: randomBytes(32).toString("hex"),
        tokenStore: backend.store(),
        delivery: { reportUrl: REPORT_URL },
        hooks: {
          onCompromiseReported: ({ req, ...context }) => {
            reports.push({ ...context, path: req.path });
          },
        },
        advanced: { now: Date.now }, // real time: Redis and the databases expire on real clocks
        ...options,
      });
      apps.push(t);
      return Object.assign(t, { reports });
    }

    it("survives the attacker's forgot, the owner's next reset and revokeUser; its POST revokes, reports, emits", async () => {
      const t = app();
      const report = await resetAndReport(t, "first new password 1");
      // The attacker knows the address: forgot supersedes every reset grant of the account.
      const attackers = await requestLink(t);
      // The owner resets again (spends, revokes the account's grants) and the app revokes too.
      expectOk(await reset(t, { token: attackers }, "second new password 2"));
      await t.router.drain();
      const secondReport = t.mailer.lastReportToken()!;
      expect(secondReport).to.not.equal(report);
      await t.router.revokeUser(ALICE.id);
      // A verify issues a session, which supersedes the account's grants once more.
      const pending = await session(t, { token: await requestLink(t) });
      const outstanding = await requestLink(t);

      const answer = await post(t.app, "report", { token: report });
      expectOk(answer);
      expect(answer.body).to.deep.equal({ success: true, data: {} });
      // Every outstanding grant of the account is dead: the link, and the session issued before it.
      expectError(await reset(t, { token: outstanding }, "attacker password 3"), "INVALID_TOKEN");
      expectError(await reset(t, { resetToken: pending }, "attacker password 4"), "INVALID_TOKEN");
      expect(t.reports).to.have.length(1);
      expect(t.reports[0]).to.include({ userId: ALICE.id, path: "/report" });
      expect(t.reports[0]!.user).to.include({ id: ALICE.id, email: ALICE.email });
      const reported = t.events.filter((event) => event.type === "reset.reported");
      expect(reported).to.have.length(1);
      expect(reported[0]).to.include({ route: "report", userId: ALICE.id, grant: "link" });
      // Single use; the second notice's link is its own and still works.
      expectError(await post(t.app, "report", { token: report }), "INVALID_TOKEN");
      expectOk(await post(t.app, "report", { token: secondReport }));
      expect(t.reports).to.have.length(2);
    });

    it("a report token is no reset link, and a reset link no report token", async () => {
      const t = app();
      const report = await resetAndReport(t, "first new password 1");
      expectError(await post(t.app, "verify", { token: report }), "INVALID_TOKEN");
      expectError(await reset(t, { token: report }, "attacker password 3"), "INVALID_TOKEN");
      const link = await requestLink(t);
      expectError(await post(t.app, "report", { token: link }), "INVALID_TOKEN");
      // Neither attempt spent the other: both still work.
      expectOk(await reset(t, { token: link }, "second new password 2"));
      expectOk(await post(t.app, "report", { token: report }));
    });

    it("works only on the router (secret) that issued it", async () => {
      const t = app();
      const other = app();
      const report = await resetAndReport(t, "first new password 1");
      expectError(await post(other.app, "report", { token: report }), "INVALID_TOKEN");
      expect(other.reports).to.deep.equal([]);
      expectOk(await post(t.app, "report", { token: report }));
    });
  });
}

describe(`security: the "this wasn't me" link, on one router`, () => {
  let apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((t) => t.router.close()));
    apps = [];
  });
  function app(options: TestAppOptions = {}): TestApp {
    const t = createTestApp(version, { delivery: { reportUrl: REPORT_URL }, ...options });
    apps.push(t);
    return t;
  }

  it("lives 7 days: then TOKEN_EXPIRED, and nothing is revoked", async () => {
    let calls = 0;
    const t = app({ hooks: { onCompromiseReported: () => void (calls += 1) } });
    const report = await resetAndReport(t, "first new password 1");
    t.clock.now += 7 * 86400 * 1000 - 60_000;
    const outstanding = await requestLink(t);
    t.clock.now += 120_000;
    expectError(await post(t.app, "report", { token: report }), "TOKEN_EXPIRED");
    expect(calls).to.equal(0);
    expectOk(await reset(t, { token: outstanding }, "second new password 2"));
  });

  it("a failing hook answers INTERNAL_ERROR and gives the link back; confirming again works", async () => {
    let fail = true;
    let calls = 0;
    const t = app({
      hooks: {
        onCompromiseReported: async () => {
          calls += 1;
          if (fail) throw new Error("lock service down");
        },
      },
    });
    const report = await resetAndReport(t, "first new password 1");
    expectError(await post(t.app, "report", { token: report }), "INTERNAL_ERROR");
    expect(t.events.some((e) => e.type === "reset.reported")).to.equal(false);
    fail = false;
    expectOk(await post(t.app, "report", { token: report }));
    expect(calls).to.equal(2);
  });

  it("hands the hook `user: null` when the identifier no longer names the account, with its userId", async () => {
    const seen: Array<{ user: ResetUser | null; userId: string }> = [];
    const t = app({
      hooks: { onCompromiseReported: ({ user, userId }) => void seen.push({ user, userId }) },
    });
    const report = await resetAndReport(t, "first new password 1");
    // The takeover's next step: the address changed.
    t.users.records.get(ALICE.id)!.email = "attacker@example.net";
    expectOk(await post(t.app, "report", { token: report }));
    expect(seen).to.deep.equal([{ user: null, userId: ALICE.id }]);
  });

  it("the SMS notice carries the link too", async () => {
    const t = app({ accounts: { identifiers: ["email", "mobile"] } });
    const code = await smsCode(t, CAROL.mobile);
    expectOk(await reset(t, { mobile: CAROL.mobile, code }, "first new password 1"));
    await t.router.drain();
    const token = t.sms.lastReportToken();
    expect(token).to.be.a("string");
    expectOk(await post(t.app, "report", { token }));
  });

  it("without pages or delivery.reportUrl, notices carry no link and the router says so once", async () => {
    const t = createTestApp(version);
    apps.push(t);
    for (const password of ["first new password 1", "second new password 2"]) {
      expectOk(await reset(t, { token: await requestLink(t) }, password));
      await t.router.drain();
      expect(t.mailer.notices.at(-1)).to.not.have.property("reportLink");
    }
    const warnings = t.logs.filter((line) => line.includes("this wasn't me"));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include("delivery.reportUrl");
  });

  it("a reportUrl function gets the token, the user and the tenant, and is awaited", async () => {
    const seen: Array<{ user: string; tenant: string | undefined }> = [];
    const t = app({
      delivery: {
        reportUrl: async ({ token, user, tenant }) => {
          seen.push({ user: String(user.id), tenant });
          return `https://app.example.com/report/${token}`;
        },
      },
    });
    expectOk(await reset(t, { token: await requestLink(t) }, "first new password 1"));
    await t.router.drain();
    const link = t.mailer.notices.at(-1)!.reportLink!;
    expect(seen).to.deep.equal([{ user: ALICE.id, tenant: undefined }]);
    expectOk(await post(t.app, "report", { token: link.split("/").at(-1) }));
  });

  it("formatResponse reshapes the report route's answers, success and errors alike", async () => {
    const t = app({
      http: {
        // The report route's answers reshaped; the others keep the envelope the client helpers read.
        formatResponse: ({ outcome }) =>
          outcome.route === "report"
            ? {
                status: outcome.status,
                body: { route: outcome.route, ok: outcome.success, type: outcome.error?.type },
              }
            : {
                status: outcome.status,
                body: outcome.success
                  ? { success: true, data: outcome.data ?? {} }
                  : { success: false, error: outcome.error },
              },
      },
    });
    const report = await resetAndReport(t, "first new password 1");
    const first = await post(t.app, "report", { token: report });
    expect(first.status).to.equal(200);
    expect(first.body).to.deep.equal({ route: "report", ok: true });
    const second = await post(t.app, "report", { token: report });
    expect(second.status).to.equal(400);
    expect(second.body).to.deep.equal({ route: "report", ok: false, type: "INVALID_TOKEN" });
  });

  it("under tenants: a link of tenant a is INVALID_TOKEN under tenant b", async () => {
    const tenants: Array<string | undefined> = [];
    const t = app({
      accounts: { tenant: ({ req }) => req.get("X-Tenant") },
      hooks: { onCompromiseReported: ({ tenant }) => void tenants.push(tenant) },
    });
    const send = (tenant: string, route: string, body: object) =>
      request(t.app).post(`${BASE}/${route}`).set("X-Tenant", tenant).send(body);
    expectOk(await send("a", "forgot", { email: ALICE.email }));
    await t.router.drain();
    const token = t.mailer.lastToken()!;
    expectOk(
      await send("a", "reset", {
        token,
        password: "first new password 1",
        passwordConfirm: "first new password 1",
      }),
    );
    await t.router.drain();
    const report = t.mailer.lastReportToken()!;
    expectError(await send("b", "report", { token: report }), "INVALID_TOKEN");
    expectOk(await send("a", "report", { token: report }));
    expect(tenants).to.deep.equal(["a"]);
  });
});

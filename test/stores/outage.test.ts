// Faults (issue 5, item 6): the backend goes away mid-run. Each app talks to the real Redis,
// PostgreSQL or MariaDB through a loopback TCP proxy; `proxy.stop()` cuts every open connection and refuses
// new ones, as a crashed or restarted server would. While it is away every route answers the
// contract's generic 500 envelope within a bounded time, the app hears about it through an
// `adapter.failed` event (the rate limiter's backend included), nothing crashes and the host app
// keeps serving; once `proxy.start()` brings it back, the flow works end to end again, a link
// issued before the outage is still good (nothing was lost), and a link spent while the backend
// vanished mid-reset stays spent (nothing came back).
import { expect } from "chai";
import type { Express } from "express";
import { Redis } from "ioredis";
import mysql from "mysql2/promise";
import pg from "pg";
import { createClient } from "redis";
import request from "supertest";
import type { Response } from "supertest";
import { MySqlTokenStore } from "../../lib/mysql.js";
import { PostgresTokenStore } from "../../lib/postgres.js";
import { RedisTokenStore } from "../../lib/redis.js";
import type { PasswordResetEvent, RateLimitOptions, RouteName, TokenStore } from "../../lib/types.js";
import { EXPRESS_VERSIONS, createTestApp, type ExpressVersion, type TestApp } from "../helpers/app.js";
import { newPassword, post, requestLink, reset } from "../helpers/client.js";
import { expectError, expectGenericInternalError } from "../helpers/expect.js";
import { GOOD_PASSWORD } from "../helpers/fixtures.js";
import { requireService, services, uniqueName, type ServiceName } from "../helpers/services.js";
import { TcpProxy, type ProxyTarget } from "../helpers/tcp-proxy.js";
import { deleteKeys, scanKeys } from "../helpers/redis-keys.js";

/** Small, so backend calls that wait in a client's offline queue are cut off quickly. */
const ADAPTER_TIMEOUT_MS = 300;
/**
 * The longest a request that makes `calls` backend calls may take while the backend is away: each
 * call is cut off at `adapterTimeoutMs`, plus room for a slow CI machine. Far below the 10 s
 * default and the 20 s mocha timeout, so a request that hangs until the backend returns fails
 * here, quickly, instead of passing slowly.
 */
const bound = (calls = 1) => calls * ADAPTER_TIMEOUT_MS + 700;
/** How long the clients get to notice the outage, and to reconnect once it is over. */
const NOTICE_MS = 3_000;
const RECONNECT_MS = 5_000;
/** Text of the drivers' and the proxy's errors that must never reach a client. */
const DRIVER_TEXT = [
  "ECONNREFUSED",
  "MaxRetriesPerRequest",
  "Connection terminated",
  "Connection lost",
  "PROTOCOL_",
  "127.0.0.1",
  "Error:",
];

/** One backend, reached through the proxy by the same kind of client a real app would hold. */
interface OutageBackend {
  name: string;
  service: ServiceName;
  target: ProxyTarget;
  /** Creates the app's client, connected to the proxy on `port`. */
  open(port: number): Promise<void>;
  /** A store on the proxied client over a namespace no other test uses, on the clock `now`. */
  store(now: () => number): Promise<TokenStore>;
  /** How many rate-limit records the store wrote, counted over a direct (unproxied) connection. */
  limiterRecords(): Promise<number>;
  /** Whether the app's client has seen its connection die (so a command cannot slip onto it). */
  noticedOutage(): Promise<boolean>;
  /** Whether the app's client is connected and ready again. */
  ready(): Promise<boolean>;
  /** One command through the app's client, as the store would send it. */
  probe(): Promise<unknown>;
  /** Deletes what the tests wrote and closes every client. */
  close(): Promise<void>;
}

function ioredisBackend(): OutageBackend {
  let client: Redis | undefined;
  let admin: Redis | undefined;
  let namespace = "";
  const runPrefix = `${uniqueName("pwreset-outage-io")}:`;
  let namespaces = 0;
  return {
    name: "Redis (ioredis)",
    service: "redis",
    target: services.redis,
    async open(port) {
      client = new Redis({
        host: "127.0.0.1",
        port,
        // ioredis holds a command through 20 reconnect attempts by default (many seconds with
        // its backoff) before failing it. An app serving HTTP wants a request to fail fast while
        // Redis is away: one retry, then the command is rejected.
        maxRetriesPerRequest: 1,
        // Reconnect forever (Redis will come back), backing off to at most 1 s, so the app
        // recovers within a second of Redis's return without hammering it meanwhile.
        retryStrategy: (times) => Math.min(times * 100, 1_000),
        connectTimeout: 1_000,
      });
      // ioredis emits 'error' on every failed reconnect; apps listen so it is not logged as unhandled.
      client.on("error", () => {});
      admin = new Redis(services.redis.port, services.redis.host);
      await Promise.all([client.ping(), admin.ping()]);
    },
    async store(now) {
      namespaces += 1;
      namespace = `${runPrefix}${namespaces}:`;
      return new RedisTokenStore({ client: client!, prefix: namespace, now });
    },
    limiterRecords: () => countRedisKeys(admin!, `${namespace}attempt:limit:*`),
    noticedOutage: async () => client!.status !== "ready",
    ready: async () => client!.status === "ready",
    probe: () => client!.ping(),
    async close() {
      client?.disconnect();
      if (admin) {
        await deleteKeys(admin, `${runPrefix}*`);
        await admin.quit();
      }
    },
  };
}

function nodeRedisBackend(): OutageBackend {
  let client: ReturnType<typeof createClient> | undefined;
  let admin: Redis | undefined;
  let namespace = "";
  const runPrefix = `${uniqueName("pwreset-outage-nr")}:`;
  let namespaces = 0;
  return {
    name: "Redis (node-redis)",
    service: "redis",
    target: services.redis,
    async open(port) {
      client = createClient({
        socket: {
          host: "127.0.0.1",
          port,
          connectTimeout: 1_000,
          // Reconnect forever with backoff capped at 1 s, as with ioredis above.
          reconnectStrategy: (retries: number) => Math.min((retries + 1) * 100, 1_000),
        },
        // The offline queue stays on (node-redis's default, what most apps run with): while Redis
        // is away a command waits in it, and runs if the client reconnects in time. Each command
        // gives up after 1 s instead of the default 5 s, so writes of long-failed requests do not
        // land seconds later. Bounding the request itself is the router's job (`adapterTimeoutMs`).
        commandOptions: { timeout: 1_000 },
      });
      // node-redis emits 'error' on every failed reconnect; an 'error' event without a listener
      // would crash the process, so every app attaches one.
      client.on("error", () => {});
      await client.connect();
      admin = new Redis(services.redis.port, services.redis.host);
      await admin.ping();
    },
    async store(now) {
      namespaces += 1;
      namespace = `${runPrefix}${namespaces}:`;
      return new RedisTokenStore({ client: client!, prefix: namespace, now });
    },
    limiterRecords: () => countRedisKeys(admin!, `${namespace}attempt:limit:*`),
    noticedOutage: async () => !client!.isReady,
    ready: async () => client!.isReady,
    probe: () => client!.ping(),
    async close() {
      if (client?.isOpen) client.destroy();
      if (admin) {
        await deleteKeys(admin, `${runPrefix}*`);
        await admin.quit();
      }
    },
  };
}

function postgresBackend(): OutageBackend {
  let pool: pg.Pool | undefined;
  let admin: pg.Pool | undefined;
  const table = uniqueName("pwreset_outage");
  let migrated = false;
  return {
    name: "PostgreSQL (pg.Pool)",
    service: "postgres",
    target: services.postgres,
    async open(port) {
      pool = new pg.Pool({
        ...services.postgres,
        port,
        max: 5,
        // pg waits for a connection without limit by default; an app serving HTTP gives up
        // after a second so a request fails instead of queueing behind a dead server.
        connectionTimeoutMillis: 1_000,
      });
      // pg emits 'error' on the pool when an idle client's connection dies; without a listener
      // that crashes the process, so every app attaches one.
      pool.on("error", () => {});
      admin = new pg.Pool({ ...services.postgres, max: 2 });
    },
    async store(now) {
      const store = new PostgresTokenStore({ pool: pool!, table, now });
      if (!migrated) await store.migrate();
      migrated = true;
      await admin!.query(`TRUNCATE "${table}", "${table}_attempts"`);
      return store;
    },
    async limiterRecords() {
      const { rows } = await admin!.query(
        `SELECT count(*)::int AS n FROM "${table}_attempts" WHERE key LIKE 'limit:%'`,
      );
      return Number(rows[0]?.n);
    },
    // The pool drops a client whose connection died; once none is left, every query must connect anew.
    noticedOutage: async () => pool!.totalCount === 0,
    ready: () =>
      pool!.query("SELECT 1").then(
        () => true,
        () => false,
      ),
    probe: () => pool!.query("SELECT 1"),
    async close() {
      await pool?.end();
      await admin?.query(`DROP TABLE IF EXISTS "${table}", "${table}_attempts"`);
      await admin?.end();
    },
  };
}

function mariadbBackend(): OutageBackend {
  let pool: mysql.Pool | undefined;
  let admin: mysql.Pool | undefined;
  const table = uniqueName("pwreset_outage");
  let migrated = false;
  const { host, user, password, database } = services.mariadb;
  const selectOne = () => pool!.query("SELECT 1");
  return {
    name: "MariaDB (mysql2 pool)",
    service: "mariadb",
    target: services.mariadb,
    async open(port) {
      // mysql2 waits 10 s for a new connection by default; an app serving HTTP gives up after a
      // second so a request fails instead of queueing behind a dead server.
      pool = mysql.createPool({
        host,
        port,
        user,
        password,
        database,
        connectionLimit: 5,
        connectTimeout: 1_000,
      });
      admin = mysql.createPool({
        host,
        port: services.mariadb.port,
        user,
        password,
        database,
        connectionLimit: 2,
      });
    },
    async store(now) {
      const store = new MySqlTokenStore({ pool: pool!, table, now });
      if (!migrated) await store.migrate();
      migrated = true;
      await admin!.query(`TRUNCATE \`${table}\``);
      await admin!.query(`TRUNCATE \`${table}_attempts\``);
      return store;
    },
    async limiterRecords() {
      // Keys are stored as digests; in the link flow every counter with an open window is a rate limit.
      const [rows] = await admin!.execute<mysql.RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM \`${table}_attempts\` WHERE window_ends_at > ?`,
        [Date.now()],
      );
      return Number(rows[0]?.n);
    },
    // The pool drops a connection whose socket died; a query then has to connect anew, and fails.
    noticedOutage: () =>
      selectOne().then(
        () => false,
        () => true,
      ),
    ready: () =>
      selectOne().then(
        () => true,
        () => false,
      ),
    probe: selectOne,
    async close() {
      await pool?.end();
      await admin?.query(`DROP TABLE IF EXISTS \`${table}\`, \`${table}_attempts\``);
      await admin?.end();
    },
  };
}

for (const backend of [ioredisBackend(), nodeRedisBackend(), postgresBackend(), mariadbBackend()]) {
  describe(`backend outage: ${backend.name} goes away mid-run and comes back`, function () {
    let proxy: TcpProxy | undefined;
    let store: TokenStore | undefined;
    let app: TestApp | undefined;

    before(async function () {
      await requireService(this, backend.service);
      proxy = await TcpProxy.open(backend.target);
      await backend.open(proxy.port);
    });

    after(async () => {
      await proxy?.start().catch(() => {});
      await backend.close();
      await proxy?.close();
    });

    afterEach(async () => {
      // A failed test may leave the backend away: bring it back so the next test and the cleanup work.
      await proxy?.start();
      await app?.router.close();
      await store?.close?.();
      app = undefined;
      store = undefined;
    });

    /** An app whose router keeps grants (and, with limits on, rate limits) behind the proxy. */
    async function startApp(
      version: ExpressVersion,
      rateLimit: RateLimitOptions | false,
      storeClock: () => number = Date.now,
    ): Promise<TestApp> {
      store = await backend.store(storeClock);
      app = createTestApp(version, {
        tokenStore: store,
        adapterTimeoutMs: ADAPTER_TIMEOUT_MS,
        // `{}`: the default limits, kept in the same backend as the grants.
        rateLimit,
        now: Date.now, // real time: Redis and PostgreSQL expire things on real clocks
      });
      return app;
    }

    /** The backend vanishes; resolves once the app's client has noticed. */
    async function pullThePlug(): Promise<void> {
      await proxy!.stop();
      expect(proxy!.openConnections, "every proxied connection was cut").to.equal(0);
      // A command written in the instant before the client sees its socket close would be held
      // for resending (ioredis) rather than failed: wait until the client knows, as it would
      // within milliseconds in production, so each request below meets a client that is offline.
      await waitFor(backend.noticedOutage, NOTICE_MS, `${backend.name} client to notice the outage`);
    }

    /** The backend returns on the same port; resolves once the app's client has reconnected. */
    async function plugBackIn(): Promise<void> {
      const before = proxy!.connections;
      await proxy!.start();
      await waitFor(backend.ready, RECONNECT_MS, `${backend.name} client to reconnect`);
      expect(proxy!.connections, "the client opened a new connection").to.be.greaterThan(before);
    }

    it("serves the link flow through the proxy, its rate limits kept in the backend", async () => {
      const t = await startApp(EXPRESS_VERSIONS[1], {});
      await expectWorkingFlow(t, "alice@example.com");
      expect(await backend.limiterRecords(), "the limiter wrote to the backend").to.be.greaterThan(0);
    });

    it("limits on: while away, forgot, verify and reset fail closed with the generic 500 and adapter.failed; then it resumes", async () => {
      const t = await startApp(EXPRESS_VERSIONS[1], {});
      // Issued before the outage and never used: it must survive it.
      const earlier = await requestLink(t, "bob@example.com");
      t.events.length = 0;

      await pullThePlug();
      // Every route consults its limiter first, and the limiter lives in the backend that is
      // gone: the request fails closed with the envelope rather than going on unlimited, and the
      // limiter's failure is reported like any other adapter's.
      const requests: Array<[RouteName, object, string]> = [
        ["forgot", { email: "alice@example.com" }, "rateLimit.forgotPerIp"],
        ["verify", { token: earlier }, "rateLimit.verifyResetPerIp"],
        ["reset", { token: earlier, ...newPassword() }, "rateLimit.verifyResetPerIp"],
      ];
      for (const [route, body, operation] of requests) {
        const res = await timedPost(t.app, route, body, backend.name);
        expectGenericInternalError(res, earlier, String(proxy!.port), ...DRIVER_TEXT);
        expect(res.headers["cache-control"]).to.equal("no-store");
        expect(adapterFailures(t.events, route), `adapter.failed on ${route}`).to.deep.equal([operation]);
        expect(refusedAsInternal(t.events, route), `request.refused on ${route}`).to.have.length(1);
        expect(t.logs.some((line) => line.startsWith(`error: express-password-reset: ${operation} failed`)))
          .to.be.true;
      }
      await expectHostStillServes(t);
      expect(t.users.updates, "no password changed").to.be.empty;
      await t.router.drain();
      expectNoSecrets(t, earlier);

      await plugBackIn();
      await expectResetWorks(t, earlier);
      await expectWorkingFlow(t, "alice@example.com");
    });

    it("limits off: while away, verify and reset answer 500 with adapter.failed, forgot's delivery fails as an event; then it resumes", async () => {
      const t = await startApp(EXPRESS_VERSIONS[0], false);
      const earlier = await requestLink(t, "bob@example.com");
      t.events.length = 0;
      const mailed = t.mailer.resets.length;

      await pullThePlug();
      // forgot answers before the account is looked up (guarantee 1), so the outage cannot show
      // in its answer; the store failure of the background delivery must surface as an event.
      const forgot = await timedPost(t.app, "forgot", { email: "alice@example.com" }, backend.name);
      expect(forgot.status, forgot.text).to.equal(200);
      expect(forgot.body).to.deep.equal({ success: true, data: {} });
      await t.router.drain();
      expect(adapterFailures(t.events, "forgot")).to.deep.equal(["tokenStore.issue"]);
      expect(t.mailer.resets, "no link was mailed without a stored grant").to.have.length(mailed);
      expect(t.logs.some((line) => line.startsWith("error: express-password-reset: tokenStore.issue failed")))
        .to.be.true;

      const requests: Array<[RouteName, object]> = [
        ["verify", { token: earlier }],
        ["reset", { token: earlier, ...newPassword() }],
      ];
      for (const [route, body] of requests) {
        const res = await timedPost(t.app, route, body, backend.name);
        expectGenericInternalError(res, earlier, String(proxy!.port), ...DRIVER_TEXT);
        expect(adapterFailures(t.events, route), `adapter.failed on ${route}`).to.deep.equal([
          "tokenStore.find",
        ]);
        expect(refusedAsInternal(t.events, route), `request.refused on ${route}`).to.have.length(1);
      }
      await expectHostStillServes(t);
      expect(t.users.updates, "no password changed").to.be.empty;
      expectNoSecrets(t, earlier);

      await plugBackIn();
      await expectResetWorks(t, earlier);
      await expectWorkingFlow(t, "alice@example.com");
    });

    it("goes away mid-reset, after the password changed: 200, and the link stays spent once it is back (guarantee 4)", async () => {
      // The store keeps claim leases on its own clock; skewing it stands in for the minute after
      // which an unspent claim lapses, so the test need not wait for it.
      const storeClock = { skewMs: 0 };
      const t = await startApp(EXPRESS_VERSIONS[1], {}, () => Date.now() + storeClock.skewMs);
      const token = await requestLink(t, "bob@example.com");
      t.events.length = 0;
      // The backend vanishes at the worst moment: the app has stored the new password, and the
      // router has yet to delete the grant it claimed.
      const updatePassword = t.users.updatePassword.bind(t.users);
      t.users.updatePassword = async (userId, passwordHash) => {
        await updatePassword(userId, passwordHash);
        await pullThePlug();
      };

      // Two backend calls follow the password change: deleting the spent grant, revoking the rest.
      const res = await timedPost(t.app, "reset", { token, ...newPassword() }, backend.name, bound(2));
      t.users.updatePassword = updatePassword;
      expect(res.status, `the password did change, so the reset succeeded: ${res.text}`).to.equal(200);
      expect(t.users.updates).to.have.length(1);
      expect(adapterFailures(t.events, "reset")).to.include.members([
        "tokenStore.remove",
        "tokenStore.revokeUser",
      ]);
      expect(t.events.some((e) => e.type === "reset.succeeded")).to.be.true;
      // A real outage (a restart, a failover) outlasts the clients' patience: they drop what they
      // queued for it. Wait for that, or a blip this short would let the router's timed-out delete
      // run late on reconnect (ioredis and node-redis queue commands) and hide what a longer
      // outage does. A command sent now fails only once everything queued before it has.
      await expectClientGivesUp(backend.probe, RECONNECT_MS, backend.name);

      await plugBackIn();
      const replay = { token, password: "attacker-chosen-1", passwordConfirm: "attacker-chosen-1" };
      const soon = await post(t.app, "reset", replay);
      expect(soon.status, `a replay right after the outage: ${soon.text}`).to.equal(400);
      expectError(soon, "INVALID_TOKEN");
      // Guarantee 4 is "at most once", not "at most once per claim lease" (the memory-store twin
      // of this test, where only revokeUser fails, is in test/security/faults.test.ts): once the
      // lease has run out, the link must still not change the password again.
      storeClock.skewMs = 61_000;
      const later = await post(t.app, "reset", replay);
      expect(
        later.status,
        `a replay once the claim's lease ran out answered ${later.text}: the grant was never deleted ` +
          `(the backend was away when the router tried), so it came back when its claim lapsed`,
      ).to.equal(400);
      expectError(later, "INVALID_TOKEN");
      expect(t.users.updates, "the password was changed exactly once").to.have.length(1);
    });
  });
}

/** forgot → mailed link → reset, all 200, and the password really changed. */
async function expectWorkingFlow(t: TestApp, email: string): Promise<void> {
  const token = await requestLink(t, email);
  await expectResetWorks(t, token);
}

async function expectResetWorks(t: TestApp, token: string): Promise<void> {
  const updates = t.users.updates.length;
  const res = await reset(t, { token });
  expect(res.status, res.text).to.equal(200);
  expect(res.body).to.deep.equal({ success: true, data: {} });
  expect(t.users.updates).to.have.length(updates + 1);
}

/** POSTs to a route and fails, quickly and by name, when it does not answer within `limitMs`. */
async function timedPost(
  app: Express,
  route: RouteName,
  body: object,
  backend: string,
  limitMs = bound(),
): Promise<Response> {
  const started = Date.now();
  let res: Response;
  try {
    res = await post(app, route, body).timeout(limitMs);
  } catch (error) {
    if ((error as { timeout?: number }).timeout === undefined) throw error;
    throw new Error(
      `POST /${route} did not answer within ${limitMs} ms while ${backend} was away: the request ` +
        `hangs instead of failing after adapterTimeoutMs (${ADAPTER_TIMEOUT_MS} ms).`,
      { cause: error },
    );
  }
  expect(Date.now() - started, `POST /${route} answered within ${limitMs} ms`).to.be.below(limitMs);
  return res;
}

/** The process still serves the rest of the app. */
async function expectHostStillServes(t: TestApp): Promise<void> {
  const res = await request(t.app).get("/");
  expect(res.status).to.equal(200);
  expect(res.text).to.equal("host app");
}

/** The operations of the `adapter.failed` events on `route`, each carrying the error's name and message. */
function adapterFailures(events: PasswordResetEvent[], route: RouteName): string[] {
  const failures = events.filter((e) => e.type === "adapter.failed" && e.route === route);
  for (const failure of failures) {
    expect(failure.error?.name, JSON.stringify(failure)).to.be.a("string").and.not.equal("");
    expect(failure.error?.message, JSON.stringify(failure)).to.be.a("string");
  }
  return failures.map((e) => String(e.operation));
}

/** The router's closing event of a request it answered with INTERNAL_ERROR. */
function refusedAsInternal(events: PasswordResetEvent[], route: RouteName): PasswordResetEvent[] {
  return events.filter(
    (e) => e.route === route && e.type === "request.refused" && e.reason === "INTERNAL_ERROR",
  );
}

/** Guarantee 10 holds under faults too: no token or password in an event or a log line. */
function expectNoSecrets(t: TestApp, token: string): void {
  const seen = JSON.stringify(t.events) + t.logs.join("\n");
  for (const secret of [token, GOOD_PASSWORD]) expect(seen).not.to.include(secret);
}

/** Fails unless `probe` (sent while the backend is away) is rejected within `ms`. */
async function expectClientGivesUp(
  probe: () => Promise<unknown>,
  ms: number,
  backend: string,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    probe().then(
      () => "answered",
      () => "failed",
    ),
    new Promise<string>((resolve) => (timer = setTimeout(resolve, ms, "still waiting"))),
  ]);
  clearTimeout(timer);
  expect(outcome, `a command sent through the ${backend} client while it is away`).to.equal("failed");
}

/** Polls `condition` every 20 ms until it holds; fails after `ms`. */
async function waitFor(condition: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for the ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function countRedisKeys(admin: Redis, pattern: string): Promise<number> {
  return (await scanKeys(admin, pattern)).length;
}

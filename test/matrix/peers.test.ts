// The peer-version matrix: the lowest version of every peer range in package.json (pinned as a
// `<name>-min` alias) and the newest (the plain dev dependency), each loaded side by side in this
// one process and used for a real round trip against the real service through the package's
// public API. A version that fails here is one the range must stop claiming.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import * as argon2Min from "@node-rs/argon2-min";
import * as argon2Newest from "@node-rs/argon2";
import * as otelApiMin from "@opentelemetry/api-min";
import * as otelApiNewest from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import expressMin from "express-min";
import type { Express } from "express";
import IoredisMin from "ioredis-min";
import { Redis as IoredisNewest } from "ioredis";
import mysqlNewest from "mysql2/promise";
import mysqlMin from "mysql2-min/promise";
import nodemailerNewest from "nodemailer";
import nodemailerMin from "nodemailer-min";
import pgNewest from "pg";
import pgMin from "pg-min";
import { createClient as createRedisNewest } from "redis";
import { createClient as createRedisMin } from "redis-min";
import { argon2Hasher, needsRehash, verifyPassword, type Mailer, type TokenStore } from "../../lib/index.js";
import { MySqlTokenStore } from "../../lib/mysql.js";
import { createNodemailerMailer } from "../../lib/nodemailer.js";
import { PostgresTokenStore } from "../../lib/postgres.js";
import { RedisTokenStore, type RedisClientLike } from "../../lib/redis.js";
import { createTestApp, EXPRESS_VERSIONS, type ExpressVersion } from "../helpers/app.js";
import { post, requestLink, reset } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import { createTelemetry } from "../../lib/telemetry/index.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";
import { makeGrant } from "../helpers/store-faults.js";

const ROOT = join(__dirname, "..", "..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The version actually installed under `alias` (node_modules/<alias>/package.json). */
function installed(alias: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "node_modules", alias, "package.json"), "utf8"));
  return (pkg as { version: string }).version;
}

/** The lowest version a range like `>=8.11` or `^4.21 || ^5` admits, as x.y.z. */
function lowestOf(range: string): string {
  const [major = "0", minor = "0", patch = "0"] = (/\d+(\.\d+){0,2}/.exec(range)?.[0] ?? "").split(".");
  return `${major}.${minor}.${patch}`;
}

/** One installed version of a peer: its alias in node_modules, what the test calls, its role. */
interface Version<Module> {
  alias: string;
  module: Module;
  role?: string;
}

const label = (peer: string, alias: string, role = alias.endsWith("-min") ? "lowest" : "newest") =>
  `${peer} ${installed(alias)} (${role} of ${manifest.peerDependencies[peer]})`;

describe("peer versions", () => {
  it("pins the lowest version of every peer range as an exact <name>-min alias", () => {
    for (const [peer, range] of Object.entries(manifest.peerDependencies)) {
      expect(manifest.devDependencies[`${peer}-min`], `${peer}-min`).to.equal(
        `npm:${peer}@${lowestOf(range)}`,
      );
      expect(installed(`${peer}-min`), `${peer}-min installed`).to.equal(lowestOf(range));
      expect(manifest.devDependencies[peer], `${peer} (newest)`).to.be.a("string");
    }
  });

  describe("ioredis, through RedisTokenStore", () => {
    const clients: Version<() => RedisClientLike & { quit(): Promise<unknown> }>[] = [
      { alias: "ioredis-min", module: () => new IoredisMin(services.redis.port, services.redis.host) },
      { alias: "ioredis", module: () => new IoredisNewest(services.redis.port, services.redis.host) },
    ];
    before(async function () {
      await requireService(this, "redis");
    });
    for (const { alias, module: connect } of clients) {
      it(label("ioredis", alias), async () => {
        const client = connect();
        try {
          await storeRoundTrip(new RedisTokenStore({ client, prefix: `${uniqueName("matrix")}:` }));
        } finally {
          await client.quit();
        }
      });
    }
  });

  describe("redis (node-redis), through RedisTokenStore", () => {
    const clients: Version<() => Promise<{ client: RedisClientLike; end(): Promise<unknown> }>>[] = [
      {
        alias: "redis-min",
        module: async () => {
          const client = createRedisMin({ url: services.redis.url });
          await client.connect();
          return { client, end: () => client.quit() };
        },
      },
      {
        alias: "redis",
        module: async () => {
          const client = createRedisNewest({ url: services.redis.url });
          await client.connect();
          return { client, end: () => client.close() };
        },
      },
    ];
    before(async function () {
      await requireService(this, "redis");
    });
    for (const { alias, module: connect } of clients) {
      it(label("redis", alias), async () => {
        const { client, end } = await connect();
        try {
          await storeRoundTrip(new RedisTokenStore({ client, prefix: `${uniqueName("matrix")}:` }));
        } finally {
          await end();
        }
      });
    }
  });

  describe("pg, through PostgresTokenStore", () => {
    const drivers: Version<typeof pgNewest>[] = [
      { alias: "pg-min", module: pgMin },
      { alias: "pg", module: pgNewest },
    ];
    before(async function () {
      await requireService(this, "postgres");
    });
    for (const { alias, module: pg } of drivers) {
      it(label("pg", alias), async () => {
        const pool = new pg.Pool({ ...services.postgres, max: 3 });
        const table = uniqueName("matrix");
        const store = new PostgresTokenStore({ pool, table, sweepIntervalMs: 0 });
        try {
          await store.migrate();
          await storeRoundTrip(store);
        } finally {
          await store.close();
          await pool.query(`DROP TABLE IF EXISTS ${table}, ${table}_attempts, ${table}_limits`);
          await pool.end();
        }
      });
    }
  });

  describe("nodemailer, through createNodemailerMailer and the link flow", () => {
    const transports: Version<typeof nodemailerNewest>[] = [
      { alias: "nodemailer-min", module: nodemailerMin },
      { alias: "nodemailer", module: nodemailerNewest },
    ];
    let sink: SmtpSink;
    before(async () => {
      sink = await startSmtpSink();
    });
    after(async () => {
      await sink?.close();
    });
    for (const { alias, module: nodemailer } of transports) {
      it(label("nodemailer", alias), async () => {
        const transport = nodemailer.createTransport({
          host: "127.0.0.1",
          port: sink.port,
          secure: false,
          ignoreTLS: true,
        });
        try {
          const mailer: Mailer = createNodemailerMailer({ transport, from: "Acme <no-reply@acme.test>" });
          const t = createTestApp(EXPRESS_VERSIONS[1], { mailer });
          await post(t.app, "forgot", { email: ALICE.email }).expect(200);
          await t.router.drain();
          const mail = await sink.next();
          expect(mail.recipients).to.deep.equal(["alice@example.com"]);
          const link = /https:\/\/app\.example\.com\/reset-password\?token=[^\s"<>]+/.exec(
            mail.parsed.text ?? "",
          );
          expect(link, `a reset link in the text part: ${mail.parsed.text}`).to.not.equal(null);
          const token = new URL(link![0]).searchParams.get("token")!;
          expect((await reset(t, { token })).status).to.equal(200);
          // The password-changed notice follows; take it, so the next case reads its own mail.
          await t.router.drain();
          expect((await sink.next()).parsed.text ?? "").to.match(/password .* was changed/);
        } finally {
          transport.close();
        }
      });
    }
  });

  describe("express, through the router's link flow", () => {
    const apps: Version<ExpressVersion>[] = [
      {
        alias: "express-min",
        module: {
          name: "Express 4",
          create: () => expressMin() as unknown as Express,
          json: () => expressMin.json(),
        },
      },
      { alias: "express4", module: EXPRESS_VERSIONS[0], role: "newest 4.x" },
      { alias: "express", module: EXPRESS_VERSIONS[1] },
    ];
    for (const { alias, module: version, role } of apps) {
      it(label("express", alias, role), async () => {
        const t = createTestApp(version);
        const token = await requestLink(t);
        expect((await reset(t, { token })).status).to.equal(200);
        expectError(await reset(t, { token }), "INVALID_TOKEN");
      });
    }
  });

  describe("@node-rs/argon2, through verifyPassword and argon2Hasher", () => {
    const bindings: Version<typeof argon2Newest>[] = [
      { alias: "@node-rs/argon2-min", module: argon2Min as unknown as typeof argon2Newest },
      { alias: "@node-rs/argon2", module: argon2Newest },
    ];
    // argon2Hasher() loads the plain `@node-rs/argon2`; each version must read what it makes and
    // make what it reads, at the hasher's own parameters (the two versions' defaults differ).
    const hasher = argon2Hasher({ memoryCost: 1024, timeCost: 1 });
    for (const { alias, module: argon2 } of bindings) {
      it(label("@node-rs/argon2", alias), async () => {
        const made = await argon2.hash("plum otter canvas thirty", { memoryCost: 1024, timeCost: 1 });
        expect(made).to.match(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
        expect(await verifyPassword("plum otter canvas thirty", made)).to.equal(true);
        expect(await verifyPassword("plum otter canvas thirtY", made)).to.equal(false);
        expect(needsRehash(made, { hasher })).to.equal(false);
        const ours = await hasher.hash("plum otter canvas thirty");
        expect(await argon2.verify(ours, "plum otter canvas thirty")).to.equal(true);
      });
    }
  });

  describe("@opentelemetry/api, through advanced.telemetry", () => {
    const apis: Version<typeof otelApiNewest>[] = [
      { alias: "@opentelemetry/api-min", module: otelApiMin as unknown as typeof otelApiNewest },
      { alias: "@opentelemetry/api", module: otelApiNewest },
    ];
    const exporter = new InMemorySpanExporter();
    before(() => {
      // The SDK registers through the newest API; the lowest must find its provider all the same.
      otelApiNewest.trace.disable();
      otelApiNewest.trace.setGlobalTracerProvider(
        new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
      );
    });
    after(() => otelApiNewest.trace.disable());
    for (const { alias, module: api } of apis) {
      it(label("@opentelemetry/api", alias), async () => {
        exporter.reset();
        // The router loads the plain `@opentelemetry/api`; here the loader hands it this version.
        const telemetry = createTelemetry(true, () => api);
        const trace = telemetry.request("forgot");
        const delivery = trace.background(async () => trace.event("delivery.sent", "email"));
        trace.end({ route: "forgot", identifierType: "email", tenant: undefined, error: undefined });
        await delivery();
        const spans = exporter.getFinishedSpans();
        expect(spans.map((span) => span.name)).to.deep.equal([
          "password_reset.forgot",
          "password_reset.delivery",
        ]);
        expect(spans[1]?.parentSpanContext?.spanId).to.equal(spans[0]?.spanContext().spanId);
        expect(spans[1]?.attributes["password_reset.delivery.result"]).to.equal("sent");
      });
    }
  });

  describe("mysql2, through MySqlTokenStore", () => {
    const drivers: Version<typeof mysqlNewest>[] = [
      { alias: "mysql2-min", module: mysqlMin as unknown as typeof mysqlNewest },
      { alias: "mysql2", module: mysqlNewest },
    ];
    before(async function () {
      await requireService(this, "mariadb");
    });
    for (const { alias, module: mysql } of drivers) {
      it(label("mysql2", alias), async () => {
        const { host, port, user, password, database } = services.mariadb;
        const pool = mysql.createPool({ host, port, user, password, database, connectionLimit: 3 });
        const table = uniqueName("matrix");
        const store = new MySqlTokenStore({ pool, table, sweepIntervalMs: 0 });
        try {
          await store.migrate();
          await storeRoundTrip(store);
          const counts = await Promise.all([1, 2, 3].map(() => store.countAttempt("k", 60_000)));
          expect(counts.map((c) => c.count).sort()).to.deep.equal([1, 2, 3]);
        } finally {
          await store.close();
          await pool.query(`DROP TABLE IF EXISTS \`${table}\`, \`${table}_attempts\``);
          await pool.end();
        }
      });
    }
  });
});

// The public store API a user's app relies on: a grant is found as issued, claimed once, removed.
async function storeRoundTrip(store: TokenStore): Promise<void> {
  const grant = makeGrant();
  await store.issue(grant);
  expect(await store.find(grant.kind, grant.id)).to.deep.equal(grant);
  expect(await store.claim(grant.kind, grant.id, grant.hash, 10_000)).to.equal(true);
  expect(await store.claim(grant.kind, grant.id, grant.hash, 10_000)).to.equal(false);
  await store.remove(grant.kind, grant.id);
  expect(await store.find(grant.kind, grant.id)).to.equal(null);
}

// What the PostgreSQL store promises beyond the contract: a safe table name, an idempotent and
// concurrency-safe migration, rate limits that work on the first request, cleanup of old rows,
// values that never become SQL, the app's pool left open, and prompt failures on a dead pool.
import { expect } from "chai";
import pg from "pg";
import { PostgresTokenStore, postgresTokenStoreSchema, type PgPoolLike } from "../../lib/postgres.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { expectEveryMethodToReject, makeGrant, sleep } from "../helpers/store-faults.js";

// A pool that fails the test if the constructor touches it: validation must be synchronous.
const untouchablePool: PgPoolLike = {
  query: () => {
    throw new Error("the constructor queried the pool");
  },
  connect: () => {
    throw new Error("the constructor connected");
  },
};

describe("PostgresTokenStore", function () {
  describe("table name", () => {
    for (const table of [
      "tokens; drop table x",
      'tokens"',
      "tokens--",
      "a.b.c",
      ".tokens",
      "1tokens",
      "",
      "t".repeat(41),
      "tökens",
    ]) {
      it(`refuses ${JSON.stringify(table)} at construction, naming \`table\``, () => {
        expect(() => new PostgresTokenStore({ pool: untouchablePool, table, sweepIntervalMs: 0 })).to.throw(
          TypeError,
          /`table` must be a SQL identifier/,
        );
        expect(() => postgresTokenStoreSchema(table)).to.throw(TypeError, /`table`/);
      });
    }

    it("accepts plain and schema-qualified identifiers and quotes every part in the SQL", () => {
      for (const table of ["password_reset_tokens", "Auth.Reset_Tokens2", "_t"]) {
        expect(
          () => new PostgresTokenStore({ pool: untouchablePool, table, sweepIntervalMs: 0 }),
        ).not.to.throw();
      }
      const sql = postgresTokenStoreSchema("auth.reset_tokens");
      expect(sql).to.contain('CREATE TABLE IF NOT EXISTS "auth"."reset_tokens" (');
      expect(sql).to.contain('"auth"."reset_tokens_attempts"');
      expect(sql, "0.2 keeps rate limits in the attempts table").not.to.contain("_limits");
      expect(postgresTokenStoreSchema()).to.contain('"password_reset_tokens"');
    });

    it("refuses a missing or wrong pool, naming `pool`", () => {
      expect(() => new PostgresTokenStore({ pool: {} as PgPoolLike })).to.throw(TypeError, /`pool`/);
      expect(() => new PostgresTokenStore(undefined as never)).to.throw(TypeError, /`pool`/);
    });
  });

  describe("against PostgreSQL", () => {
    let pool: pg.Pool;
    const tables: string[] = [];
    const schema = uniqueName("pwreset_schema");

    // A fresh table name, dropped (with its companions) after the suite.
    const freshTable = () => {
      const table = uniqueName("pwreset_t");
      tables.push(table);
      return table;
    };

    before(async function () {
      await requireService(this, "postgres");
      pool = new pg.Pool({ ...services.postgres, max: 10 });
    });

    after(async () => {
      if (!pool) return;
      for (const t of tables) await pool.query(`DROP TABLE IF EXISTS "${t}", "${t}_attempts", "${t}_limits"`);
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    });

    it("migrate() is idempotent and safe when several instances run it at once", async () => {
      const table = freshTable();
      const stores = Array.from(
        { length: 4 },
        () => new PostgresTokenStore({ pool, table, sweepIntervalMs: 0 }),
      );
      await Promise.all(stores.map((store) => store.migrate()));
      await stores[0]!.migrate();
      const { rows } = await pool.query("SELECT to_regclass($1) AS a, to_regclass($2) AS b", [
        `"${table}"`,
        `"${table}_attempts"`,
      ]);
      expect(rows[0]).to.deep.equal({ a: table, b: `${table}_attempts` });
    });

    it("counts right after migrate() on a new table, and a 254-character email's limit key fits", async () => {
      const store = new PostgresTokenStore({ pool, table: freshTable(), sweepIntervalMs: 0 });
      await store.migrate();
      const key = `limit:forgotPerIdentifier:email:${"a".repeat(242)}@example.com`;
      expect((await store.countAttempt(key, 60_000)).count).to.equal(1);
      const second = await store.countAttempt(key, 60_000);
      expect(second.count).to.equal(2);
      expect(second.resetAt).to.be.greaterThan(Date.now());
    });

    it("works in a schema-qualified table", async () => {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const store = new PostgresTokenStore({ pool, table: `${schema}.tokens`, sweepIntervalMs: 0 });
      await store.migrate();
      const grant = makeGrant();
      await store.issue(grant);
      expect(await store.find(grant.kind, grant.id)).to.deep.equal(grant);
      expect((await store.countAttempt("k", 60_000)).count).to.equal(1);
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}"."tokens_attempts"`);
      expect(rows[0].n).to.equal(1);
    });

    it("stores hostile strings as data, never as SQL", async () => {
      const table = freshTable();
      const store = new PostgresTokenStore({ pool, table, sweepIntervalMs: 0 });
      await store.migrate();
      const evil = `x'); DROP TABLE "${table}"; --`;
      const grant = makeGrant({ id: evil, userId: evil, identifier: { type: "username", value: evil } });
      await store.issue(grant);
      expect(await store.find("link", evil)).to.deep.equal(grant);
      expect(await store.claim("link", evil, grant.hash, 10_000)).to.equal(true);
      expect((await store.countAttempt(evil, 60_000)).count).to.equal(1);
      await store.revokeUser(evil);
      expect(await store.find("link", evil)).to.equal(null);
    });

    it("issue() deletes rows past retainUntil along the way", async () => {
      const table = freshTable();
      const store = new PostgresTokenStore({ pool, table, sweepIntervalMs: 0 });
      await store.migrate();
      const past = Date.now() - 1_000;
      for (let i = 0; i < 5; i += 1) await store.issue(makeGrant({ expiresAt: past, retainUntil: past }));
      await store.issue(makeGrant());
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${table}"`);
      expect(rows[0].n).to.equal(1);
    });

    it("the sweep timer deletes ended attempt windows and old grants; close() stops it", async () => {
      const table = freshTable();
      await new PostgresTokenStore({ pool, table, sweepIntervalMs: 0 }).migrate();
      const count = async () => {
        const { rows } = await pool.query(
          `SELECT (SELECT count(*) FROM "${table}") + (SELECT count(*) FROM "${table}_attempts") AS n`,
        );
        return Number(rows[0].n);
      };
      const fill = async (store: PostgresTokenStore) => {
        await store.countAttempt("k", 1);
        await pool.query(`INSERT INTO "${table}" (kind, id, user_id, identifier_type, identifier_value, hash,
          created_at, expires_at, retain_until) VALUES ('link', 'old', 'u', 'email', 'e', 'h', 0, 0, 0)`);
        await pool.query(`INSERT INTO "${table}_attempts" VALUES ('old-limit', 1, 0)`);
      };

      const sweeping = new PostgresTokenStore({ pool, table, sweepIntervalMs: 40 });
      await fill(sweeping);
      expect(await count()).to.equal(3);
      await sleep(120);
      expect(await count()).to.equal(0);

      await sweeping.close();
      await fill(sweeping);
      await sleep(120);
      expect(await count()).to.equal(3);
    });

    it("close() leaves the app's pool open", async () => {
      await new PostgresTokenStore({ pool, table: freshTable() }).close();
      expect((await pool.query("SELECT 1 AS one")).rows[0].one).to.equal(1);
    });

    it("with a pool the app has ended, every method (and migrate) rejects promptly", async () => {
      const deadPool = new pg.Pool({ ...services.postgres, max: 2 });
      await deadPool.query("SELECT 1");
      await deadPool.end();
      const store = new PostgresTokenStore({ pool: deadPool, table: freshTable(), sweepIntervalMs: 0 });
      await expectEveryMethodToReject(store, { migrate: () => store.migrate() });
    });
  });
});

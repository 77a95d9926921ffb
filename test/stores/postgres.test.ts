// What the PostgreSQL store promises beyond the contract: a safe table name, an idempotent and
// concurrency-safe migration, rate limits that work on the first request, cleanup of old rows,
// values that never become SQL, the app's pool left open, and prompt failures on a dead pool.
// What both SQL stores promise alike is written once, in sql-store-options.ts and
// sql-store-housekeeping.ts; this file runs it and adds what is PostgreSQL's own.
import { expect } from "chai";
import pg from "pg";
import {
  PostgresTokenStore,
  postgresTokenStoreSchema,
  type PgPoolLike,
  type PostgresTokenStoreOptions,
} from "../../lib/postgres.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { makeGrant } from "../helpers/store-faults.js";
import { describeSqlStoreHousekeeping } from "./sql-store-housekeeping.js";
import { describeSqlStoreOptions } from "./sql-store-options.js";

describe("PostgresTokenStore", function () {
  describeSqlStoreOptions({
    qualifier: "schema",
    quote: '"',
    poolMethods: ["query", "connect"] satisfies Array<keyof PgPoolLike>,
    wrongPools: [{}],
    construct: (options) => new PostgresTokenStore(options as PostgresTokenStoreOptions),
    schema: postgresTokenStoreSchema,
  });

  it("keeps 0.2's rate limits in the attempts table: the schema has no limits table", () => {
    expect(postgresTokenStoreSchema("auth.reset_tokens")).not.to.contain("_limits");
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

    describeSqlStoreHousekeeping({
      freshTable,
      store: (options) => new PostgresTokenStore({ pool, ...options }),
      countRows: async (table) => {
        const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${table}"`);
        return rows[0].n;
      },
      insertEnded: async (table) => {
        await pool.query(`INSERT INTO "${table}" (kind, id, user_id, identifier_type, identifier_value, hash,
          created_at, expires_at, retain_until) VALUES ('link', 'old', 'u', 'email', 'e', 'h', 0, 0, 0)`);
        await pool.query(`INSERT INTO "${table}_attempts" VALUES ('old-limit', 1, 0)`);
      },
      selectOne: async () => (await pool.query("SELECT 1 AS one")).rows[0].one,
      storeOnEndedPool: async (table) => {
        const endedPool = new pg.Pool({ ...services.postgres, max: 2 });
        await endedPool.query("SELECT 1");
        await endedPool.end();
        return new PostgresTokenStore({ pool: endedPool, table, sweepIntervalMs: 0 });
      },
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
  });
});

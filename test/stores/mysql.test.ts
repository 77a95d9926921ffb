// What the MySQL store promises beyond the contract: a safe table name, schema SQL both MySQL 8
// and MariaDB accept, an idempotent and concurrency-safe migration, values that never become SQL
// and are matched byte for byte, cleanup of old rows, the app's pool left open, and prompt
// failures on a dead pool. Runs on the MariaDB of the test services. What both SQL stores promise
// alike is written once, in sql-store-options.ts and sql-store-housekeeping.ts; this file runs it
// and adds what is MySQL's own.
import { expect } from "chai";
import mysqlCallback from "mysql2";
import mysql from "mysql2/promise";
import {
  MySqlTokenStore,
  mysqlTokenStoreSchema,
  type MySqlPoolLike,
  type MySqlTokenStoreOptions,
} from "../../lib/mysql.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { makeGrant } from "../helpers/store-faults.js";
import { describeSqlStoreHousekeeping } from "./sql-store-housekeeping.js";
import { describeSqlStoreOptions } from "./sql-store-options.js";

const address = () => {
  const { host, port, user, password, database } = services.mariadb;
  return { host, port, user, password, database };
};

describe("MySqlTokenStore", function () {
  describeSqlStoreOptions({
    qualifier: "database",
    quote: "`",
    poolMethods: ["execute", "query", "getConnection"] satisfies Array<keyof MySqlPoolLike>,
    wrongPools: [{}, { execute() {} }],
    construct: (options) => new MySqlTokenStore(options as MySqlTokenStoreOptions),
    schema: mysqlTokenStoreSchema,
  });

  describe("transactions, on a scripted pool", () => {
    // A pool whose connections log every statement and fail the ones `failOn` picks.
    function scriptedPool(failOn: (sql: string, call: number) => Error | undefined) {
      const log: string[] = [];
      let calls = 0;
      const run = async (sql: string): Promise<[unknown, unknown]> => {
        calls += 1;
        log.push(sql.split(/\s+/).slice(0, 2).join(" "));
        const error = failOn(sql, calls);
        if (error) throw error;
        return [sql.startsWith("SELECT") ? [{ count: 1, window_ends_at: 5 }] : { affectedRows: 1 }, []];
      };
      const pool: MySqlPoolLike = {
        execute: run,
        query: run,
        getConnection: async () => ({
          execute: run,
          query: run,
          release: () => log.push("released"),
          destroy: () => log.push("destroyed"),
        }),
      };
      return { pool, log };
    }
    const deadlock = () => Object.assign(new Error("Deadlock found"), { errno: 1213 });

    it("runs a deadlock victim again from the start, and the call succeeds", async () => {
      let failed = false;
      const { pool, log } = scriptedPool((sql) => {
        if (sql !== "COMMIT" || failed) return undefined;
        failed = true;
        return deadlock();
      });
      const store = new MySqlTokenStore({ pool, sweepIntervalMs: 0 });
      await store.issue(makeGrant());
      expect(log.filter((line) => line === "START TRANSACTION")).to.have.length(2);
      expect(log.filter((line) => line === "ROLLBACK")).to.have.length(1);
      expect(log.filter((line) => line === "released")).to.have.length(2);
      expect(log.at(-2)).to.equal("COMMIT");
    });

    it("gives up after three deadlocks, rejecting with the server's error", async () => {
      const { pool, log } = scriptedPool((sql) => (sql.startsWith("INSERT") ? deadlock() : undefined));
      const store = new MySqlTokenStore({ pool, sweepIntervalMs: 0 });
      const error = await store.countAttempt("k", 1000).catch((e: unknown) => e);
      expect(error).to.have.property("errno", 1213);
      expect(log.filter((line) => line === "START TRANSACTION")).to.have.length(3);
    });

    it("destroys a connection whose ROLLBACK failed instead of handing it back mid-transaction", async () => {
      const { pool, log } = scriptedPool((sql) =>
        sql.startsWith("DELETE") || sql === "ROLLBACK" ? new Error("Connection lost") : undefined,
      );
      const store = new MySqlTokenStore({ pool, sweepIntervalMs: 0 });
      const error = await store.issue(makeGrant()).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error).with.property("message", "Connection lost");
      expect(log).to.include("destroyed");
      expect(log).not.to.include("released");
    });
  });

  describe("schema SQL", () => {
    const sql = mysqlTokenStoreSchema("reset_tokens");

    it("is two idempotent CREATE TABLE statements, InnoDB and utf8mb4 with a byte-exact collation", () => {
      const statements = sql.split(";\n").filter((s) => s.trim() !== "");
      expect(statements).to.have.length(2);
      for (const statement of statements) {
        expect(statement.trimStart()).to.match(/^CREATE TABLE IF NOT EXISTS /);
        expect(statement).to.match(/ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin$/);
      }
    });

    it("uses nothing only one of MySQL 8 and MariaDB accepts", () => {
      // RETURNING and CREATE INDEX IF NOT EXISTS are MariaDB's; ON CONFLICT is neither's.
      expect(sql).not.to.match(/RETURNING|ON CONFLICT|CREATE INDEX|ADD COLUMN IF NOT EXISTS|\butf8\b|"/i);
    });

    it("looks grants, users and attempt keys up by a fixed-size SHA-256 digest", () => {
      expect(sql).to.contain("PRIMARY KEY (user_key)");
      expect(sql).to.contain("UNIQUE KEY grant_key (grant_key)");
      expect(sql).to.contain("PRIMARY KEY (key_hash)");
      expect(sql.match(/BINARY\(32\) NOT NULL/g)).to.have.length(3);
    });
  });

  describe("against MariaDB", () => {
    let pool: mysql.Pool;
    const tables: string[] = [];
    const database = uniqueName("pwreset_db");

    // A fresh table name, dropped (with its companion) after the suite.
    const freshTable = () => {
      const table = uniqueName("pwreset_t");
      tables.push(table);
      return table;
    };
    const countRows = async (table: string): Promise<number> => {
      const [rows] = await pool.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${table}\``);
      return Number(rows[0]?.n);
    };

    before(async function () {
      await requireService(this, "mariadb");
      pool = mysql.createPool({ ...address(), connectionLimit: 10 });
    });

    after(async () => {
      if (!pool) return;
      for (const t of tables) await pool.query(`DROP TABLE IF EXISTS \`${t}\`, \`${t}_attempts\``);
      await pool.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await pool.end();
    });

    describeSqlStoreHousekeeping({
      freshTable,
      store: (options) => new MySqlTokenStore({ pool, ...options }),
      countRows,
      insertEnded: async (table) => {
        await pool.execute(
          `INSERT INTO \`${table}\` (user_key, grant_key, kind, id, user_id, identifier_type, identifier_value,
             hash, created_at, expires_at, retain_until) VALUES (UNHEX(SHA2('u', 256)), UNHEX(SHA2('old', 256)),
             'link', 'old', 'u', 'email', 'e', 'h', 0, 0, 0)`,
        );
        await pool.execute(`INSERT INTO \`${table}_attempts\` VALUES (UNHEX(SHA2('old-limit', 256)), 1, 0)`);
      },
      selectOne: async () => (await pool.query<mysql.RowDataPacket[]>("SELECT 1 AS one"))[0][0]?.one,
      storeOnEndedPool: async (table) => {
        const endedPool = mysql.createPool({ ...address(), connectionLimit: 2 });
        await endedPool.query("SELECT 1");
        await endedPool.end();
        return new MySqlTokenStore({ pool: endedPool, table, sweepIntervalMs: 0 });
      },
    });

    it("migrate() is idempotent and safe when several instances run it at once", async () => {
      const table = freshTable();
      const stores = Array.from(
        { length: 4 },
        () => new MySqlTokenStore({ pool, table, sweepIntervalMs: 0 }),
      );
      await Promise.all(stores.map((store) => store.migrate()));
      await stores[0]!.migrate();
      const [rows] = await pool.query<mysql.RowDataPacket[]>(
        `SELECT table_name AS name, engine, table_collation AS collation FROM information_schema.tables
         WHERE table_schema = DATABASE() AND table_name IN (?, ?) ORDER BY table_name`,
        [table, `${table}_attempts`],
      );
      expect(rows.map((row) => ({ ...row }))).to.deep.equal([
        { name: table, engine: "InnoDB", collation: "utf8mb4_bin" },
        { name: `${table}_attempts`, engine: "InnoDB", collation: "utf8mb4_bin" },
      ]);
      const grant = makeGrant();
      await stores[1]!.issue(grant);
      expect(await stores[2]!.find(grant.kind, grant.id)).to.deep.equal(grant);
    });

    it("the schema SQL, run as an app's migration tool would, makes tables the store works on", async () => {
      const table = freshTable();
      const connection = await mysql.createConnection({ ...address(), multipleStatements: true });
      try {
        await connection.query(mysqlTokenStoreSchema(table));
        await connection.query(mysqlTokenStoreSchema(table));
      } finally {
        await connection.end();
      }
      const store = new MySqlTokenStore({ pool, table, sweepIntervalMs: 0 });
      const grant = makeGrant();
      await store.issue(grant);
      expect(await store.claim(grant.kind, grant.id, grant.hash, 10_000)).to.equal(true);
      expect((await store.countAttempt("k", 60_000)).count).to.equal(1);
    });

    it("works in a database-qualified table", async () => {
      await pool.query(`CREATE DATABASE IF NOT EXISTS \`${database}\``);
      const store = new MySqlTokenStore({ pool, table: `${database}.tokens`, sweepIntervalMs: 0 });
      await store.migrate();
      const grant = makeGrant();
      await store.issue(grant);
      expect(await store.find(grant.kind, grant.id)).to.deep.equal(grant);
      expect((await store.countAttempt("k", 60_000)).count).to.equal(1);
      expect(await countRows(`${database}\`.\`tokens_attempts`)).to.equal(1);
    });

    it("takes the callback API's pool too (through its .promise())", async () => {
      const callbackPool = mysqlCallback.createPool({ ...address(), connectionLimit: 2 });
      try {
        const store = new MySqlTokenStore({ pool: callbackPool, table: freshTable(), sweepIntervalMs: 0 });
        await store.migrate();
        const grant = makeGrant();
        await store.issue(grant);
        expect(await store.find(grant.kind, grant.id)).to.deep.equal(grant);
      } finally {
        await callbackPool.promise().end();
      }
    });

    it("stores hostile strings as data, never as SQL, and gives them back byte for byte", async () => {
      const table = freshTable();
      const store = new MySqlTokenStore({ pool, table, sweepIntervalMs: 0 });
      await store.migrate();
      for (const evil of [
        `x'); DROP TABLE \`${table}\`; --`,
        `x\\'; DROP TABLE \`${table}\`; -- "`,
        "x\u0000y",
        "🙂 ünïcödé ‮ 𝕏",
      ]) {
        const grant = makeGrant({
          id: evil,
          userId: evil,
          identifier: { type: "username", value: evil },
          redirectUrl: `https://app.example.com/${evil}`,
          binding: evil,
        });
        await store.issue(grant);
        expect(await store.find("link", evil)).to.deep.equal(grant);
        expect(await store.claim("link", evil, grant.hash, 10_000)).to.equal(true);
        expect((await store.countAttempt(evil, 60_000)).count).to.equal(1);
        await store.revokeUser(evil);
        expect(await store.find("link", evil)).to.equal(null);
      }
      expect(await countRows(table)).to.equal(0);
    });

    it("tells apart ids, users and keys that a utf8mb4 collation would take for one (case, trailing space, accents)", async () => {
      const store = new MySqlTokenStore({ pool, table: freshTable(), sweepIntervalMs: 0 });
      await store.migrate();
      const variants = ["Selector", "selector", "selector ", "sélector"];
      const grants = variants.map((id) => makeGrant({ id, userId: `user-${id}` }));
      for (const grant of grants) await store.issue(grant);
      for (const grant of grants) expect(await store.find("link", grant.id)).to.deep.equal(grant);
      // One user id differing only by case must not supersede another's grant.
      const upper = makeGrant({ userId: "ALICE" });
      const lower = makeGrant({ userId: "alice" });
      await store.issue(upper);
      await store.issue(lower);
      expect(await store.find(upper.kind, upper.id)).to.deep.equal(upper);
      // A hash that differs only by case or a trailing space does not claim.
      const grant = grants[0]!;
      expect(await store.claim("link", grant.id, grant.hash.toUpperCase(), 10_000)).to.equal(false);
      expect(await store.claim("link", grant.id, `${grant.hash} `, 10_000)).to.equal(false);
      for (const key of variants) expect((await store.countAttempt(key, 60_000)).count).to.equal(1);
    });
  });
});

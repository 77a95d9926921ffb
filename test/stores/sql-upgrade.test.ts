// migrate() upgrades a grants table made by an earlier version (0.2, or 1.0 before "link+code"):
// it adds the columns a grant's code lives in, keeps the rows already there, runs again and
// concurrently without failing, and the store then keeps a grant with a code, found both ways.
import { expect } from "chai";
import mysql from "mysql2/promise";
import pg from "pg";
import { MySqlTokenStore } from "../../lib/mysql.js";
import { PostgresTokenStore } from "../../lib/postgres.js";
import type { Grant, TokenStore } from "../../lib/types.js";
import { requireService, services, uniqueName } from "../helpers/services.js";

const now = Date.now();
const old: Grant = {
  kind: "link",
  id: "old-selector",
  userId: "t:old-user",
  identifier: { type: "email", value: "old@example.com" },
  hash: "a".repeat(64),
  createdAt: now,
  expiresAt: now + 3_600_000,
  retainUntil: now + 7_200_000,
};
const twoWays: Grant = {
  ...old,
  id: "new-selector",
  userId: "t:new-user",
  identifier: { type: "email", value: "new@example.com" },
  code: { id: "t:email:new@example.com", hash: "c".repeat(64) },
};

/** What both stores must show after migrating an old table. */
async function expectUpgraded(store: TokenStore & { migrate(): Promise<void> }): Promise<void> {
  const before = await store.find("link", old.id).then(
    () => "",
    (error: Error) => error.message,
  );
  expect(before, "before migrate(), the error names it").to.match(
    /earlier version: call `await store\.migrate\(\)`/,
  );
  await Promise.all([store.migrate(), store.migrate()]);
  await store.migrate();
  expect(await store.find("link", old.id)).to.deep.equal(old, "the old row is kept and read as before");
  await store.issue(twoWays);
  expect(await store.find("link", twoWays.id)).to.deep.equal(twoWays);
  expect(await store.find("code", twoWays.code!.id)).to.deep.equal(twoWays);
  expect(await store.claim("link", twoWays.id, twoWays.hash, 60_000)).to.equal(true);
  await store.remove("link", twoWays.id);
  expect(await store.find("code", twoWays.code!.id)).to.equal(null);
}

describe("PostgresTokenStore.migrate() upgrades a table of an earlier version", function () {
  const table = uniqueName("pwreset_upgrade");
  let pool: pg.Pool | undefined;

  before(async function () {
    await requireService(this, "postgres");
    pool = new pg.Pool({ ...services.postgres, max: 4 });
  });

  after(async () => {
    await pool?.query(`DROP TABLE IF EXISTS "${table}", "${table}_attempts"`);
    await pool?.end();
  });

  it("adds code_id and code_hash, keeps the rows, and then keeps a grant with a code", async () => {
    // The 0.2 shape: no binding, no code columns.
    await pool!.query(`CREATE TABLE "${table}" (
      kind text NOT NULL, id text NOT NULL, user_id text NOT NULL, identifier_type text NOT NULL,
      identifier_value text NOT NULL, hash text NOT NULL, redirect_url text, created_at bigint NOT NULL,
      expires_at bigint NOT NULL, retain_until bigint NOT NULL, claimed_until bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (kind, id))`);
    await pool!.query(
      `INSERT INTO "${table}" (kind, id, user_id, identifier_type, identifier_value, hash, created_at, expires_at, retain_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        old.kind,
        old.id,
        old.userId,
        old.identifier.type,
        old.identifier.value,
        old.hash,
        old.createdAt,
        old.expiresAt,
        old.retainUntil,
      ],
    );
    const store = new PostgresTokenStore({ pool: pool!, table, sweepIntervalMs: 0 });
    await expectUpgraded(store);
    const { rows } = await pool!.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name LIKE 'code%'",
      [table],
    );
    expect(rows.map((row: { column_name: string }) => row.column_name).sort()).to.deep.equal([
      "code_hash",
      "code_id",
    ]);
  });
});

describe("MySqlTokenStore.migrate() upgrades a table of an earlier version (MariaDB)", function () {
  const table = uniqueName("pwreset_upgrade");
  let pool: mysql.Pool | undefined;

  before(async function () {
    await requireService(this, "mariadb");
    const { host, port, user, password, database } = services.mariadb;
    pool = mysql.createPool({ host, port, user, password, database, connectionLimit: 4 });
  });

  after(async () => {
    await pool?.query(`DROP TABLE IF EXISTS \`${table}\`, \`${table}_attempts\``);
    await pool?.end();
  });

  it("adds code_key, code_id and code_hash, keeps the rows, and then keeps a grant with a code", async () => {
    // The shape before "link+code".
    await pool!.query(`CREATE TABLE \`${table}\` (
      user_key BINARY(32) NOT NULL, grant_key BINARY(32) NOT NULL, kind VARCHAR(16) NOT NULL,
      id TEXT NOT NULL, user_id TEXT NOT NULL, identifier_type VARCHAR(32) NOT NULL,
      identifier_value TEXT NOT NULL, hash VARBINARY(255) NOT NULL, redirect_url TEXT NULL,
      binding TEXT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
      retain_until BIGINT NOT NULL, claimed_until BIGINT NOT NULL DEFAULT 0,
      PRIMARY KEY (user_key), UNIQUE KEY grant_key (grant_key), KEY retain_until (retain_until)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
    await pool!.execute(
      `INSERT INTO \`${table}\` (user_key, grant_key, kind, id, user_id, identifier_type, identifier_value, hash,
         created_at, expires_at, retain_until) VALUES (UNHEX(SHA2(?, 256)), UNHEX(SHA2(?, 256)), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        old.userId,
        `${old.kind}\u0000${old.id}`,
        old.kind,
        old.id,
        old.userId,
        old.identifier.type,
        old.identifier.value,
        Buffer.from(old.hash),
        old.createdAt,
        old.expiresAt,
        old.retainUntil,
      ],
    );
    const store = new MySqlTokenStore({ pool: pool!, table, sweepIntervalMs: 0 });
    await expectUpgraded(store);
    const [rows] = await pool!.query(
      `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${table}' AND COLUMN_NAME LIKE 'code%'`,
    );
    expect((rows as Array<{ name: string }>).map((row) => row.name).sort()).to.deep.equal([
      "code_hash",
      "code_id",
      "code_key",
    ]);
  });
});

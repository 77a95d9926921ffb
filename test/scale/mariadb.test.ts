// MariaDB (.ci/services.sh: 127.0.0.1:3306, root, database `test`) through a `mysql2/promise`
// pool, the client a MySQL store takes: text and prepared statements, a transaction, and the
// one-statement conditional UPDATE that single use would rest on without `RETURNING`.
import { expect } from "chai";
import mysql from "mysql2/promise";
import type { RowDataPacket, ResultSetHeader } from "mysql2/promise";
import { requireService, services, uniqueName } from "../helpers/services.js";

describe("MariaDB through mysql2/promise (CI infrastructure)", () => {
  let pool: mysql.Pool;
  const table = uniqueName("ci_probe");

  before(async function () {
    await requireService(this, "mariadb");
    const { host, port, user, password, database } = services.mariadb;
    pool = mysql.createPool({ host, port, user, password, database, connectionLimit: 5 });
    await pool.query(`CREATE TABLE ${table} (id VARCHAR(64) PRIMARY KEY, claimed_until BIGINT NOT NULL)`);
  });

  after(async () => {
    if (!pool) return;
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.end();
  });

  it("answers, and is MariaDB", async () => {
    const [rows] = await pool.query<RowDataPacket[]>("SELECT VERSION() AS version");
    expect(rows[0]!.version).to.match(/MariaDB/);
  });

  it("lets exactly one of many concurrent conditional UPDATEs claim a row (prepared statements)", async () => {
    await pool.execute(`INSERT INTO ${table} (id, claimed_until) VALUES (?, 0)`, ["grant-1"]);
    const claims = await Promise.all(
      Array.from({ length: 20 }, () =>
        pool.execute<ResultSetHeader>(
          `UPDATE ${table} SET claimed_until = ? WHERE id = ? AND claimed_until < ?`,
          [Date.now() + 60_000, "grant-1", Date.now()],
        ),
      ),
    );
    expect(claims.filter(([result]) => result.affectedRows === 1)).to.have.length(1);
  });

  it("rolls a transaction back", async () => {
    const connection = await pool.getConnection();
    try {
      await connection.beginTransaction();
      await connection.execute(`INSERT INTO ${table} (id, claimed_until) VALUES (?, 0)`, ["grant-2"]);
      await connection.rollback();
    } finally {
      connection.release();
    }
    const [rows] = await pool.execute<RowDataPacket[]>(`SELECT id FROM ${table} WHERE id = ?`, ["grant-2"]);
    expect(rows).to.have.length(0);
  });
});

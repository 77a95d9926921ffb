// The MySQL store against the contract, on the MariaDB of the test services, in tables of its own
// that are dropped afterwards.
import mysql from "mysql2/promise";
import { MySqlTokenStore } from "../../lib/mysql.js";
import { describeTokenStoreContract } from "../../lib/testing/contract.js";
import { requireService, services, uniqueName } from "../helpers/services.js";

describe("MySqlTokenStore contract (MariaDB)", function () {
  const table = uniqueName("pwreset_contract");
  let pool: mysql.Pool | undefined;

  before(async function () {
    await requireService(this, "mariadb");
    const { host, port, user, password, database } = services.mariadb;
    pool = mysql.createPool({ host, port, user, password, database, connectionLimit: 20 });
    await new MySqlTokenStore({ pool, table, sweepIntervalMs: 0 }).migrate();
  });

  after(async () => {
    await pool?.query(`DROP TABLE IF EXISTS \`${table}\`, \`${table}_attempts\``);
    await pool?.end();
  });

  // Tests use random ids and keys, so they share the table without seeing each other's rows.
  describeTokenStoreContract("MySqlTokenStore", () => ({
    store: new MySqlTokenStore({ pool: pool!, table }),
  }));
});

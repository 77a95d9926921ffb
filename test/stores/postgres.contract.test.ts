// The PostgreSQL store against the contract, in a table of its own that is dropped afterwards.
import pg from "pg";
import { PostgresTokenStore } from "../../lib/postgres.js";
import { describeTokenStoreContract } from "../../lib/testing/contract.js";
import { requireService, services, uniqueName } from "../helpers/services.js";

describe("PostgresTokenStore contract", function () {
  const table = uniqueName("pwreset_contract");
  let pool: pg.Pool | undefined;

  before(async function () {
    await requireService(this, "postgres");
    pool = new pg.Pool({ ...services.postgres, max: 20 });
    await new PostgresTokenStore({ pool, table, sweepIntervalMs: 0 }).migrate();
  });

  after(async () => {
    await pool?.query(`DROP TABLE IF EXISTS "${table}", "${table}_attempts", "${table}_limits"`);
    await pool?.end();
  });

  // Tests use random ids and keys, so they share the table without seeing each other's rows.
  describeTokenStoreContract("PostgresTokenStore", () => ({
    store: new PostgresTokenStore({ pool: pool!, table }),
  }));
});

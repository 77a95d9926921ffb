// The PostgreSQL store behind PgBouncer in transaction pooling mode (.ci/services.sh), where two
// statements of one client may run on different server connections and other clients' statements
// run on the connection one just used: the store must leave no session state behind (no named
// prepared statements, no session advisory locks, no SET). Twice in one run, because session
// state left on PgBouncer's server connections by a first run is what broke the next.
import pg from "pg";
import { PostgresTokenStore } from "../../lib/postgres.js";
import { describeTokenStoreContract } from "../../lib/testing/contract.js";
import { requireService, services, uniqueName } from "../helpers/services.js";

for (const round of ["first", "second"]) {
  describe(`PostgresTokenStore contract behind PgBouncer (${round} run)`, function () {
    const table = uniqueName("pwreset_bouncer");
    let pool: pg.Pool | undefined;

    before(async function () {
      await requireService(this, "pgbouncer");
      // More client connections than PgBouncer has server connections, as in production.
      pool = new pg.Pool({ ...services.pgbouncer, max: 20 });
      // Several instances migrating at once, each through the pooler.
      await Promise.all(
        [1, 2, 3].map(() => new PostgresTokenStore({ pool: pool!, table, sweepIntervalMs: 0 }).migrate()),
      );
    });

    after(async () => {
      await pool?.query(`DROP TABLE IF EXISTS "${table}", "${table}_attempts"`);
      await pool?.end();
    });

    describeTokenStoreContract(`PostgresTokenStore through PgBouncer (${round} run)`, () => ({
      store: new PostgresTokenStore({ pool: pool!, table, sweepIntervalMs: 0 }),
    }));
  });
}

// PgBouncer in transaction pooling mode (.ci/services.sh: pool size 2 in front of the local
// PostgreSQL), reached through a `pg` Pool as an app behind PgBouncer reaches it. Unnamed
// parameterised statements work from any number of clients; a NAMED prepared statement does not,
// because the next transaction of the same client may run on another server connection, and
// another client's may run on the one that already has it. That is why the PostgreSQL store must
// keep no session state between statements.
import { expect } from "chai";
import pg from "pg";
import { requireService, services, uniqueName } from "../helpers/services.js";

describe("PgBouncer, transaction pooling (CI infrastructure)", () => {
  before(async function () {
    await requireService(this, "pgbouncer");
  });

  it("runs unnamed parameterised queries from many concurrent clients on a few server connections", async () => {
    const pool = new pg.Pool({ ...services.pgbouncer, max: 20 });
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          pool.query<{ n: number; pid: number }>("SELECT $1::int + 1 AS n, pg_backend_pid() AS pid", [i]),
        ),
      );
      expect(results.map((r) => r.rows[0]!.n)).to.deep.equal(Array.from({ length: 200 }, (_, i) => i + 1));
      // More client connections than server connections: statements of different clients
      // really did share server connections, the condition the store has to survive.
      const serverConnections = new Set(results.map((r) => r.rows[0]!.pid)).size;
      expect(pool.totalCount).to.be.greaterThan(serverConnections);
    } finally {
      await pool.end();
    }
  });

  it("breaks a named prepared statement: another client meets it, or its client loses it", async () => {
    const name = uniqueName("stmt");
    const clients = [new pg.Client(services.pgbouncer), new pg.Client(services.pgbouncer)];
    const failures: string[] = [];
    try {
      for (const client of clients) await client.connect();
      // Each client prepares once (pg then only binds the name), in turns, on the two server
      // connections the pool has: within a few turns a Parse lands where the name exists, or a
      // Bind where it does not.
      for (let turn = 0; turn < 10; turn++) {
        for (const client of clients) {
          try {
            const result = await client.query({ name, text: "SELECT $1::int AS n", values: [turn] });
            expect(result.rows[0].n).to.equal(turn);
          } catch (error) {
            failures.push(error instanceof Error ? error.message : String(error));
          }
        }
      }
    } finally {
      for (const client of clients) await client.end().catch(() => {});
    }
    expect(failures, "named statements worked through transaction pooling").to.not.be.empty;
    for (const message of failures) {
      expect(message).to.match(new RegExp(`prepared statement "${name}" (already exists|does not exist)`));
    }
  });
});

// What both SQL stores promise about their own tables on a live database, beyond the contract:
// rate limits that work on the first request after migrate(), long keys and ids that fit, rows
// past their time cleaned up (along the way and by the sweep timer), the app's pool left open, and
// prompt failures once the app has ended its pool.
import { expect } from "chai";
import type { TokenStore } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS } from "../helpers/app.js";
import { post } from "../helpers/client.js";
import { expectEveryMethodToReject, makeGrant, sleep } from "../helpers/store-faults.js";

/** A SQL store: the contract plus its own housekeeping. */
export type SqlStore = TokenStore & {
  migrate(): Promise<void>;
  sweep(): Promise<void>;
  close(): Promise<void>;
};

/** One SQL store on the suite's live database; the dialect's test file opens and ends the pool. */
export interface SqlStoreOnDatabase {
  /** A new table name, dropped (with its companions) after the suite. */
  freshTable(): string;
  /** A store on the suite's pool. */
  store(options: { table: string; sweepIntervalMs?: number }): SqlStore;
  /** The rows in `table`, counted through the app's pool. */
  countRows(table: string): Promise<number>;
  /** Writes a grant past its retention into `table` and an ended window into its attempts table. */
  insertEnded(table: string): Promise<void>;
  /** `SELECT 1` through the app's pool. */
  selectOne(): Promise<unknown>;
  /** A store on a pool the app has used and ended. */
  storeOnEndedPool(table: string): Promise<SqlStore>;
}

/** The housekeeping tests of one SQL store, inside the suite that holds its database. */
export function describeSqlStoreHousekeeping(db: SqlStoreOnDatabase): void {
  it("a table never migrated: the first request's logged error names migrate(), and so does every method's", async () => {
    const store = db.store({ table: db.freshTable(), sweepIntervalMs: 0 });
    // A router with its default limits: the first thing a request asks the store is a rate limit.
    const t = createTestApp(EXPRESS_VERSIONS[1], { tokenStore: store, rateLimit: {} });
    expect((await post(t.app, "forgot", { email: "alice@example.com" })).status).to.equal(500);
    const errors = t.logs.filter((line) => line.startsWith("error:"));
    expect(errors.length, t.logs.join("\n")).to.be.greaterThan(0);
    expect(errors[0]).to.include("migrate()");
    const failure = t.events.find((e) => e.type === "adapter.failed");
    expect(failure?.error?.message).to.include("migrate()");
    for (const call of [
      () => store.issue(makeGrant()),
      () => store.find("link", "x"),
      () => store.claim("link", "x", "h", 1_000),
      () => store.revokeUser("u"),
    ]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.include("migrate()");
    }
    await t.router.close();
  });

  it("counts right after migrate() on a new table, and a 254-character email's limit key and code id fit", async () => {
    const store = db.store({ table: db.freshTable(), sweepIntervalMs: 0 });
    await store.migrate();
    const email = `${"a".repeat(242)}@example.com`;
    const key = `limit:forgotPerIdentifier:email:${email}`;
    expect((await store.countAttempt(key, 60_000)).count).to.equal(1);
    const second = await store.countAttempt(key, 60_000);
    expect(second.count).to.equal(2);
    expect(second.resetAt).to.be.greaterThan(Date.now());
    const code = makeGrant({
      kind: "code",
      id: `email:${email}`,
      identifier: { type: "email", value: email },
    });
    await store.issue(code);
    expect(await store.find("code", code.id)).to.deep.equal(code);
  });

  it("issue() deletes rows past retainUntil along the way", async () => {
    const table = db.freshTable();
    const store = db.store({ table, sweepIntervalMs: 0 });
    await store.migrate();
    const past = Date.now() - 1_000;
    for (let i = 0; i < 5; i += 1) await store.issue(makeGrant({ expiresAt: past, retainUntil: past }));
    await store.issue(makeGrant());
    expect(await db.countRows(table)).to.equal(1);
  });

  it("the sweep timer deletes ended attempt windows and old grants; close() stops it", async () => {
    const table = db.freshTable();
    await db.store({ table, sweepIntervalMs: 0 }).migrate();
    const count = async () => (await db.countRows(table)) + (await db.countRows(`${table}_attempts`));
    const fill = async (store: SqlStore) => {
      await store.countAttempt("k", 1);
      await db.insertEnded(table);
    };

    // Filled through a store without a timer, so a sweep cannot run between the writes and the first
    // count however slow the machine is; then the sweeping store must empty the table on its own.
    await fill(db.store({ table, sweepIntervalMs: 0 }));
    expect(await count()).to.equal(3);
    const sweeping = db.store({ table, sweepIntervalMs: 40 });
    const deadline = Date.now() + 5_000;
    while ((await count()) !== 0 && Date.now() < deadline) await sleep(40);
    expect(await count()).to.equal(0);

    await sweeping.close();
    await fill(sweeping);
    await sleep(150);
    expect(await count()).to.equal(3);
  });

  it("close() leaves the app's pool open", async () => {
    await db.store({ table: db.freshTable() }).close();
    expect(Number(await db.selectOne())).to.equal(1);
  });

  it("with a pool the app has ended, every method (and migrate) rejects promptly", async () => {
    const store = await db.storeOnEndedPool(db.freshTable());
    await expectEveryMethodToReject(store, { migrate: () => store.migrate(), sweep: () => store.sweep() });
  });
}

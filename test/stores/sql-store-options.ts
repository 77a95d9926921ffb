// What both SQL stores promise about their options, checked at construction before the pool is
// ever touched: a table name that can only be an identifier (and is quoted in the schema SQL), a
// pool of the right kind, a `now` function and a sweep interval, each refusal naming the option.
import { expect } from "chai";

/** One SQL store, as the shared option tests construct it. */
export interface SqlStoreOptionsUnderTest {
  /** What may qualify a table name: a PostgreSQL schema or a MySQL database. */
  qualifier: "schema" | "database";
  /** The dialect's identifier quote. */
  quote: string;
  /** The methods of the dialect's pool: the tests give the store a pool whose every one throws. */
  poolMethods: string[];
  /** Pools the store must refuse besides a missing one. */
  wrongPools: unknown[];
  /** `new Store(options)`. */
  construct(options: unknown): unknown;
  /** The store's schema function. */
  schema(table?: string): string;
}

/** The option tests of one SQL store. */
export function describeSqlStoreOptions(store: SqlStoreOptionsUnderTest): void {
  // A pool that fails the test if the constructor touches it: validation must be synchronous.
  const pool = Object.fromEntries(
    store.poolMethods.map((method) => [
      method,
      () => {
        throw new Error(`the constructor called pool.${method}()`);
      },
    ]),
  );
  const q = (identifier: string) => `${store.quote}${identifier}${store.quote}`;

  describe("table name", () => {
    for (const table of [
      "tokens; drop table x",
      `tokens${store.quote}`,
      "tokens--",
      "a.b.c",
      ".tokens",
      "1tokens",
      "",
      "t".repeat(41),
      "tökens",
    ]) {
      it(`refuses ${JSON.stringify(table)} at construction, naming \`table\``, () => {
        expect(() => store.construct({ pool, table, sweepIntervalMs: 0 })).to.throw(
          TypeError,
          /`table` must be a SQL identifier/,
        );
        expect(() => store.schema(table)).to.throw(TypeError, /`table`/);
      });
    }

    it(`accepts plain and ${store.qualifier}-qualified identifiers and quotes every part in the SQL`, () => {
      for (const table of ["password_reset_tokens", "Auth.Reset_Tokens2", "_t"]) {
        expect(() => store.construct({ pool, table, sweepIntervalMs: 0 })).not.to.throw();
      }
      const sql = store.schema("auth.reset_tokens");
      expect(sql).to.contain(`CREATE TABLE IF NOT EXISTS ${q("auth")}.${q("reset_tokens")} (`);
      expect(sql).to.contain(`CREATE TABLE IF NOT EXISTS ${q("auth")}.${q("reset_tokens_attempts")} (`);
      expect(store.schema()).to.contain(q("password_reset_tokens"));
    });

    it("refuses a missing or wrong pool, naming `pool`", () => {
      for (const wrong of store.wrongPools) {
        expect(() => store.construct({ pool: wrong })).to.throw(TypeError, /`pool`/);
      }
      expect(() => store.construct(undefined)).to.throw(TypeError, /`pool`/);
    });

    it("refuses a bad `now` or `sweepIntervalMs`, naming it", () => {
      expect(() => store.construct({ pool, now: 5 })).to.throw(TypeError, /`now`/);
      for (const sweepIntervalMs of [-1, Number.NaN, Infinity]) {
        expect(() => store.construct({ pool, sweepIntervalMs })).to.throw(TypeError, /`sweepIntervalMs`/);
      }
    });
  });
}

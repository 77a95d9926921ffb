// PostgresTokenStore and the longest valid email address (254 characters, the most RFC 5321
// allows): through the router, with the default limits living in PostgreSQL, forgot answers 200
// and the link arrives. (0.1 answered 500: the address's rate-limit key outgrew a varchar(255).)
import { expect } from "chai";
import pg from "pg";
import { PostgresTokenStore } from "../../lib/postgres.js";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { post, requestLink } from "../helpers/client.js";
import { testClock } from "../helpers/clock.js";
import { GOOD_PASSWORD } from "../helpers/fixtures.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { DEFAULT_USERS, FakeUsers } from "../helpers/users.js";

// 64-character local part (the most allowed) + "@" + a 189-character domain of ≤ 63-character labels.
const LONG_EMAIL = `${"l".repeat(64)}@${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(57)}.com`;

describe("PostgresTokenStore: the longest valid email address (254 characters) gets its link", function () {
  let pool: pg.Pool;
  const tables: string[] = [];

  before(async function () {
    await requireService(this, "postgres");
    pool = new pg.Pool({ ...services.postgres, max: 4 });
  });

  after(async () => {
    if (!pool) return;
    for (const t of tables) await pool.query(`DROP TABLE IF EXISTS "${t}", "${t}_attempts", "${t}_limits"`);
    await pool.end();
  });

  it("is a valid address of 254 characters", () => {
    expect(LONG_EMAIL).to.have.length(254);
  });

  for (const version of EXPRESS_VERSIONS) {
    it(`forgot answers 200, the link arrives and resets (${version.name})`, async () => {
      const table = uniqueName("pwreset_long");
      tables.push(table);
      const clock = testClock();
      const store = new PostgresTokenStore({ pool, table, sweepIntervalMs: 0, now: clock.fn });
      await store.migrate();
      const users = new FakeUsers([...DEFAULT_USERS, { id: "u9", email: LONG_EMAIL, passwordHash: "old" }]);
      const t = createTestApp(version, { users, tokenStore: store, now: clock.fn, rateLimit: undefined });
      const token = await requestLink(t, LONG_EMAIL);
      expect(t.mailer.last?.to).to.equal(LONG_EMAIL);
      expect(t.events.filter((e) => e.type === "adapter.failed")).to.deep.equal([]);
      const res = await post(t.app, "reset", {
        token,
        password: GOOD_PASSWORD,
        passwordConfirm: GOOD_PASSWORD,
      });
      expect(res.status, res.text).to.equal(200);
      expect(t.users.updates.map((u) => u.userId)).to.deep.equal(["u9"]);
      await t.router.close();
      await store.close();
    });
  }
});

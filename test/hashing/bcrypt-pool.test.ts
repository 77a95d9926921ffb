// The default hasher: bcrypt in a piscina worker pool (its effect on the event loop is measured by
// `npm run bench`).
import { expect } from "chai";
import { compare } from "bcryptjs";
import { createBcryptPool } from "../../lib/hashing/bcrypt-pool.js";

describe("bcrypt worker pool", () => {
  it("produces bcrypt hashes at the given cost that verify against the password", async () => {
    const pool = createBcryptPool({ rounds: 4, threads: 2 });
    const hashes = await Promise.all(
      ["first password", "second password", "pässwörd 🔑"].map((p) => pool.hash(p)),
    );
    for (const hash of hashes) expect(hash).to.match(/^\$2b\$04\$/);
    expect(await compare("pässwörd 🔑", hashes[2]!)).to.equal(true);
    expect(await compare("first password", hashes[1]!)).to.equal(false);
    await pool.close();
  });

  it("finishes queued hashes on close, then refuses new ones", async () => {
    const pool = createBcryptPool({ rounds: 4, threads: 1 });
    const pending = pool.hash("queued password");
    await pool.close();
    expect(await pending).to.match(/^\$2b\$04\$/);
    let refused: unknown;
    await pool.hash("late").catch((error: unknown) => (refused = error));
    expect(String(refused)).to.match(/closed/);
  });

  it("refuses at once past its queue bound instead of piling work up", async () => {
    const pool = createBcryptPool({ rounds: 12, threads: 1, maxQueue: 2 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => pool.hash(`password ${i}`)),
    );
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused.length, "1 running + 2 queued, the rest refused").to.equal(3);
    expect(String((refused[0] as PromiseRejectedResult).reason)).to.match(/queue/i);
    await pool.close();
  });

  it("cancels a queued hash whose caller gave up, and the pool goes on working", async () => {
    const pool = createBcryptPool({ rounds: 12, threads: 1 });
    const running = pool.hash("first");
    const controller = new AbortController();
    const queued = pool.hash("second", controller.signal);
    controller.abort(new Error("caller timed out"));
    let cancelled: unknown;
    await queued.catch((error: unknown) => (cancelled = error));
    expect(cancelled, "the queued hash rejects once aborted").to.be.instanceOf(Error);
    expect(await running).to.match(/^\$2b\$12\$/);
    expect(await pool.hash("third")).to.match(/^\$2b\$12\$/);
    await pool.close();
  });
});

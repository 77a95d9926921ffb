// The default hasher: bcrypt in worker threads (its effect on the event loop is measured by `npm run bench`).
import { expect } from "chai";
import { compare } from "bcryptjs";
import { createWorkerHasher } from "../../lib/hash-worker.js";

describe("worker hasher", () => {
  it("produces bcrypt hashes at the given cost that verify against the password", async () => {
    const hasher = createWorkerHasher(4, 2);
    const hashes = await Promise.all(
      ["first password", "second password", "pässwörd 🔑"].map((p) => hasher.hash(p)),
    );
    for (const hash of hashes) expect(hash).to.match(/^\$2b\$04\$/);
    expect(await compare("pässwörd 🔑", hashes[2]!)).to.equal(true);
    expect(await compare("first password", hashes[1]!)).to.equal(false);
    await hasher.close();
  });

  it("finishes queued hashes on close, then refuses new ones", async () => {
    const hasher = createWorkerHasher(4, 1);
    const pending = hasher.hash("queued password");
    await hasher.close();
    expect(await pending).to.match(/^\$2b\$04\$/);
    let refused: unknown;
    await hasher.hash("late").catch((error: unknown) => (refused = error));
    expect(String(refused)).to.match(/closed/);
  });
});

// argon2Hasher(): argon2id through the optional peer @node-rs/argon2 — the PHC strings it makes,
// verifyPassword and needsRehash on them, OWASP's defaults, the byte limit, the missing-peer error,
// hashing off the main thread (test/matrix/peers.test.ts holds the lowest and newest peer side by side).
import { expect } from "chai";
import * as argon2Newest from "@node-rs/argon2";
import {
  argon2Hasher,
  bcryptHasher,
  hashPassword,
  needsRehash,
  scryptHasher,
  verifyPassword,
} from "../../lib/index.js";
import { importArgon2, type Argon2Binding } from "../../lib/policy/argon2.js";
import { createTestApp, EXPRESS_VERSIONS } from "../helpers/app.js";
import { requestLink, reset } from "../helpers/client.js";
import { ALICE, GOOD_PASSWORD } from "../helpers/fixtures.js";

// The real binding fits the shape the hasher declares for it (a compile-time check: the package's
// declarations do not import the optional peer, so this is where a changed signature shows).
const bindingShape: Argon2Binding = argon2Newest;
void bindingShape;

// 1 MiB, one pass: the cheapest this hasher makes, for most tests; the defaults are used once below.
const fast = argon2Hasher({ memoryCost: 1024, timeCost: 1 });
const SIXTY_FOUR_E_ACUTE = "é".repeat(64);
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

describe("argon2Hasher", () => {
  it("hashPassword with argon2Hasher() makes a $argon2id$ string at OWASP's parameters (m=19456, t=2, p=1)", async () => {
    const hash = await hashPassword("plum otter canvas thirty", { hasher: argon2Hasher() });
    expect(hash).to.match(PHC);
    expect(PHC.exec(hash)!.slice(1, 4)).to.deep.equal(["19456", "2", "1"]);
    expect(await verifyPassword("plum otter canvas thirty", hash)).to.equal(true);
    expect(await verifyPassword("plum otter canvas thirtY", hash)).to.equal(false);
    expect(needsRehash(hash, { hasher: argon2Hasher() })).to.equal(false);
  });

  it("salts every hash", async () => {
    const [first, second] = await Promise.all([fast.hash("same"), fast.hash("same")]);
    expect(first).not.to.equal(second);
    expect(await fast.verify("same", first)).to.equal(true);
  });

  it("verifies argon2id hashes another library made, at its own parameters", async () => {
    // @node-rs/argon2 called directly, as another app would, with costs this hasher would not pick.
    const foreign = await argon2Newest.hash("an old login password", { memoryCost: 4096, timeCost: 3 });
    expect(await verifyPassword("an old login password", foreign)).to.equal(true);
    expect(await verifyPassword("another password", foreign)).to.equal(false);
    expect(needsRehash(foreign, { hasher: argon2Hasher() })).to.equal(true);
  });

  it("hashes and verifies 64 x é (128 bytes) and tells it from its first 72 bytes", async () => {
    const hash = await fast.hash(SIXTY_FOUR_E_ACUTE);
    expect(await verifyPassword(SIXTY_FOUR_E_ACUTE, hash)).to.equal(true);
    expect(await verifyPassword("é".repeat(36), hash)).to.equal(false);
    expect(await verifyPassword("é".repeat(63) + "e", hash)).to.equal(false);
  });

  it("treats the composed and decomposed é as the same password", async () => {
    const hash = await fast.hash("café crème brûlée");
    expect(await verifyPassword("café crème brûlée".normalize("NFD"), hash)).to.equal(true);
    // A hash another app made from the decomposed form, unnormalised, still verifies as typed.
    const foreign = await argon2Newest.hash("café".normalize("NFD"), { memoryCost: 1024, timeCost: 1 });
    expect(await verifyPassword("café".normalize("NFD"), foreign)).to.equal(true);
  });

  it("refuses to hash past maxBytes [1024] and answers false when verifying past it", async () => {
    expect(argon2Hasher().maxBytes).to.equal(1024);
    const small = argon2Hasher({ memoryCost: 1024, timeCost: 1, maxBytes: 100 });
    let error: unknown;
    await small.hash("b".repeat(101)).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
    const hash = await fast.hash("b".repeat(101));
    expect(await fast.verify("b".repeat(101), hash)).to.equal(true);
    expect(await small.verify("b".repeat(101), hash)).to.equal(false);
  });

  it("needsRehash is true when the algorithm or an argon2 parameter changed, either way", async () => {
    const hash = await fast.hash("x");
    expect(needsRehash(hash, { hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }) })).to.equal(false);
    expect(needsRehash(hash, { hasher: argon2Hasher({ memoryCost: 2048, timeCost: 1 }) })).to.equal(true);
    expect(needsRehash(hash, { hasher: argon2Hasher({ memoryCost: 1024, timeCost: 2 }) })).to.equal(true);
    expect(
      needsRehash(hash, { hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 2 }) }),
    ).to.equal(true);
    expect(needsRehash(hash, { hasher: bcryptHasher({ rounds: 4 }) })).to.equal(true);
    expect(needsRehash(hash, { hasher: scryptHasher({ ln: 10 }) })).to.equal(true);
    expect(needsRehash(await bcryptHasher({ rounds: 4 }).hash("x"), { hasher: fast })).to.equal(true);
    expect(fast.needsRehash("$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$" + "A".repeat(43))).to.equal(
      true,
    );
  });

  it("is not an argon2id hash in a form it cannot verify: $argon2i$, absurd memory, a cut key", async () => {
    const hash = await fast.hash("x");
    const cases = [
      hash.replace("$argon2id$", "$argon2i$"),
      hash.replace("m=1024", "m=99999999"), // 95 GiB: refused before any allocation
      hash.slice(0, -30),
    ];
    for (const bad of cases) {
      let error: unknown;
      await verifyPassword("x", bad).catch((e: unknown) => (error = e));
      expect(error, bad).to.be.instanceOf(TypeError);
      expect(await fast.verify("x", bad), bad).to.equal(false);
    }
  });

  it("rejects bad options at construction", () => {
    expect(() => argon2Hasher({ memoryCost: 512 })).to.throw(TypeError, /memoryCost/);
    expect(() => argon2Hasher({ timeCost: 0 })).to.throw(TypeError, /timeCost/);
    expect(() => argon2Hasher({ parallelism: 1.5 })).to.throw(TypeError, /parallelism/);
    expect(() => argon2Hasher({ maxBytes: 5000 })).to.throw(TypeError, /maxBytes/);
    expect(() => argon2Hasher({ m: 19456 } as never)).to.throw(TypeError, /unknown option `m`/);
  });

  it("without @node-rs/argon2 installed, fails naming `npm install @node-rs/argon2`", async () => {
    const missing = "@node-rs/argon2-not-installed";
    let error: unknown;
    await importArgon2(() => import(missing)).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.include("npm install @node-rs/argon2");
  });

  it("hashes off the main thread: the event loop keeps turning during a burst of default-cost hashes", async () => {
    const hasher = argon2Hasher();
    await hasher.hash("warm up"); // loads the binding
    // A 10 ms timer ticks about elapsed / 10 times while the loop is free; were the hashes on the
    // main thread, it could tick only between two hashes (eight times or so).
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, (_, i) => hasher.hash(`password ${i}`)));
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(ticks, `ticks in ${elapsed.toFixed(0)} ms of hashing`).to.be.at.least(elapsed / 40);
  });

  for (const version of EXPRESS_VERSIONS) {
    it(`a reset through the router stores a $argon2id$ hash the new password verifies against (${version.name})`, async () => {
      const t = createTestApp(version, { password: { hasher: fast } });
      const token = await requestLink(t);
      expect((await reset(t, { token })).status).to.equal(200);
      const stored = t.users.hashOf(ALICE.id);
      expect(stored).to.match(PHC);
      expect(await verifyPassword(GOOD_PASSWORD, stored!)).to.equal(true);
    });
  }
});

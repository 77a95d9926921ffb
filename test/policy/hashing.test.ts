// Hashing for the app's own login and sign-up: verifyPassword across formats, the 72-byte rule, needsRehash.
import { expect } from "chai";
import bcrypt from "bcryptjs";
import {
  bcryptHasher,
  hashPassword,
  needsRehash,
  scryptHasher,
  verifyPassword,
} from "../../lib/policy/index.js";

// 64 x "é" is 64 characters but 128 UTF-8 bytes: ASVS 6.2.9's 64 characters, beyond bcrypt's 72 bytes.
const SIXTY_FOUR_E_ACUTE = "é".repeat(64);
// Cheap scrypt for most tests; the defaults are exercised once below.
const fastScrypt = scryptHasher({ ln: 10 });

describe("password hashing", () => {
  describe("verifyPassword", () => {
    it("verifies bcrypt hashes made by bcryptjs directly, in every variant prefix", async () => {
      const made = bcrypt.hashSync("an old login password", 4);
      for (const prefix of ["$2a$", "$2b$", "$2y$"]) {
        const hash = prefix + made.slice(4);
        expect(await verifyPassword("an old login password", hash), prefix).to.equal(true);
        expect(await verifyPassword("another password", hash), prefix).to.equal(false);
      }
    });

    it("verifies what hashPassword stored (bcrypt by default)", async () => {
      const hash = await hashPassword("plum otter canvas thirty");
      expect(hash).to.match(/^\$2b\$10\$/);
      expect(await verifyPassword("plum otter canvas thirty", hash)).to.equal(true);
      expect(await verifyPassword("plum otter canvas thirtY", hash)).to.equal(false);
    });

    it("verifies scryptHasher hashes", async () => {
      const hash = await fastScrypt.hash("plum otter canvas thirty");
      expect(hash).to.match(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
      expect(await verifyPassword("plum otter canvas thirty", hash)).to.equal(true);
      expect(await verifyPassword("plum otter canvas thirtY", hash)).to.equal(false);
    });

    it("salts every hash", async () => {
      const [first, second] = await Promise.all([fastScrypt.hash("same"), fastScrypt.hash("same")]);
      expect(first).not.to.equal(second);
    });

    it("gives false, not a truncated match, for a bcrypt hash and a password over 72 bytes", async () => {
      const first72 = "a".repeat(72);
      const hash = bcrypt.hashSync(first72, 4);
      expect(await verifyPassword(first72, hash)).to.equal(true);
      // bcryptjs alone would say true: it reads only the first 72 bytes.
      expect(bcrypt.compareSync(first72 + "anything", hash)).to.equal(true);
      expect(await verifyPassword(first72 + "anything", hash)).to.equal(false);
      expect(await verifyPassword(SIXTY_FOUR_E_ACUTE, bcrypt.hashSync(SIXTY_FOUR_E_ACUTE, 4))).to.equal(
        false,
      );
    });

    it("rejects a hash in no known format instead of reading it as a wrong password", async () => {
      let error: unknown;
      await verifyPassword("x", "plaintext-in-the-column").catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(TypeError);
    });
  });

  describe("beyond 72 bytes", () => {
    it("scrypt hashes and verifies 64 x é (128 bytes), and tells it from its first 72 bytes", async () => {
      const hash = await fastScrypt.hash(SIXTY_FOUR_E_ACUTE);
      expect(await verifyPassword(SIXTY_FOUR_E_ACUTE, hash)).to.equal(true);
      expect(await verifyPassword("é".repeat(36), hash)).to.equal(false);
      expect(await verifyPassword("é".repeat(63) + "e", hash)).to.equal(false);
    });

    it("scrypt treats the composed and decomposed é as the same password", async () => {
      const hash = await fastScrypt.hash("café crème brûlée");
      expect(await verifyPassword("café crème brûlée".normalize("NFD"), hash)).to.equal(true);
    });

    it("bcrypt refuses to hash a password over 72 bytes", async () => {
      let error: unknown;
      await bcryptHasher({ rounds: 4 })
        .hash(SIXTY_FOUR_E_ACUTE)
        .catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(RangeError);
    });

    it("scrypt's byte limit follows maxBytes [1024], bcrypt's is 72", async () => {
      expect(scryptHasher().maxBytes).to.equal(1024);
      expect(bcryptHasher().maxBytes).to.equal(72);
      const small = scryptHasher({ ln: 10, maxBytes: 100 });
      const hash = await scryptHasher({ ln: 10 }).hash("b".repeat(101));
      expect(await small.verify("b".repeat(101), hash)).to.equal(false);
    });

    it("works with the default OWASP parameters (N = 2^17, r = 8, p = 1)", async () => {
      const hasher = scryptHasher();
      const hash = await hasher.hash(SIXTY_FOUR_E_ACUTE);
      expect(hash).to.match(/^\$scrypt\$ln=17,r=8,p=1\$/);
      expect(await verifyPassword(SIXTY_FOUR_E_ACUTE, hash)).to.equal(true);
      expect(hasher.needsRehash(hash)).to.equal(false);
    });
  });

  describe("needsRehash", () => {
    it("is true when the bcrypt cost changed, false when it is the configured one", async () => {
      const atFour = await bcryptHasher({ rounds: 4 }).hash("plum otter canvas thirty");
      expect(needsRehash(atFour, { hasher: bcryptHasher({ rounds: 4 }) })).to.equal(false);
      expect(needsRehash(atFour, { hasher: bcryptHasher({ rounds: 5 }) })).to.equal(true);
      expect(needsRehash(atFour)).to.equal(true); // the default is cost 10
      expect(needsRehash(bcrypt.hashSync("x", 10))).to.equal(false);
    });

    it("is true when the algorithm changed, either way", async () => {
      const bcryptHash = bcrypt.hashSync("x", 4);
      const scryptHash = await fastScrypt.hash("x");
      expect(needsRehash(bcryptHash, { hasher: fastScrypt })).to.equal(true);
      expect(needsRehash(scryptHash, { hasher: bcryptHasher({ rounds: 4 }) })).to.equal(true);
    });

    it("is true when an scrypt parameter changed", async () => {
      const hash = await fastScrypt.hash("x");
      expect(needsRehash(hash, { hasher: scryptHasher({ ln: 10 }) })).to.equal(false);
      expect(needsRehash(hash, { hasher: scryptHasher({ ln: 11 }) })).to.equal(true);
      expect(needsRehash(hash, { hasher: scryptHasher({ ln: 10, p: 2 }) })).to.equal(true);
    });
  });

  it("bcryptHasher takes a replacement hash function (a worker pool) and still verifies", async () => {
    const calls: string[] = [];
    const hasher = bcryptHasher({
      rounds: 4,
      hash: async (plain) => {
        calls.push(plain);
        return bcrypt.hash(plain, 4);
      },
    });
    const hash = await hasher.hash("plum otter canvas thirty");
    expect(calls).to.deep.equal(["plum otter canvas thirty"]);
    expect(await hasher.verify("plum otter canvas thirty", hash)).to.equal(true);
  });

  it("rejects bad hasher options at construction", () => {
    expect(() => bcryptHasher({ rounds: 3 })).to.throw(TypeError, /rounds/);
    expect(() => scryptHasher({ ln: 30 })).to.throw(TypeError, /ln/);
    expect(() => scryptHasher({ maxBytes: 5000 })).to.throw(TypeError, /maxBytes/);
    expect(() => scryptHasher({ N: 16384 } as never)).to.throw(TypeError, /unknown option `N`/);
  });
});

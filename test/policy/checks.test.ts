// The one entry point (createPasswordChecks), checkPassword for sign-up forms, and the optional strength estimate.
import { expect } from "chai";
import { PASSWORD_POLICY_MESSAGES } from "../../lib/policy/messages.js";
import {
  checkPassword,
  createPasswordChecks,
  scryptHasher,
  type BreachedPasswordCheck,
} from "../../lib/policy/index.js";

const jane = { email: "jane.doe@northwind.example", username: "jdoe" };

describe("password policy: checks", () => {
  it("runs the network check last: a common password never reaches the breached check", async () => {
    const asked: string[] = [];
    const breached: BreachedPasswordCheck = async (password) => {
      asked.push(password);
      return { breached: false, count: 0 };
    };
    const checks = createPasswordChecks({ breached });
    expect((await checks.check("password", jane))?.reason).to.equal("common");
    expect((await checks.check("janedoe-2024", jane))?.reason).to.equal("context");
    expect(asked).to.deep.equal([]);
    expect(await checks.check("plum otter canvas thirty", jane)).to.equal(undefined);
    expect(asked).to.deep.equal(["plum otter canvas thirty"]);
  });

  it("lets a broken custom breached check's error reach the caller", async () => {
    const checks = createPasswordChecks({
      breached: () => Promise.reject(new Error("bug in the check")),
    });
    let error: unknown;
    await checks.check("plum otter canvas thirty", jane).catch((e: unknown) => (error = e));
    expect(String(error)).to.contain("bug in the check");
  });

  it("rejects settings out of range at construction, naming the setting", () => {
    expect(() => createPasswordChecks({ minStrength: 5 })).to.throw(TypeError, /minStrength/);
    expect(() => createPasswordChecks({ commonPasswords: "yes" as unknown as boolean })).to.throw(
      TypeError,
      /commonPasswords/,
    );
    expect(() => createPasswordChecks({ breached: true as unknown as BreachedPasswordCheck })).to.throw(
      TypeError,
      /breached/,
    );
    expect(() => createPasswordChecks({ minStrenght: 3 } as never)).to.throw(
      TypeError,
      /unknown option `minStrenght`/,
    );
  });

  it("keeps every message in one table, one per reason", () => {
    expect(Object.keys(PASSWORD_POLICY_MESSAGES).sort()).to.deep.equal(
      ["breach_check_failed", "breached", "common", "context", "too_long", "too_short", "weak"].sort(),
    );
  });

  describe("minStrength (zxcvbn-ts, loaded on demand)", () => {
    const checks = createPasswordChecks({ minStrength: 3 });

    it("refuses a guessable password the lists do not know", async () => {
      expect(await checks.check("Blink182Fan", {})).to.deep.equal({
        reason: "weak",
        message: PASSWORD_POLICY_MESSAGES.weak,
      });
    });

    it("accepts a strong passphrase", async () => {
      expect(await checks.check("plum otter canvas thirty", {})).to.equal(undefined);
    });

    it("counts the account's identifiers as known words (here reversed, which the context rule does not look for)", async () => {
      const reversed = "nolubeztrauq"; // "zebulon" + "quartz", each written backwards
      expect(await checks.check(reversed, {})).to.equal(undefined);
      expect((await checks.check(reversed, { username: "zebulon", name: "Quartz" }))?.reason).to.equal(
        "weak",
      );
    });

    it("preloads on demand", async () => {
      await checks.preload();
    });
  });
});

describe("checkPassword", () => {
  it("returns the message refusing the password, or undefined", async () => {
    expect(await checkPassword("password", jane)).to.equal(PASSWORD_POLICY_MESSAGES.common);
    expect(await checkPassword("jane.doe!!", jane)).to.equal(PASSWORD_POLICY_MESSAGES.context);
    expect(await checkPassword("plum otter canvas thirty", jane)).to.equal(undefined);
  });

  it("applies the reset's length rules: 8 characters, the hasher's byte limit", async () => {
    expect(await checkPassword("qz8!pL", jane)).to.equal("password must be at least 8 characters long");
    expect(await checkPassword("é".repeat(64), jane)).to.equal("password must be at most 72 bytes long");
    expect(await checkPassword("é".repeat(64), jane, { hasher: scryptHasher({ ln: 10 }) })).to.equal(
      undefined,
    );
    expect(await checkPassword("plum otter canvas", jane, { minLength: 20 })).to.equal(
      "password must be at least 20 characters long",
    );
  });

  it("refuses a maxBytes above what the hasher can hash", async () => {
    let error: unknown;
    await checkPassword("plum otter canvas thirty", jane, { maxBytes: 100 }).catch(
      (e: unknown) => (error = e),
    );
    expect(error).to.be.instanceOf(TypeError);
  });
});

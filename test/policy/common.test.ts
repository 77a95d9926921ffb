// The common-passwords list (NIST SP 800-63B 3.1.1.2, ASVS 5.0 6.2.4), through the checks the reset flow runs.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { commonPasswords } from "../../lib/policy/common.js";
import { createPasswordChecks } from "../../lib/policy/index.js";

const nobody = {};

describe("password policy: common passwords", () => {
  const checks = createPasswordChecks();

  for (const password of ["password", "12345678", "qwertyuiop", "iloveyou"]) {
    it(`refuses the listed password "${password}"`, async () => {
      expect(await checks.check(password, nobody)).to.deep.equal({
        reason: "common",
        message: "This password is too common; choose one that is harder to guess",
      });
    });
  }

  it("compares without regard to case", async () => {
    expect((await checks.check("PassWord", nobody))?.reason).to.equal("common");
    expect((await checks.check("DRAGON", nobody))?.reason).to.equal("common");
  });

  for (const password of ["Password1!", "Summer2024!", "monkey123", "letmein!!", "Football2023"]) {
    it(`refuses a listed password with a trivial tail: "${password}"`, async () => {
      expect((await checks.check(password, nobody))?.reason).to.equal("common");
    });
  }

  it("accepts a listed word followed by a long run of digits, which the decoration rule leaves alone", async () => {
    expect(await checks.check("dragon19841231", nobody)).to.equal(undefined);
  });

  it("accepts a random passphrase", async () => {
    expect(await checks.check("plum otter canvas thirty", nobody)).to.equal(undefined);
    expect(await checks.check("Tr0ub4dor&3-vault", nobody)).to.equal(undefined);
  });

  // A listed password dressed so that an exact lookup misses it: spaces, look-alike letters, invisible
  // characters, accents, decorations at either end. Each is what a person types (or pastes) to get
  // past a filter; each is the listed password to a cracker.
  const variants: ReadonlyArray<[string, string]> = [
    ["a trailing space", "password "],
    ["a leading space", " password"],
    ["a space inside", "pass word"],
    ["spaces between words", "i love you"],
    ["full-width letters", "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44"],
    ["a long s (\u017f)", "pa\u017fsword"],
    ["a soft hyphen", "pass\u00adword"],
    ["a zero-width space", "pass\u200bword"],
    ["a zero-width joiner", "pass\u200dword"],
    ["a byte-order mark", "\ufeffpassword"],
    ["a leading symbol", "!password"],
    ["a trailing run of sequential digits", "password123456"],
    ["a dotted capital I (\u0130)", "\u0130loveyou"],
    ["a combining accent (NFD)", "passwo\u0301rd"],
  ];
  for (const [how, password] of variants) {
    it(`refuses a listed password with ${how}: ${JSON.stringify(password)}`, async () => {
      expect((await checks.check(password, nobody))?.reason).to.equal("common");
    });
  }

  for (const password of [
    "correct horse battery staple",
    "my password is a purple elephant",
    "password manager said Xq7#kLm2",
    "iloveyou more than coffee at 6am",
    "!Summer in Lisbon, 2024 was hot",
    "dragon 1984 1231 canyon",
  ]) {
    it(`accepts a strong passphrase that merely contains a common word: ${JSON.stringify(password)}`, async () => {
      expect(await checks.check(password, nobody)).to.equal(undefined);
    });
  }

  it("accepts listed passwords when `commonPasswords` is false", async () => {
    expect(await createPasswordChecks({ commonPasswords: false }).check("password", nobody)).to.equal(
      undefined,
    );
  });

  it("holds at least 10,000 passwords, loaded once", async () => {
    const first = await commonPasswords();
    expect(first.size).to.be.at.least(10_000);
    expect(await commonPasswords()).to.equal(first);
  });
});

describe("password policy: loading", () => {
  it("loads neither the list nor the strength estimator when the package is imported, only on a check", () => {
    // A fresh process: this one has loaded both already.
    const script = `
      const policy = require("./lib/index.ts");
      const loaded = () => Object.keys(require.cache).filter((path) => path.includes("@zxcvbn-ts")).length;
      const before = loaded();
      policy.checkPassword("plum otter canvas thirty", {}).then(() => console.log(JSON.stringify({ before, after: loaded() })));
    `;
    const child = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { encoding: "utf8" });
    expect(child.stderr).to.equal("");
    const { before, after } = JSON.parse(child.stdout) as { before: number; after: number };
    expect(before).to.equal(0);
    expect(after).to.be.greaterThan(0);
  });
});

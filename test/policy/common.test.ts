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

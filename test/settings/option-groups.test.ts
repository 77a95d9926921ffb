// The shape of the 1.0 options: every key of every group is known to the unknown-key check, with a
// "did you mean" for misspelt ones, a group's key written at the top level points to its group, and
// groups are objects. Undefined means the default, and the caller's object is never changed.
import { expect } from "chai";
import {
  createPasswordResetRouter,
  PasswordResetConfigError,
  type PasswordResetOptions,
} from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { FakeUsers } from "../helpers/users.js";

const base = (): PasswordResetOptions => ({
  users: new FakeUsers(),
  mailer: new CapturingMailer(),
  resetUrl: "https://app.example.com/reset",
});

function refusal(options: unknown): PasswordResetConfigError {
  try {
    void createPasswordResetRouter(options as PasswordResetOptions).close();
  } catch (error) {
    if (error instanceof PasswordResetConfigError) return error;
    throw error;
  }
  throw new Error("the options were accepted");
}

describe("1.0 options: shape", () => {
  it("a misspelt key inside a group is named with its group, and the key meant", () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ codes: { lenght: 8 } }, "codes.lenght", "length"],
      [{ accounts: { identifier: ["email"] } }, "accounts.identifier", "identifiers"],
      [{ delivery: { linkTtlSecond: 60 } }, "delivery.linkTtlSecond", "linkTtlSeconds"],
      [{ password: { rules: () => undefined } }, "password.rules", "rule"],
      [{ rateLimit: { ipv6subnet: 64 } }, "rateLimit.ipv6subnet", "ipv6Subnet"],
      [{ http: { bodyTimeoutSecond: 1 } }, "http.bodyTimeoutSecond", "bodyTimeoutSeconds"],
      [{ hooks: { onEvents: () => {} } }, "hooks.onEvents", "onEvent"],
      [{ advanced: { logr: console } }, "advanced.logr", "logger"],
    ];
    for (const [options, option, meant] of cases) {
      const error = refusal({ ...base(), ...options });
      expect(error.option).to.equal(option);
      expect(error.message).to.include(`is not an option. Did you mean \`${meant}\`?`);
    }
  });

  it("a group's key at the top level points to its place in the group", () => {
    expect(refusal({ ...base(), maxAttempts: 3 }).message).to.include("Did you mean `codes.maxAttempts`?");
    expect(refusal({ ...base(), bodyTimeoutSeconds: 3 }).message).to.include(
      "Did you mean `http.bodyTimeoutSeconds`?",
    );
    // A near 0.2 name is still suggested, with its 1.0 spelling.
    expect(refusal({ ...base(), codeLenght: 8 }).message).to.include(
      "Did you mean `codeLength`? (Its 1.0 spelling is `codes.length`.)",
    );
  });

  it("a group must be an object", () => {
    expect(refusal({ ...base(), codes: 8 }).message).to.include("`codes` must be an object");
    expect(refusal({ ...base(), http: [] }).message).to.include("`http` must be an object");
    expect(refusal({ ...base(), rateLimit: true }).message).to.include(
      "`rateLimit` must be false or an object",
    );
  });

  it("checks values in their group's names and units", () => {
    expect(refusal({ ...base(), codes: { length: 2 } }).message).to.include(
      "`codes.length` must be an integer from 4 to 12",
    );
    expect(refusal({ ...base(), http: { bodyTimeoutSeconds: 0.01 } }).message).to.include(
      "`http.bodyTimeoutSeconds` must be a number of seconds from 0.1 to 600",
    );
    expect(refusal({ ...base(), advanced: { adapterTimeoutSeconds: "5" } }).option).to.equal(
      "advanced.adapterTimeoutSeconds",
    );
    expect(refusal({ ...base(), hooks: { afterReset: "no" } }).message).to.include(
      "`hooks.afterReset` must be a function",
    );
    expect(refusal({ ...base(), password: { minStrength: 5 } }).message).to.include(
      "`password.minStrength` must be an integer from 0 to 4",
    );
    expect(refusal({ ...base(), password: { commonPasswords: "yes" } }).option).to.equal(
      "password.commonPasswords",
    );
    expect(refusal({ ...base(), password: { breached: true } }).message).to.include(
      "`password.breached` must be a function such as haveIBeenPwned()",
    );
    expect(refusal({ ...base(), accounts: { identifiers: ["email", "mobile"] } }).message).to.include(
      "`sms` is required when `accounts.identifiers` includes mobile",
    );
  });

  it("undefined groups and keys are the defaults, and the caller's object is not changed", async () => {
    const options: PasswordResetOptions = {
      ...base(),
      accounts: { identifiers: undefined },
      codes: undefined,
      http: { paths: { forgot: "/Lost/" }, bodyTimeoutSeconds: undefined },
      hooks: {},
      advanced: { logger: { warn: () => {}, error: () => {} } },
    };
    const before = JSON.stringify(options);
    const router = createPasswordResetRouter(options);
    await router.close();
    expect(JSON.stringify(options)).to.equal(before);
  });
});

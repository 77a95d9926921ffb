// Context words (ASVS 5.0 6.2.11): passwords built from the account's identifiers or the app's name.
import { expect } from "chai";
import { createPasswordChecks } from "../../lib/policy/index.js";

const jane = {
  email: "Jane.Doe@northwind.example",
  username: "jdoe_77",
  name: "Jane Q. Doe",
  mobile: "+1 (415) 555-0100",
};
const CONTEXT_MESSAGE = "This password is too similar to your account details";

describe("password policy: context words", () => {
  const checks = createPasswordChecks({ appName: "Acme Portal" });

  const refused: Array<[string, string]> = [
    ["the email address", "jane.doe@northwind.example"],
    ["the email's local part, decorated", "JaneDoe2024!"],
    ["a word of the local part inside a longer password", "ilovejane-forever"],
    ["the email's domain", "northwind-rocks-hard"],
    ["the username", "xx-jdoe_77-xx"],
    ["the name", "QDoeJane&friends"],
    ["the mobile number's digits", "call4155550100now"],
    ["the mobile number's last 7 digits", "pin5550100pin"],
    ["the app's name", "MyAcmeLogin2025"],
    ["a near miss of an identifier (swapped letters)", "jaendoe"],
  ];
  for (const [what, password] of refused) {
    it(`refuses a password built from ${what}: "${password}"`, async () => {
      expect(await checks.check(password, jane)).to.deep.equal({
        reason: "context",
        message: CONTEXT_MESSAGE,
      });
    });
  }

  it("refuses a short username only when it is the whole password plus decoration", async () => {
    const bob = { username: "bob" };
    expect((await checks.check("bob2024!", bob))?.reason).to.equal("context");
    expect(await checks.check("kebobs-on-the-grill", bob)).to.equal(undefined);
  });

  it("accepts a password unrelated to the account", async () => {
    expect(await checks.check("plum otter canvas thirty", jane)).to.equal(undefined);
  });

  it("accepts the same password for another account", async () => {
    const other = { email: "sam@contoso.example", username: "sam" };
    expect(await createPasswordChecks().check("JaneDoe2024!", other)).to.equal(undefined);
  });

  it("ignores absent and null identifiers", async () => {
    expect(
      await checks.check("plum otter canvas thirty", { email: null, username: "", name: undefined }),
    ).to.equal(undefined);
  });
});

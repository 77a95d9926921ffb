// The shell check finds what a reader's terminal would: a script, package, binary or path that is
// not there, JSON that curl would send broken, a command nobody taught the check.
import { expect } from "chai";
import { checkShellBlock } from "./shell.js";

describe("docs: checking shell blocks", () => {
  it("accepts the README's kind of commands", () => {
    const block = [
      "npm install && npm run example   # a comment with `backticks` and examples/nowhere",
      "npm test",
      "CI=true npx mocha 'test/docs/*.test.ts'",
      "npx tsx examples/basic/server.ts",
      "npm install nodemailer @zxcvbn-ts/core",
      "curl -X POST localhost:3000/auth/password/forgot -H 'Content-Type: application/json' \\",
      '  -d \'{"email":"demo@example.com"}\'',
    ].join("\n");
    expect(checkShellBlock(block)).to.deep.equal([]);
  });

  it("names each thing that is not there", () => {
    const block = [
      "npm run exampel",
      "npx tsx examples/nowhere/server.ts",
      "npx nonexistent-binary",
      "npm install left-pad",
      "curl -H 'Content-Type: application/json' -d '{\"email\":}' localhost:3000/auth/password/forgot",
      "make docs",
    ].join("\n");
    const problems = checkShellBlock(block);
    expect(problems).to.have.length(6);
    expect(problems[0]).to.include("`npm run exampel`: no such script");
    expect(problems[1]).to.include("`examples/nowhere/server.ts` does not exist");
    expect(problems[2]).to.include("`npx nonexistent-binary`");
    expect(problems[3]).to.include("`npm install left-pad`");
    expect(problems[4]).to.include("curl sends JSON that does not parse");
    expect(problems[5]).to.include("`make`: not a command the docs test knows");
  });
});

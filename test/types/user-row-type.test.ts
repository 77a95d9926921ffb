// The app's own user row type flows through: `tsc` checks a consumer (fixture/consumer.ts) whose
// mailer, SMS sender, resetUrl and hooks read fields of the row, in the 1.0 and the 0.2 spellings.
// Compiled as it is, every `@ts-expect-error` must be needed; compiled without them, exactly the
// marked lines must fail, each naming the app's row type (not the package's `ResetUser`).
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const FIXTURE = join(__dirname, "fixture");
const TSC = require.resolve("typescript/bin/tsc");

function tsc(project: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [TSC, "--noEmit", "--pretty", "false", "-p", project], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("types: the app's user row reaches every hook", function () {
  this.timeout(180_000);

  it("compiles, every @ts-expect-error needed", () => {
    const { status, output } = tsc(join(FIXTURE, "tsconfig.json"));
    expect(output).to.equal("");
    expect(status).to.equal(0);
  });

  it("without the @ts-expect-error lines, exactly the marked lines fail, naming the app's row type", () => {
    const source = readFileSync(join(FIXTURE, "consumer.ts"), "utf8").split("\n");
    const expected = source.flatMap((line, index) => (/\/\/ @ts-expect-error/.test(line) ? [index + 2] : []));
    expect(expected.length).to.be.greaterThan(8);
    // Inside the repository (so `express` and the types resolve as for the fixture), never committed.
    const dir = join(ROOT, ".tmp", `options-types-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const stripped = source
        .map((line) => (/\/\/ @ts-expect-error/.test(line) ? "" : line))
        .join("\n")
        .replaceAll('"../../../lib/', '"../../lib/');
      writeFileSync(join(dir, "consumer.ts"), stripped);
      const config = JSON.parse(readFileSync(join(FIXTURE, "tsconfig.json"), "utf8")) as { extends: string };
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({ ...config, extends: "../../tsconfig.json" }),
      );
      const { output } = tsc(join(dir, "tsconfig.json"));
      const errors = [...output.matchAll(/consumer\.ts\((\d+),\d+\): error (TS\d+): (.*)/g)].map(
        ([, line, code, message]) => ({ line: Number(line), code, message }),
      );
      expect(errors.map((error) => error.line)).to.deep.equal(expected);
      const missing = errors.filter((error) => error.code === "TS2339");
      for (const { message } of missing) expect(message).to.include("on type 'AccountRow'");
      // The one other: a mailer for another row type does not fit this router.
      expect(errors.filter((error) => error.code !== "TS2339").map((error) => error.code)).to.deep.equal([
        "TS2322",
      ]);
      expect(output).to.include("'team' is missing in type 'AccountRow'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// `npm test` on a machine without one of the services: the suites that need it are skipped, their
// `after` hooks included (a cleanup reaching for an absent Redis Cluster used to time out and fail
// the run), the run passes and names them in one line at the end. Under CI=true the same suites
// fail, so a CI machine missing a service cannot pass quietly. Each case runs mocha in a child
// process on fixtures/absent-service.suite.ts, as `npm test` would.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect } from "chai";

const FIXTURE = "test/scale/fixtures/absent-service.suite.ts";

async function runMocha(ci: boolean): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_CLUSTER_NODES: "127.0.0.1:1" };
  delete env.npm_lifecycle_event; // as `npx mocha`, not `npm test`, whatever runs this file
  if (ci) env.CI = "true";
  else delete env.CI;
  // A short hook timeout, so a hook that hangs fails in two seconds rather than in twenty.
  const child = spawn(process.execPath, ["node_modules/mocha/bin/mocha.js", "--timeout", "2000", FIXTURE], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, output };
}

describe("a suite whose service is absent", function () {
  this.timeout(60_000); // two child processes compiling TypeScript on a loaded machine

  it("is skipped with its after hooks, the run passes and its last line names the suite", async () => {
    const { code, output } = await runMocha(false);
    expect(output).to.include("!!! SKIPPING the redis-cluster tests");
    expect(output).to.not.include("THE AFTER HOOK RAN");
    expect(output).to.match(/0 passing[\s\S]*1 pending/);
    const lastLine = output.trim().split("\n").at(-1)!;
    expect(lastLine).to.include(
      "SKIPPED 1 suite (redis-cluster absent: test/scale/fixtures/absent-service.suite.ts)",
    );
    expect(code, output).to.equal(0);
  });

  it("fails under CI=true, still without running its after hooks", async () => {
    const { code, output } = await runMocha(true);
    expect(output).to.include("CI=true, so the redis-cluster tests fail instead of being skipped");
    expect(output).to.not.include("THE AFTER HOOK RAN");
    expect(output).to.match(/1 failing/);
    expect(output).to.not.include("SKIPPED");
    expect(code).to.equal(1);
  });
});

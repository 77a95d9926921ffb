// examples/seeds/run.ts, run as a user runs it: each seed's demo server starts, answers the seed's
// first request with 200, and prints the link or code it sent.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { expect } from "chai";

const RUN = path.resolve(__dirname, "../../examples/seeds/run.ts");
const JSON_TYPE = { "Content-Type": "application/json" };

// The first request of each seed, with the demo credentials run.ts configures.
const FIRST: Record<string, { path: string; headers: Record<string, string>; body: unknown }> = {
  "000": {
    path: "/forget-password",
    headers: { "Content-Type": "text/plain", Authorization: "Bearer demo-access-token" },
    body: { email: "user@example.com" },
  },
  "001": {
    path: "/password/generate",
    headers: JSON_TYPE,
    body: {
      identifierType: "MOBILE",
      identifierValue: "919999922332",
      brand: "DocDemo",
      deviceId: "123456785",
    },
  },
  "002": {
    path: "/forgotpass",
    headers: { ...JSON_TYPE, Origin: "http://localhost:3000", client_id: "pSpisBrYn4yIP1vGILcdZ" },
    body: { email: "user@example.com" },
  },
  "003": {
    path: "/forgotpassword",
    headers: { ...JSON_TYPE, Authorization: "Bearer demo-api-key" },
    body: { email: "jsmith@example.com", redirect_url: "http://localhost:3000/" },
  },
  "004": { path: "/ForgotPassword", headers: JSON_TYPE, body: { email: "user@example.com" } },
};

interface Server {
  child: ChildProcess;
  /** Resolves once the server has printed a line matching `pattern`. */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
}

/** Starts `run.ts <seed>` as a user would. */
function start(seed: string): Server {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", NODE_ENV: "development" };
  delete env.RESET_SECRET;
  const child = spawn(process.execPath, ["--import", "tsx", RUN, seed], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters = new Set<() => void>();
  let exited = false;
  child.once("exit", () => {
    exited = true;
    for (const waiter of [...waiters]) waiter();
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      output += chunk;
      for (const waiter of [...waiters]) waiter();
    });
  }
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`seed ${seed} did not print ${pattern}; it printed:\n${output}`));
      }, 15_000);
      function check(): void {
        const match = pattern.exec(output);
        if (!match && !exited) return;
        clearTimeout(timer);
        waiters.delete(check);
        if (match) resolve(match);
        else reject(new Error(`seed ${seed} exited before printing ${pattern}; it printed:\n${output}`));
      }
      waiters.add(check);
      check();
    });
  return { child, printed };
}

describe("examples/seeds/run.ts", () => {
  let server: Server | undefined;
  afterEach(async () => {
    const child = server?.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  });

  for (const [seed, first] of Object.entries(FIRST)) {
    it(`serves seed ${seed}: 200 to its first request, and prints what it sent`, async () => {
      server = start(seed);
      const [, base] = await server.printed(/listening on (http:\/\/localhost:\d+\/\S*)/);
      const res = await fetch(`${base}${first.path}`, {
        method: "POST",
        headers: first.headers,
        body: JSON.stringify(first.body),
      });
      expect(res.status, await res.text()).to.equal(200);
      await server.printed(/\[password reset( sms)?\] to \S+, (link|code): \S+/);
    });
  }
});

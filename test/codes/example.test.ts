// examples/sms-code/server.ts, run as a user runs it: start it, read GET /, and follow its three
// curl commands (forgot → verify → reset) with the code the server prints.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { expect } from "chai";

const SERVER = path.resolve(__dirname, "../../examples/sms-code/server.ts");

interface Curl {
  url: string;
  headers: Record<string, string>;
  data: string;
}

/** Reads `curl -s -X POST <url> -H '...' -d '...'` lines. */
function parseCurls(text: string): Curl[] {
  return [...text.matchAll(/^curl .+$/gm)].map(([line]) => {
    const url = /-X POST (\S+)/.exec(line)?.[1];
    const data = /-d '([^']*)'/.exec(line)?.[1];
    expect(url, line).to.be.a("string");
    expect(data, line).to.be.a("string");
    const headers: Record<string, string> = {};
    for (const [, header = ""] of line.matchAll(/-H '([^']*)'/g)) {
      const colon = header.indexOf(":");
      headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    }
    return { url: url as string, headers, data: data as string };
  });
}

describe("examples/sms-code/server.ts", () => {
  let child: ChildProcess | undefined;
  let output = "";
  const waiters = new Set<() => void>();

  /** Resolves with the first match of `pattern` in the server's stdout, now or once it is printed. */
  function printed(pattern: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`the server did not print ${pattern}; it printed:\n${output}`));
      }, 10_000);
      function check(): void {
        const match = pattern.exec(output);
        if (!match) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(match);
      }
      waiters.add(check);
      check();
    });
  }

  before(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", NODE_ENV: "development" };
    delete env.RESET_SECRET;
    child = spawn(process.execPath, ["--import", "tsx", SERVER], { env, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        output += chunk;
        for (const waiter of [...waiters]) waiter();
      });
    }
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("serves GET / with curl commands that reset the demo user's password by SMS code", async () => {
    const [, origin] = await printed(/listening on (http:\/\/localhost:\d+)\//);
    const home = await fetch(`${origin}/`);
    expect(home.status).to.equal(200);
    expect(home.headers.get("content-type")).to.match(/^text\/plain/);
    const curls = parseCurls(await home.text());
    expect(curls.map((c) => new URL(c.url).pathname)).to.deep.equal([
      "/auth/password/forgot",
      "/auth/password/verify",
      "/auth/password/reset",
    ]);

    const run = async (curl: Curl, fill: Record<string, string>) => {
      const sub = (s: string) => s.replace(/<(\w+)>/g, (whole, name: string) => fill[name] ?? whole);
      const headers = Object.fromEntries(Object.entries(curl.headers).map(([k, v]) => [k, sub(v)]));
      const res = await fetch(curl.url, { method: "POST", headers, body: sub(curl.data) });
      const body = (await res.json()) as { success: boolean; data?: Record<string, unknown> };
      expect(res.status, JSON.stringify(body)).to.equal(200);
      return body;
    };
    const [forgot, verify, reset] = curls as [Curl, Curl, Curl];

    expect(await run(forgot, {})).to.deep.equal({ success: true, data: {} });
    const [, code = ""] = await printed(/to \+14155550100, code: (\d{6})\b/);
    const verified = await run(verify, { code });
    const resetToken = verified.data?.resetToken;
    expect(resetToken).to.be.a("string");
    expect(await run(reset, { resetToken: resetToken as string })).to.deep.equal({ success: true, data: {} });
    await printed(/the password of user 1 was changed/);
    expect(output, "the new password is never printed").to.not.include("a-new-password");
  });
});

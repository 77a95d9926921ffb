// The breached-password check against a local Pwned Passwords range server: k-anonymity, padding, time bound, onError.
import { expect } from "chai";
import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPasswordChecks, haveIBeenPwned } from "../../lib/policy/index.js";

const BREACHED = "correct horse battery staple";
const CLEAN = "plum otter canvas thirty";
const PADDED_ONLY = "violet harbour spindle ninety";

function sha1(password: string): string {
  return createHash("sha1").update(password, "utf8").digest("hex").toUpperCase();
}

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface RangeServer {
  baseUrl: string;
  received: Received[];
  close(): Promise<void>;
}

type Behaviour = "answer" | "hang" | "fail";

/** A range server on 127.0.0.1 (port 0) that knows BREACHED, pads with a count-0 row for PADDED_ONLY. */
async function rangeServer(behaviour: Behaviour = "answer"): Promise<RangeServer> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      if (behaviour === "hang") return;
      if (behaviour === "fail") {
        res.writeHead(503).end("unavailable");
        return;
      }
      const prefix = (req.url ?? "").slice("/range/".length);
      const rows = ["0018A45C4D1DEF81644B54AB7F969B88D65:1", "00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2"];
      for (const known of [BREACHED])
        if (sha1(known).startsWith(prefix)) rows.push(`${sha1(known).slice(5)}:3303003`);
      for (const padded of [PADDED_ONLY])
        if (sha1(padded).startsWith(prefix)) rows.push(`${sha1(padded).slice(5)}:0`);
      res.writeHead(200, { "content-type": "text/plain" }).end(rows.join("\r\n"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("password policy: haveIBeenPwned", () => {
  let server: RangeServer;
  afterEach(async () => server?.close());

  it("sends only the first 5 hex characters of the SHA-1, with padding asked for", async () => {
    server = await rangeServer();
    await haveIBeenPwned({ baseUrl: server.baseUrl })(BREACHED);
    expect(server.received).to.have.length(1);
    const [request] = server.received;
    const digest = sha1(BREACHED);
    expect(request!.method).to.equal("GET");
    expect(request!.url).to.equal(`/range/${digest.slice(0, 5)}`);
    expect(request!.headers["add-padding"]).to.equal("true");
    expect(request!.body).to.equal("");
    const everythingSent = JSON.stringify(request).toUpperCase();
    expect(everythingSent).not.to.contain(digest.slice(5, 12));
    expect(everythingSent).not.to.contain(BREACHED.toUpperCase());
  });

  it("finds a breached password and how often it was seen", async () => {
    server = await rangeServer();
    expect(await haveIBeenPwned({ baseUrl: server.baseUrl })(BREACHED)).to.deep.equal({
      breached: true,
      count: 3303003,
    });
  });

  it("passes a password absent from the range, and one present only as a padding row (count 0)", async () => {
    server = await rangeServer();
    const check = haveIBeenPwned({ baseUrl: server.baseUrl });
    expect(await check(CLEAN)).to.deep.equal({ breached: false, count: 0 });
    expect(await check(PADDED_ONLY)).to.deep.equal({ breached: false, count: 0 });
  });

  it("refuses a breached password through the checks, with its own message", async () => {
    server = await rangeServer();
    const checks = createPasswordChecks({ breached: haveIBeenPwned({ baseUrl: server.baseUrl }) });
    expect(await checks.check(BREACHED, {})).to.deep.equal({
      reason: "breached",
      message: "This password has appeared in a data breach; choose a different one",
    });
    expect(await checks.check(CLEAN, {})).to.equal(undefined);
  });

  it("gives up after timeoutMs when the service never answers, and reports the failure", async () => {
    server = await rangeServer("hang");
    const result = await haveIBeenPwned({ baseUrl: server.baseUrl, timeoutMs: 200 })(CLEAN);
    expect(result).to.have.property("refuse", false);
    expect("failed" in result && result.failed.message).to.match(/did not answer within 200 ms/);
    expect(server.received).to.have.length(1);
  });

  it('with onError "allow" (the default), accepts the password when the service fails, and tells the observer', async () => {
    server = await rangeServer("hang");
    const failures: Array<[string, boolean]> = [];
    const checks = createPasswordChecks({
      breached: haveIBeenPwned({ baseUrl: server.baseUrl, timeoutMs: 200 }),
    });
    const refusal = await checks.check(
      CLEAN,
      {},
      {
        onBreachCheckFailed: (error, refused) => failures.push([error.message, refused]),
      },
    );
    expect(refusal).to.equal(undefined);
    expect(failures).to.have.length(1);
    expect(failures[0]![1]).to.equal(false);
  });

  it('with onError "refuse", refuses the password when the service answers with an error', async () => {
    server = await rangeServer("fail");
    const failures: Error[] = [];
    const checks = createPasswordChecks({
      breached: haveIBeenPwned({ baseUrl: server.baseUrl, onError: "refuse" }),
    });
    expect(
      await checks.check(CLEAN, {}, { onBreachCheckFailed: (error) => failures.push(error) }),
    ).to.deep.equal({
      reason: "breach_check_failed",
      message: "We could not check this password right now; try again",
    });
    expect(failures.map((error) => error.message)).to.deep.equal([
      "Pwned Passwords could not be reached: HTTP 503",
    ]);
  });

  it("reports a service that cannot be reached at all", async () => {
    server = await rangeServer();
    const baseUrl = server.baseUrl;
    await server.close();
    const result = await haveIBeenPwned({ baseUrl, onError: "refuse" })(CLEAN);
    expect(result).to.have.property("refuse", true);
    expect(result).to.have.property("failed").that.is.instanceOf(Error);
  });

  it("rejects bad options at construction", () => {
    expect(() => haveIBeenPwned({ baseUrl: "ftp://example.com" })).to.throw(TypeError, /baseUrl/);
    expect(() => haveIBeenPwned({ timeoutMs: 0 })).to.throw(TypeError, /timeoutMs/);
    expect(() => haveIBeenPwned({ onError: "ignore" as "allow" })).to.throw(TypeError, /onError/);
    expect(() => haveIBeenPwned({ timeout: 5 } as never)).to.throw(TypeError, /unknown option `timeout`/);
  });
});

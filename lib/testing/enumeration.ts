/**
 * `checkEnumeration`: a black-box check that an endpoint answers the same for an existing account
 * and a missing one. It sends pairs of requests (one "known", one "unknown", in random order so
 * that warm-up and background work after a request do not line up with one side) and compares
 * status, body, headers and response time. Timing is judged with the Wilcoxon signed-rank test on
 * the paired differences, which needs no assumption about the shape of latency distributions.
 *
 * The requests come from a worker thread, not from the app's own event loop: an in-process client
 * would count the work the app does *after* answering (the background delivery a safe forgot route
 * runs for known accounts only) as response time, which no remote client can see.
 *
 * Uses only `node:http` and `node:worker_threads`, so it works in any test runner and against any
 * HTTP framework.
 */
import { createServer } from "node:http";
import type { IncomingHttpHeaders, RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { wilcoxonSignedRank } from "./statistics.js";

/** A request body: an object or array (sent as JSON) or a raw string, or a function giving one per sample. */
export type EnumerationBody = object | string | ((sample: number) => object | string);

/** Options of {@link checkEnumeration}. */
export interface EnumerationCheckOptions {
  /** An Express app (any `(req, res)` listener) or an `http.Server`, listening or not. */
  app: RequestListener | Server;
  /** Request path, e.g. `/auth/password/forgot`. */
  path: string;
  /** Body naming an existing account, e.g. `{ email: "alice@example.com" }`. */
  known: EnumerationBody;
  /** Body naming a missing account, e.g. `{ email: "nobody@example.com" }`. */
  unknown: EnumerationBody;
  /** Pairs to send. More pairs detect smaller timing differences. [50] */
  samples?: number;
  /** HTTP method. [`POST`] */
  method?: string;
  /** Extra request headers. [`Content-Type: application/json` for object bodies] */
  headers?: Record<string, string>;
  /**
   * Response headers whose values legitimately change from one response to the next and so are
   * not compared (lower-case). [`date`, `etag`, `last-modified`, `age`, `expires`,
   * `x-request-id`, `x-correlation-id`, `request-id`, `x-response-time`, `server-timing`, `traceparent`]
   */
  ignoreHeaders?: string[];
  /**
   * The timing verdict rests on three thresholds, all yours to choose: a difference is a leak when
   * it is significant (`pValue < alpha`), large enough in time (`|median| >= minDifferenceMs`) and
   * consistent enough across pairs (`|effectSize| >= minEffectSize`). Significance alone would flag
   * differences of microseconds that no network lets anyone see; size alone would flag noise.
   * Significance level. [0.01]
   */
  alpha?: number;
  /**
   * Smallest median difference (ms) that counts. A systematic 0.4 ms is visible from the same data
   * centre with enough requests, so the default sits below it. [0.25]
   */
  minDifferenceMs?: number;
  /**
   * Smallest effect size that counts: the matched-pairs effect size r = z / √n of the signed-rank
   * test, from 0 (none) to 1 (every pair the same way); 0.1 is small, 0.3 medium. [0.2]
   */
  minEffectSize?: number;
}

/** What {@link checkEnumeration} found. */
export interface EnumerationReport {
  /** Every pair answered with the same status. */
  sameStatus: boolean;
  /** Every pair answered with byte-identical bodies. */
  sameBody: boolean;
  /** Every pair answered with the same headers, volatile ones aside. */
  sameHeaders: boolean;
  /** Lower-case names of the headers that differed in at least one pair. */
  differingHeaders: string[];
  /** Response times. */
  timing: {
    /** Median of (known − unknown) over the pairs, in ms; positive when known accounts are slower. */
    medianDifferenceMs: number;
    /** Two-sided p-value of the Wilcoxon signed-rank test (normal approximation) on the pairs. */
    pValue: number;
    /** Matched-pairs effect size r = z / √n, signed like the median (positive: known slower). */
    effectSize: number;
  };
  /**
   * True when a client could tell the two apart: status, body or headers differ, or the timing
   * difference is significant (`pValue < alpha`), at least `minDifferenceMs` large and of an
   * effect size at least `minEffectSize`.
   */
  leaks: boolean;
}

const DEFAULT_VOLATILE_HEADERS = [
  "date",
  "etag",
  "last-modified",
  "age",
  "expires",
  "x-request-id",
  "x-correlation-id",
  "request-id",
  "x-response-time",
  "server-timing",
  "traceparent",
];

interface Sample {
  status: number;
  body: Uint8Array;
  headers: IncomingHttpHeaders;
  ms: number;
}

/**
 * Sends `samples` pairs of requests for a known and an unknown account and reports whether the
 * responses differ in any way an attacker could observe. Turn rate limits off in the app under test
 * (or vary the account per sample with a function body), or both sides will soon be answered 429.
 *
 * @example
 * ```ts
 * import { checkEnumeration } from "express-password-reset/testing";
 *
 * it("forgot does not reveal which accounts exist", async () => {
 *   const report = await checkEnumeration({
 *     app,                                   // your Express app, router mounted, rate limits off
 *     path: "/api/auth/password/forgot",
 *     known: { email: "alice@example.com" }, // exists in your test database
 *     unknown: { email: "nobody@example.com" },
 *     samples: 100,
 *   });
 *   assert.equal(report.leaks, false, JSON.stringify(report));
 * });
 * ```
 */
export async function checkEnumeration(options: EnumerationCheckOptions): Promise<EnumerationReport> {
  const samples = options.samples ?? 50;
  if (!Number.isInteger(samples) || samples < 1)
    throw new TypeError("checkEnumeration: `samples` must be a positive integer.");
  const ignored = new Set(
    (options.ignoreHeaders ?? DEFAULT_VOLATILE_HEADERS).map((name) => name.toLowerCase()),
  );
  const alpha = options.alpha ?? 0.01;
  const minDifferenceMs = options.minDifferenceMs ?? 0.25;
  const minEffectSize = options.minEffectSize ?? 0.2;

  // The plan is fixed up front (bodies resolved, order drawn) so the worker only sends and times.
  // Each pair runs in random order, so warm-up and leftover work from the previous request fall on
  // either side equally. The first pair warms the app up and is not counted.
  const plan: PlannedRequest[] = [];
  const knownFirst: boolean[] = [];
  for (let i = -1; i < samples; i++) {
    const first = Math.random() < 0.5;
    knownFirst.push(first);
    const known = planRequest(options, resolveBody(options.known, i));
    const unknown = planRequest(options, resolveBody(options.unknown, i));
    plan.push(...(first ? [known, unknown] : [unknown, known]));
  }

  const target = await listen(options.app);
  let results: Sample[];
  try {
    results = await runClient(target.port, plan);
  } finally {
    await target.close();
  }

  const differences: number[] = [];
  const differing = new Set<string>();
  let sameStatus = true;
  let sameBody = true;
  for (let i = 1; i <= samples; i++) {
    const a = results[2 * i] as Sample;
    const b = results[2 * i + 1] as Sample;
    const [known, unknown] = knownFirst[i] ? [a, b] : [b, a];
    if (known.status !== unknown.status) sameStatus = false;
    if (!Buffer.from(known.body).equals(Buffer.from(unknown.body))) sameBody = false;
    for (const name of headerDifferences(known.headers, unknown.headers, ignored)) differing.add(name);
    differences.push(known.ms - unknown.ms);
  }

  const medianDifferenceMs = median(differences);
  const test = wilcoxonSignedRank(differences);
  const pValue = test.p;
  const effectSize = test.n > 0 ? test.z / Math.sqrt(test.n) : 0;
  const sameHeaders = differing.size === 0;
  const timingLeak =
    pValue < alpha &&
    Math.abs(medianDifferenceMs) >= minDifferenceMs &&
    Math.abs(effectSize) >= minEffectSize;
  return {
    sameStatus,
    sameBody,
    sameHeaders,
    differingHeaders: [...differing].sort(),
    timing: { medianDifferenceMs, pValue, effectSize },
    leaks: !sameStatus || !sameBody || !sameHeaders || timingLeak,
  };
}

function resolveBody(body: EnumerationBody, sample: number): object | string {
  return typeof body === "function" ? body(sample) : body;
}

/** Starts the app on loopback if it is not already listening; `close` undoes only what we did. */
async function listen(app: RequestListener | Server): Promise<{ port: number; close: () => Promise<void> }> {
  const given = typeof app === "function" ? undefined : app;
  if (given?.listening) {
    return { port: (given.address() as AddressInfo).port, close: async () => {} };
  }
  const server = given ?? createServer(app as RequestListener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

interface PlannedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | undefined;
}

function planRequest(options: EnumerationCheckOptions, body: unknown): PlannedRequest {
  const payload =
    body === undefined
      ? undefined
      : Buffer.from(typeof body === "string" ? body : JSON.stringify(body), "utf8");
  const headers: Record<string, string> = {};
  if (payload !== undefined) {
    if (typeof body !== "string") headers["content-type"] = "application/json";
    headers["content-length"] = String(payload.length);
  }
  Object.assign(headers, options.headers);
  return { method: options.method ?? "POST", path: options.path, headers, body: payload };
}

// The client, as plain CommonJS so it runs as an `eval` worker from both the ESM and CJS builds.
// One kept-alive connection: connection setup would otherwise dominate and blur the timing.
const CLIENT_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function send(r) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      { host: "127.0.0.1", port: workerData.port, method: r.method, path: r.path, headers: r.headers, agent },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          resolve({ status: res.statusCode, body: Buffer.concat(chunks), headers: res.headers, ms });
        });
      },
    );
    req.on("error", reject);
    req.end(r.body ? Buffer.from(r.body) : undefined);
  });
}
(async () => {
  const results = [];
  for (const r of workerData.plan) results.push(await send(r));
  agent.destroy();
  parentPort.postMessage(results);
})().catch((error) => { throw error; });
`;

function runClient(port: number, plan: PlannedRequest[]): Promise<Sample[]> {
  return new Promise<Sample[]>((resolve, reject) => {
    const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: { port, plan } });
    worker.once("message", (results: Sample[]) => resolve(results));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`checkEnumeration: the client worker exited with code ${code}`));
    });
  });
}

function headerDifferences(
  a: IncomingHttpHeaders,
  b: IncomingHttpHeaders,
  ignored: ReadonlySet<string>,
): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((name) => !ignored.has(name) && String(a[name]) !== String(b[name]));
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

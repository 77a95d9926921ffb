/**
 * 3. Reset cost and the event loop. A reset hashes the new password with bcrypt (cost 10 by
 * default), the one CPU-heavy step of the package. This section measures, in one run:
 *   - the machine's limit: bcrypt hashes per second on one core, alone, times the cores;
 *   - a burst of concurrent resets (each with its own fresh token) against that limit;
 *   - what the host app feels meanwhile: its event-loop delay p99 and the p99 latency of a
 *     trivial neighbouring GET polled during the burst.
 * It does so twice: with bcryptjs's async hash, sliced on the main thread (what the package did
 * before, and what `hashPassword: (p) => bcrypt.hash(p, 10)` does), and with the default hasher,
 * `createPasswordHashing` (lib/hash-worker.ts: bcryptjs in worker threads).
 *
 * bcryptjs yields between slices with `setImmediate`, but the slices of hashes that start
 * together all run in the same turn of the loop: resets arriving at once on warm keep-alive
 * connections (as from a proxy's pool, as here) block the loop for the sum of their hashes.
 *
 * The event-loop histogram is per timer sample, not per unit of time: a loop blocked for seconds
 * yields one sample, which p99 can hide among the short ones around it. Hence its max too, and
 * the neighbour's latency, which is what a user of the host app would feel.
 */
import { availableParallelism } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import bcrypt from "bcryptjs";
import express from "express";
import { createBcryptPool, type PasswordHashing } from "../lib/hashing/bcrypt-pool.js";
import { bcryptHasher, createPasswordResetRouter } from "../lib/index.js";
import { CapturingMailer } from "../lib/testing/index.js";
import { RESET_URL, silentLogger, userTable } from "./fixtures.js";
import { keepAliveAgent, listen, send, sleep, type Reply } from "./http.js";
import { fixed, type Row, type SectionResult } from "./report.js";
import { quantile } from "./stats.js";

/** Knobs of the reset section. */
export interface ResetLoadOptions {
  /** Concurrent resets per burst. */
  burst: number;
  /** Bursts per hasher, alternating. */
  rounds: number;
  /** How long to time bcrypt alone. */
  singleCoreSeconds: number;
}

const ROUNDS = 10;
const PASSWORD = "correct horse battery staple";
const NEIGHBOUR_P99_MS = 50;
const THROUGHPUT_SHARE = 0.9;
const POLL_MS = 10;

type Hasher = "main thread" | "worker pool (default)";

interface Burst {
  resets: number;
  seconds: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** CPU seconds of the whole process (workers included) per wall second of the burst. */
  coresBusy: number;
  neighbourMs: number[];
}

/** bcryptjs hashes per second on this thread with nothing else running. */
function singleCoreRate(seconds: number): number {
  bcrypt.hashSync(PASSWORD, ROUNDS); // JIT warm-up
  const started = process.hrtime.bigint();
  let hashes = 0;
  let elapsed = 0;
  while (elapsed < seconds || hashes < 5) {
    bcrypt.hashSync(PASSWORD, ROUNDS);
    hashes++;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  return hashes / elapsed;
}

async function runBurst(hasher: Hasher, size: number): Promise<Burst> {
  const users = userTable(size);
  const mailer = new CapturingMailer();
  const router = createPasswordResetRouter({
    users,
    mailer,
    resetUrl: RESET_URL,
    rateLimit: false,
    advanced: { logger: silentLogger },
    // bcryptjs on the main thread: a bcryptHasher whose hashing is replaced leaves the pool.
    ...(hasher === "main thread"
      ? {
          password: { hasher: bcryptHasher({ rounds: ROUNDS, hash: (plain) => bcrypt.hash(plain, ROUNDS) }) },
        }
      : {}),
  });
  const app = express();
  app.get("/health", (_req, res) => {
    res.send("ok");
  });
  app.use("/auth/password", router);
  const server = await listen(app);
  const agent = keepAliveAgent(size);
  const pollAgent = keepAliveAgent(1);
  try {
    // One fresh token per user, read from the captured mail.
    await Promise.all(
      Array.from({ length: size }, (_, i) =>
        send(agent, `${server.url}/auth/password/forgot`, "POST", { email: `user-${i}@example.com` }),
      ),
    );
    await router.drain();
    const tokens = mailer.resets.map((m) => new URL(m.link ?? "").searchParams.get("token") ?? "");
    if (new Set(tokens).size !== size)
      throw new Error(`expected ${size} distinct tokens, got ${tokens.length}`);
    await send(pollAgent, `${server.url}/health`, "GET");

    const loop = monitorEventLoopDelay({ resolution: 5 });
    const neighbourMs: number[] = [];
    const burst = { endedAt: Number.POSITIVE_INFINITY };
    // A poll is due every POLL_MS and its latency counts from when it was due, not from when it
    // could be sent: a poll that falls due while the loop is blocked waits out the block, as a
    // user's request would. (Timing from the send instead would skip every stall that began
    // between two polls: coordinated omission.)
    // Polls stop once every poll that fell due before the burst ended has been answered.
    const poller = (async () => {
      const start = performance.now();
      for (let i = 0; ; i++) {
        const due = start + i * POLL_MS;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (due > burst.endedAt) break;
        await send(pollAgent, `${server.url}/health`, "GET");
        neighbourMs.push(performance.now() - due);
      }
    })();
    poller.catch(() => {}); // awaited below; this only keeps a failed run from an unhandled rejection
    loop.enable();
    // The histogram records the gap between two of its ticks, so the first tick only starts the
    // clock: a stall before it would go unseen. Let a few ticks pass before the burst.
    await sleep(25);
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    let replies: Reply[];
    try {
      replies = await Promise.all(
        tokens.map((token) =>
          send(agent, `${server.url}/auth/password/reset`, "POST", {
            token,
            password: PASSWORD,
            passwordConfirm: PASSWORD,
          }),
        ),
      );
    } finally {
      // Also when a reset fails: the poller must not outlive the burst.
      burst.endedAt = performance.now();
      loop.disable();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    await poller;

    const failed = replies.filter((r) => r.status !== 200);
    if (failed.length > 0) throw new Error(`${failed.length} resets failed: ${failed[0]?.body}`);
    const wrongCost = [...users.passwords.values()].filter((hash) => !hash.startsWith(`$2b$${ROUNDS}$`));
    if (users.passwords.size !== size || wrongCost.length > 0) {
      throw new Error("the hashes stored are not bcrypt cost 10");
    }
    // One check, outside the timed part, that a stored hash verifies: the output is real bcrypt.
    const sample = users.passwords.get("0");
    if (sample === undefined || !(await bcrypt.compare(PASSWORD, sample))) {
      throw new Error("a stored hash does not verify");
    }
    return {
      resets: size,
      seconds,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMaxMs: loop.max / 1e6,
      coresBusy: (used.user + used.system) / 1e6 / seconds,
      neighbourMs,
    };
  } finally {
    agent.destroy();
    pollAgent.destroy();
    await router.close();
    await server.close();
  }
}

/** Hashes per second of the pool alone, no HTTP: what the worker variant can at best reach now. */
async function poolRate(pool: PasswordHashing, hashes: number): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: hashes }, () => pool.hash(PASSWORD)));
  return hashes / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Runs the section. */
export async function benchResetLoad(options: ResetLoadOptions): Promise<SectionResult> {
  const cores = availableParallelism();
  const pool = createBcryptPool({ rounds: ROUNDS });
  const bursts: Record<Hasher, Burst[]> = { "main thread": [], "worker pool (default)": [] };
  const singles: number[] = [];
  let poolAlone: number;
  try {
    singles.push(singleCoreRate(options.singleCoreSeconds));
    // Start the workers and warm the JIT on both paths before anything is timed.
    await Promise.all(Array.from({ length: cores }, () => pool.hash(PASSWORD)));
    await bcrypt.hash(PASSWORD, ROUNDS);
    poolAlone = await poolRate(pool, cores * 4);
    for (let round = 0; round < options.rounds; round++) {
      const order: Hasher[] =
        round % 2 === 0 ? ["main thread", "worker pool (default)"] : ["worker pool (default)", "main thread"];
      for (const hasher of order) bursts[hasher].push(await runBurst(hasher, options.burst));
    }
    // Timed again at the end: on a shared machine the better of the two is the fairer limit.
    singles.push(singleCoreRate(options.singleCoreSeconds));
  } finally {
    await pool.close();
  }
  const single = Math.max(...singles);
  const limit = single * cores;

  const section = "3 reset";
  const rows: Row[] = [
    {
      section,
      figure: `limit: bcrypt cost ${ROUNDS}, 1 core alone x ${cores}`,
      value: `${fixed(single, 1)}/s x ${cores} = ${fixed(limit, 1)}/s`,
      target: "-",
      ratio: null,
      met: null,
    },
    {
      section,
      figure: `worker pool alone, ${cores * 4} hashes, no HTTP`,
      value: `${fixed(poolAlone, 1)} hashes/s`,
      target: "-",
      ratio: poolAlone / limit,
      met: null,
    },
  ];
  const data: Record<string, unknown> = { ...options, cores, singleCoreRates: singles, limit, poolAlone };
  for (const hasher of Object.keys(bursts) as Hasher[]) {
    const runs = bursts[hasher];
    const rate = runs.reduce((n, b) => n + b.resets, 0) / runs.reduce((s, b) => s + b.seconds, 0);
    const loopP99 = Math.max(...runs.map((b) => b.loopP99Ms));
    const loopMax = Math.max(...runs.map((b) => b.loopMaxMs));
    const coresBusy =
      runs.reduce((sum, b) => sum + b.coresBusy * b.seconds, 0) / runs.reduce((s, b) => s + b.seconds, 0);
    const neighbour = runs.flatMap((b) => b.neighbourMs);
    const neighbourP99 = quantile(neighbour, 0.99);
    data[hasher] = {
      rate,
      coresBusy,
      loopP99Ms: loopP99,
      loopMaxMs: loopMax,
      neighbourP99Ms: neighbourP99,
      neighbourPolls: neighbour.length,
      runs: runs.map(({ neighbourMs, ...run }) => ({ ...run, neighbourP99Ms: quantile(neighbourMs, 0.99) })),
    };
    rows.push(
      {
        section,
        figure: `${hasher}: ${options.burst} concurrent resets`,
        value: `${fixed(rate, 1)} resets/s, ${fixed(coresBusy, 2)} cores busy`,
        target: `>= ${THROUGHPUT_SHARE} x limit`,
        ratio: rate / limit,
        met: rate >= THROUGHPUT_SHARE * limit,
      },
      {
        section,
        figure: `${hasher}: event-loop delay p99 / max`,
        value: `${fixed(loopP99, 1)} / ${fixed(loopMax, 1)} ms`,
        target: "-",
        ratio: null,
        met: null,
      },
      {
        section,
        figure: `${hasher}: neighbour GET p99 (${neighbour.length} polls)`,
        value: `${fixed(neighbourP99, 1)} ms`,
        target: `< ${NEIGHBOUR_P99_MS} ms`,
        ratio: neighbourP99 / NEIGHBOUR_P99_MS,
        met: neighbourP99 < NEIGHBOUR_P99_MS,
      },
    );
  }
  return { rows, data };
}

/**
 * 4. Memory under a flood: 100,000 forgot requests for distinct unknown identifiers, memory store.
 * What grows is the per-identifier limit: one counter (a keyed hash and a window) per identifier
 * seen in the current window; unknown accounts leave no grant. Memory is therefore bounded by
 * bytes per counter x identifiers seen in one window, and the store's sweep after the window's
 * end frees it all. The sweep runs every second here (the default is a minute), so the bench can
 * wait the window out; its `maxEntries` is raised above the flood, since a full counter table
 * answers new identifiers 429 by design.
 *
 * The per-IP limit is turned off: every request here comes from one address, so with it on all
 * but the first 20 would be refused before the identifier limiter is reached and the flood would
 * measure nothing. Off, it stands for the worst case, a botnet with an address per request.
 *
 * The identifier window is shortened so the bench can wait it out, but kept longer than the flood
 * (checked): with a 2 s window, records would expire while the flood still runs and the figure
 * would count only the last 2 s of it. The requests go through a fake req/res (fake-http.ts), so
 * the flood takes seconds and the heap holds only what the package keeps.
 */
import { createPasswordResetRouter, MemoryTokenStore } from "../lib/index.js";
import { callRouter } from "./fake-http.js";
import { idleMailer, RESET_URL, silentLogger, userTable } from "./fixtures.js";
import { sleep } from "./http.js";
import { fixed, mib, type SectionResult } from "./report.js";

/** Knobs of the memory section. */
export interface MemoryOptions {
  requests: number;
  /** Upper bound of the identifier window, which is sized from a timed warm-up flood. */
  maxWindowSeconds: number;
}

const WARM_REQUESTS = 5000;

/** The stated bound: heap per identifier tracked in the window (issue 23: 284 B in 0.2). */
const BYTES_PER_IDENTIFIER = 256;
/** What may remain after the window: GC and JIT noise, not a per-request leak. */
const RETAINED_SLACK_BYTES = 2 * 1048576;

function collect(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc (bench/run.ts re-spawns itself with it)");
  // Twice: the first pass can leave objects that only die once their finalizers have run.
  gc();
  gc();
  return process.memoryUsage();
}

function createRouter(windowSeconds: number) {
  return createPasswordResetRouter({
    tokenStore: new MemoryTokenStore({ sweepIntervalMs: 1000, maxEntries: 150_000 }),
    users: userTable(0),
    mailer: idleMailer(),
    resetUrl: RESET_URL,
    rateLimit: { forgotPerIp: false, forgotPerIdentifier: { points: 3, durationSeconds: windowSeconds } },
    advanced: { logger: silentLogger },
  });
}

/** Sends `count` forgot requests for distinct identifiers, `BATCH` at a time; returns the seconds taken. */
async function flood(router: ReturnType<typeof createRouter>, count: number, tag: string): Promise<number> {
  const started = process.hrtime.bigint();
  for (let sent = 0; sent < count;) {
    const batch: Promise<number>[] = [];
    for (const end = Math.min(count, sent + BATCH); sent < end; sent++) {
      const email = `flood-${tag}-${sent.toString(36).padStart(6, "0")}@example.com`;
      batch.push(callRouter(router, "/forgot", { email }, "203.0.113.7"));
    }
    const statuses = await Promise.all(batch);
    const refused = statuses.find((status) => status !== 200);
    if (refused !== undefined) throw new Error(`forgot answered ${refused} during the flood`);
  }
  await router.drain();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const BATCH = 500;

/** Runs the section. */
export async function benchMemory(options: MemoryOptions): Promise<SectionResult> {
  // Warm the JIT on a router of its own, so compiled code is in the baseline rather than the
  // growth, and time it to size the window: longer than the flood, but no longer than needed.
  const warm = createRouter(1);
  const warmSeconds = await flood(warm, WARM_REQUESTS, "warm");
  await warm.close();
  const windowSeconds = Math.min(
    options.maxWindowSeconds,
    Math.max(5, Math.ceil((warmSeconds / WARM_REQUESTS) * options.requests * 2 + 2)),
  );
  await sleep(1500); // the warm-up's own records expire after its 1 s window

  const router = createRouter(windowSeconds);
  let before: NodeJS.MemoryUsage;
  let during: NodeJS.MemoryUsage;
  let after: NodeJS.MemoryUsage;
  let seconds: number;
  try {
    before = collect();
    const floodStarted = Date.now();
    seconds = await flood(router, options.requests, "x");
    during = collect();
    if (Date.now() - floodStarted >= windowSeconds * 1000) {
      throw new Error(`the flood took ${fixed(seconds, 1)} s, longer than the ${windowSeconds} s window`);
    }
    // The last identifier's window ends `windowSeconds` after its request; the next sweep frees it.
    await sleep(Math.max(0, floodStarted + seconds * 1000 + windowSeconds * 1000 + 1500 - Date.now()));
    after = collect();
  } finally {
    await router.close();
  }

  const grown = during.heapUsed - before.heapUsed;
  const perIdentifier = grown / options.requests;
  const retained = after.heapUsed - before.heapUsed;
  const section = "4 memory";
  return {
    rows: [
      {
        section,
        figure: `memory limiter: heap held for ${options.requests} distinct ids in one window`,
        value: `+${mib(grown)} (${fixed(perIdentifier, 0)} B/id)`,
        target: `<= ${BYTES_PER_IDENTIFIER} B/id`,
        ratio: perIdentifier / BYTES_PER_IDENTIFIER,
        met: perIdentifier <= BYTES_PER_IDENTIFIER,
      },
      {
        section,
        figure: `heap after the ${windowSeconds} s window + gc`,
        value: `${retained >= 0 ? "+" : ""}${mib(retained)}`,
        target: `< ${mib(RETAINED_SLACK_BYTES)}`,
        ratio: Math.max(0, retained) / RETAINED_SLACK_BYTES,
        met: retained < RETAINED_SLACK_BYTES,
      },
      {
        section,
        figure: "rss before / flood / after window",
        value: `${mib(before.rss)} / ${mib(during.rss)} / ${mib(after.rss)}`,
        target: "-",
        ratio: null,
        met: null,
      },
    ],
    data: {
      ...options,
      windowSeconds,
      floodSeconds: seconds,
      floodRate: options.requests / seconds,
      bytesPerIdentifierBound: BYTES_PER_IDENTIFIER,
      before,
      during,
      after,
      perIdentifier,
      retained,
    },
  };
}

/**
 * bcrypt off the main thread. bcryptjs is pure JavaScript: its async `hash` only slices the work
 * on the event loop, and concurrent hashes are sliced in the same turn of the loop, so a burst of
 * resets stalls every other route of the host app for seconds, all on one core. This pool runs
 * `hashSync` in `worker_threads`, one per available core, so resets use every core and the app's
 * event loop stays free.
 *
 * The worker is inline source (`eval: true`) rather than a file, so it needs no path of its own
 * and works the same from the ESM and CommonJS builds and from TypeScript source under tsx. Where
 * a worker cannot start at all (a bundled app shipped without `node_modules`, a platform without
 * threads), hashing falls back to bcryptjs on the main thread: slower for the app, never broken.
 */
import { hash as bcryptHash } from "bcryptjs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/** A password hasher backed by a pool of worker threads. */
export interface WorkerHasher {
  /** bcrypt hash (`$2b$…`) of `plain` at the pool's cost; a plain function, safe to pass unbound. */
  hash(plain: string): Promise<string>;
  /** Lets queued and running hashes finish, then ends the workers. Later `hash` calls reject. */
  close(): Promise<void>;
}

interface Job {
  plain: string;
  resolve(hash: string): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  /** Set once the worker has loaded bcryptjs; a worker that dies before that cannot work here. */
  ready: boolean;
}

// CommonJS, as `node -e` runs it. `hashSync` is right here: blocking a worker blocks nobody.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const bcrypt = require(workerData.bcryptjs);
parentPort.postMessage({ ready: true });
parentPort.on("message", (plain) => {
  try {
    parentPort.postMessage({ hash: bcrypt.hashSync(plain, workerData.rounds) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
`;

/**
 * Creates a pool of up to `size` (default `os.availableParallelism()`) workers hashing with
 * bcryptjs at cost `rounds`. Workers start on first use, are `unref()`ed while idle (an idle
 * pool never keeps the process alive) and are replaced if one dies.
 */
export function createWorkerHasher(rounds: number, size = availableParallelism()): WorkerHasher {
  if (!Number.isInteger(rounds) || rounds < 4 || rounds > 31) {
    throw new TypeError(`createWorkerHasher: rounds must be an integer from 4 to 31; got ${String(rounds)}.`);
  }
  if (!Number.isInteger(size) || size < 1) {
    throw new TypeError(`createWorkerHasher: size must be a positive integer; got ${String(size)}.`);
  }
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let closing: Promise<void> | undefined;
  let idle: (() => void) | undefined;
  let bcryptjs: string | undefined;
  let inThread = false;
  let inThreadRunning = 0;

  const takeJob = (slot: Slot): Job | undefined => {
    const job = slot.job;
    slot.job = undefined;
    return job;
  };

  const runInThread = (job: Job): void => {
    inThreadRunning++;
    bcryptHash(job.plain, rounds)
      .then(job.resolve, (error: unknown) =>
        job.reject(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => {
        inThreadRunning--;
        dispatch();
      });
  };

  const spawn = (): Slot | undefined => {
    bcryptjs ??= resolveBcryptjs();
    let worker: Worker;
    try {
      // `execArgv: []`: the worker is plain CommonJS and needs none of the host's loaders (tsx, ...).
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptjs, rounds }, execArgv: [] });
    } catch {
      inThread = true;
      return undefined;
    }
    const slot: Slot = { worker, job: undefined, ready: false };
    worker.unref();
    worker.on("message", (reply: { ready?: boolean; hash?: string; error?: string }) => {
      if (reply.ready) {
        slot.ready = true;
        return;
      }
      const job = takeJob(slot);
      if (typeof reply.hash === "string") job?.resolve(reply.hash);
      else job?.reject(new Error(`password hashing failed: ${reply.error ?? "no result"}`));
      dispatch();
    });
    const retire = (error: Error): void => {
      const index = slots.indexOf(slot);
      if (index !== -1) slots.splice(index, 1);
      const job = takeJob(slot);
      if (!slot.ready) {
        // It never loaded bcryptjs, so no worker will: hash on this thread from now on.
        inThread = true;
        if (job) queue.unshift(job);
      } else {
        job?.reject(error);
      }
      dispatch();
    };
    worker.on("error", (error) => retire(error instanceof Error ? error : new Error(String(error))));
    worker.on("exit", (code) => retire(new Error(`password hashing worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  };

  const dispatch = (): void => {
    while (queue.length > 0) {
      if (inThread) {
        runInThread(queue.shift() as Job);
        continue;
      }
      const slot = slots.find((s) => s.job === undefined) ?? (slots.length < size ? spawn() : undefined);
      if (!slot) {
        if (inThread) continue; // a worker could not even be created
        break;
      }
      const job = queue.shift() as Job;
      slot.job = job;
      // Held while busy, so a script awaiting a hash does not exit under it.
      slot.worker.ref();
      slot.worker.postMessage(job.plain);
    }
    for (const slot of slots) if (slot.job === undefined) slot.worker.unref();
    if (idle && queue.length === 0 && inThreadRunning === 0 && slots.every((s) => s.job === undefined))
      idle();
  };

  return {
    hash(plain: string): Promise<string> {
      if (closing) return Promise.reject(new Error("the password hasher is closed"));
      if (typeof plain !== "string") return Promise.reject(new TypeError("the password must be a string"));
      return new Promise<string>((resolve, reject) => {
        queue.push({ plain, resolve, reject });
        dispatch();
      });
    },
    close(): Promise<void> {
      closing ??= (async () => {
        if (queue.length > 0 || inThreadRunning > 0 || slots.some((s) => s.job !== undefined)) {
          await new Promise<void>((resolve) => (idle = resolve));
        }
        const ending = slots.splice(0).map((slot) => {
          slot.worker.removeAllListeners("exit");
          return slot.worker.terminate();
        });
        await Promise.all(ending);
      })();
      return closing;
    },
  };
}

/**
 * The absolute path of bcryptjs's CommonJS build, resolved from this file, so the worker finds
 * the package's own bcryptjs whatever the process's working directory. `import.meta` cannot be
 * written in a file that also builds to CommonJS, so in the ESM build the file's own URL is read
 * from a V8 call site instead.
 */
function resolveBcryptjs(): string {
  const here = typeof __filename === "string" ? __filename : ownFileName();
  try {
    if (here) return createRequire(here).resolve("bcryptjs");
  } catch {
    // Fall through: the worker then resolves it from the working directory, or cannot start.
  }
  return "bcryptjs";
}

function ownFileName(): string | undefined {
  const original = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, ownFileName);
    const sites = holder.stack as NodeJS.CallSite[] | undefined;
    return sites?.[0]?.getFileName() ?? undefined;
  } finally {
    Error.prepareStackTrace = original;
  }
}

/**
 * bcrypt off the main thread, in a piscina worker pool. bcryptjs is pure JavaScript: its async
 * `hash` only slices the work on the event loop, so a burst of resets would stall every other
 * route of the host app for seconds, all on one core. The pool runs it on every core instead.
 *
 * The queue is bounded (a flood is refused at once instead of piling up memory and latency), and
 * a hash whose caller gave up (its `signal` aborted, e.g. by the adapter timeout) is cancelled:
 * dropped from the queue, or its worker stopped. Where a worker cannot start at all (a platform
 * without threads, a bundle shipped without the worker file), hashing falls back to bcryptjs on the
 * main thread: slower for the app, never broken.
 */
import { hash as bcryptHash } from "bcryptjs";
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { checkBcryptRounds } from "../policy/bcrypt.js";
import { BCRYPT_WORKER_FILE } from "./worker-file.js";

/** Hashes passwords; `close()` stops whatever it started. */
export interface PasswordHashing {
  /** bcrypt hash of `plain`; an aborted `signal` cancels it. A plain function, safe to pass unbound. */
  hash(plain: string, signal?: AbortSignal): Promise<string>;
  /** Lets queued and running hashes finish, then ends the workers. Later `hash` calls reject. */
  close(): Promise<void>;
}

/** Options of {@link createBcryptPool}. */
export interface BcryptPoolOptions {
  /** bcrypt cost. */
  rounds: number;
  /** Worker threads. [`os.availableParallelism()`] */
  threads?: number;
  /** Hashes that may wait for a thread; past it `hash` rejects at once. [64 per thread] */
  maxQueue?: number;
}

/** Creates the pool; threads start on first use and are ended when idle. */
export function createBcryptPool(options: BcryptPoolOptions): PasswordHashing {
  const { rounds } = options;
  checkBcryptRounds(rounds, "createBcryptPool: rounds");
  const threads = options.threads ?? availableParallelism();
  const pool = new Piscina<{ plain: string; rounds: number }, string>({
    filename: BCRYPT_WORKER_FILE,
    minThreads: 0,
    maxThreads: threads,
    maxQueue: options.maxQueue ?? threads * 64,
    // An idle pool must not keep the host process alive or hold memory.
    idleTimeout: 5_000,
  });
  let closed = false;
  let workersFailed = false;
  const inFlight = new Set<Promise<unknown>>();

  const run = async (plain: string, signal: AbortSignal | undefined): Promise<string> => {
    if (workersFailed) return bcryptHash(plain, rounds);
    try {
      return await pool.run({ plain, rounds }, signal ? { signal } : {});
    } catch (error) {
      if (signal?.aborted || isQueueFull(error) || !isWorkerStartFailure(error)) throw error;
      workersFailed = true;
      return bcryptHash(plain, rounds);
    }
  };
  return {
    hash(plain, signal) {
      if (closed) return Promise.reject(new Error("the password hasher is closed"));
      const task = run(plain, signal);
      inFlight.add(task);
      void task.then(
        () => inFlight.delete(task),
        () => inFlight.delete(task),
      );
      return task;
    },
    async close() {
      closed = true;
      // piscina's own close may stop a worker still starting; let every accepted hash finish first.
      await Promise.allSettled([...inFlight]);
      await pool.close();
    },
  };
}

function isQueueFull(error: unknown): boolean {
  return error instanceof Error && /queue is at limit/i.test(error.message);
}

/** A worker that could not load its file or bcryptjs: the pool cannot work on this platform. */
function isWorkerStartFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "MODULE_NOT_FOUND" || code === "ERR_WORKER_PATH" || code === "ERR_WORKER_INIT_FAILED";
}

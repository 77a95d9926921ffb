/** Bounds how long an adapter call may take, so a hung database or SMTP server cannot hang a request. */

/** Raised when an adapter call outlives its time limit. */
export class AdapterTimeoutError extends Error {
  /** `operation` names the call, e.g. `users.findUser`. */
  constructor(operation: string, ms: number) {
    super(`${operation} did not settle within ${ms} ms`);
    this.name = "AdapterTimeoutError";
  }
}

/** A pending deadline of a {@link Deadlines} queue. */
interface Deadline {
  /** When it expires, on the monotonic clock (`performance.now()`). */
  at: number;
  /** Runs once, at expiry, unless cancelled first. */
  expire: (() => void) | undefined;
  prev: Deadline | undefined;
  next: Deadline | undefined;
}

/**
 * The deadlines of one duration, in the order they were set, which is the order they expire in:
 * one timer for all of them (armed for the oldest) instead of a `setTimeout` and a `clearTimeout`
 * per adapter call, which were most of what bounding a call cost. The timer holds the process
 * open only while a deadline is pending, as each call's own timer did.
 */
export class Deadlines {
  readonly #ms: number;
  #head: Deadline | undefined = undefined;
  #tail: Deadline | undefined = undefined;
  #timer: NodeJS.Timeout | undefined = undefined;

  /** Deadlines `ms` after they are set. */
  constructor(ms: number) {
    this.#ms = ms;
  }

  /** Calls `expire` in `ms`, unless the returned deadline is {@link Deadlines.cancel}led first. */
  set(expire: () => void): Deadline {
    const deadline: Deadline = {
      at: performance.now() + this.#ms,
      expire,
      prev: this.#tail,
      next: undefined,
    };
    if (this.#tail) this.#tail.next = deadline;
    else {
      this.#head = deadline;
      // An armed timer fires no later than this deadline (it was set for an older one, and
      // re-arms for the rest); it only has to hold the process open again.
      if (this.#timer) this.#timer.ref();
      else this.#arm(this.#ms);
    }
    this.#tail = deadline;
    return deadline;
  }

  /** Forgets `deadline` (its call settled); a second cancel, or one after expiry, does nothing. */
  cancel(deadline: Deadline): void {
    if (deadline.expire === undefined) return;
    deadline.expire = undefined;
    const { prev, next } = deadline;
    if (prev) prev.next = next;
    else this.#head = next;
    if (next) next.prev = prev;
    else this.#tail = prev;
    deadline.prev = deadline.next = undefined;
    // Nothing pending: the timer may fire idle later, but must not keep a finished app running.
    if (this.#head === undefined) this.#timer?.unref();
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(() => this.#fire(), ms);
  }

  #fire(): void {
    this.#timer = undefined;
    const now = performance.now();
    // A timer may fire a fraction of a millisecond early by this clock: those count as due.
    while (this.#head !== undefined && this.#head.at <= now + 1) {
      const deadline = this.#head;
      const expire = deadline.expire;
      this.cancel(deadline);
      expire?.();
    }
    if (this.#head !== undefined) this.#arm(Math.max(1, Math.ceil(this.#head.at - now)));
  }
}

/** One queue per duration: a router's adapter calls all share one (`adapterTimeoutSeconds`). */
const queues = new Map<number, Deadlines>();

/** The shared {@link Deadlines} of `ms`. */
export function deadlinesOf(ms: number): Deadlines {
  let queue = queues.get(ms);
  if (!queue) {
    queue = new Deadlines(ms);
    queues.set(ms, queue);
  }
  return queue;
}

/** An abort signal that never fires, for calls that cannot be cancelled anyway. */
const NEVER = new AbortController().signal;

/**
 * Runs `call` and rejects with {@link AdapterTimeoutError} when it has not settled after `ms`.
 * With `cancellable`, the signal `call` receives is then aborted, so work that honours it (a
 * queued hash) is cancelled; otherwise no controller is made (it is the dearest part of a call).
 * A synchronous throw becomes a rejection, so callers handle one kind of failure.
 */
export function withTimeout<T>(
  operation: string,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
  cancellable = false,
): Promise<T> {
  const controller = cancellable ? new AbortController() : undefined;
  const queue = deadlinesOf(ms);
  // One promise and one queued deadline per call (no race of two promises, no timer of its own):
  // every adapter call of every request comes through here.
  return new Promise<T>((resolve, reject) => {
    const deadline = queue.set(() => {
      const error = new AdapterTimeoutError(operation, ms);
      reject(error);
      controller?.abort(error);
    });
    const settle = (value: T) => {
      queue.cancel(deadline);
      resolve(value);
    };
    const fail = (error: unknown) => {
      queue.cancel(deadline);
      reject(error);
    };
    // The call starts a microtask later, as an awaited `then` would start it, and a synchronous
    // throw becomes the rejection.
    queueMicrotask(() => {
      try {
        Promise.resolve(call(controller?.signal ?? NEVER)).then(settle, fail);
      } catch (error) {
        fail(error);
      }
    });
  });
}

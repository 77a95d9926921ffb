/**
 * Work that runs after the response has gone out (deliveries, notices). Tracked so that
 * `router.drain()` can wait for it; a task's failure never escapes as an unhandled rejection.
 */
export class BackgroundTasks {
  readonly #running = new Set<Promise<void>>();
  readonly #onError: (error: unknown) => void;
  /**
   * Starts due in the same millisecond share one timer: every forgot schedules its delivery a
   * random 2–40 ms after its answer, so under load most of them land in a millisecond that already
   * has one (a timer per request was a visible part of a forgot's cost).
   */
  readonly #slots = new Map<number, Array<() => void>>();

  /** `onError` receives anything a task throws that it did not handle itself. */
  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Starts `task` after `delayMs` (now, by default; at most a millisecond later) and tracks it until it settles. */
  run(task: () => Promise<void>, delayMs = 0): void {
    const start =
      delayMs > 0 ? new Promise<void>((resolve) => this.#after(delayMs, resolve)) : Promise.resolve();
    const promise: Promise<void> = start
      .then(task)
      .catch((error: unknown) => this.#onError(error))
      .finally(() => this.#running.delete(promise));
    this.#running.add(promise);
  }

  /** Resolves once every task, including any started while waiting, has settled. */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  /** Calls `start` in the first whole millisecond at least `delayMs` from now. */
  #after(delayMs: number, start: () => void): void {
    const now = performance.now();
    const due = Math.ceil(now + delayMs);
    const slot = this.#slots.get(due);
    if (slot) {
      slot.push(start);
      return;
    }
    const starts = [start];
    this.#slots.set(due, starts);
    setTimeout(
      () => {
        this.#slots.delete(due);
        for (const each of starts) each();
      },
      Math.ceil(due - now),
    );
  }
}

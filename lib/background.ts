/**
 * Work that runs after the response has gone out (deliveries, notices). Tracked so that
 * `router.drain()` can wait for it; a task's failure never escapes as an unhandled rejection.
 */
export class BackgroundTasks {
  readonly #running = new Set<Promise<void>>();
  readonly #onError: (error: unknown) => void;

  /** `onError` receives anything a task throws that it did not handle itself. */
  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Starts `task` after `delayMs` (now, by default) and tracks it until it settles. */
  run(task: () => Promise<void>, delayMs = 0): void {
    const start =
      delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)) : Promise.resolve();
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
}

/** Bounds how long an adapter call may take, so a hung database or SMTP server cannot hang a request. */

/** Raised when an adapter call outlives its time limit. */
export class AdapterTimeoutError extends Error {
  /** `operation` names the call, e.g. `users.findUser`. */
  constructor(operation: string, ms: number) {
    super(`${operation} did not settle within ${ms} ms`);
    this.name = "AdapterTimeoutError";
  }
}

/**
 * Runs `call` and rejects with {@link AdapterTimeoutError} when it has not settled after `ms`; the
 * signal `call` receives is then aborted, so work that honours it (a queued hash) is cancelled.
 * A synchronous throw becomes a rejection, so callers handle one kind of failure.
 */
export async function withTimeout<T>(
  operation: string,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AdapterTimeoutError(operation, ms);
      reject(error);
      controller.abort(error);
    }, ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => call(controller.signal)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

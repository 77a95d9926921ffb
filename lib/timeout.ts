/** Bounds how long an adapter call may take, so a hung database or SMTP server cannot hang a request. */

/** Raised when an adapter call outlives its time limit. */
export class AdapterTimeoutError extends Error {
  /** `operation` names the call, e.g. `users.findUser`. */
  constructor(operation: string, ms: number) {
    super(`${operation} did not settle within ${ms} ms`);
    this.name = "AdapterTimeoutError";
  }
}

/** An abort signal that never fires, for calls that cannot be cancelled anyway. */
const NEVER = new AbortController().signal;

/**
 * Runs `call` and rejects with {@link AdapterTimeoutError} when it has not settled after `ms`.
 * With `cancellable`, the signal `call` receives is then aborted, so work that honours it (a
 * queued hash) is cancelled; otherwise no controller is made (it is the dearest part of a call).
 * A synchronous throw becomes a rejection, so callers handle one kind of failure.
 */
export async function withTimeout<T>(
  operation: string,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
  cancellable = false,
): Promise<T> {
  const controller = cancellable ? new AbortController() : undefined;
  // One promise and one timer per call (no race of two promises): every adapter call of every
  // request comes through here.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new AdapterTimeoutError(operation, ms);
      reject(error);
      controller?.abort(error);
    }, ms);
    const settle = (value: T) => {
      clearTimeout(timer);
      resolve(value);
    };
    const fail = (error: unknown) => {
      clearTimeout(timer);
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

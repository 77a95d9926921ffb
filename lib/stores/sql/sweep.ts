/**
 * The SQL stores' sweep timer: rows past their time are deleted in the background, so tables do
 * not grow with every request that is never finished.
 */

/**
 * Runs `sweep` every `intervalMs` on an unref'ed timer, so it never keeps the process alive; none
 * for 0. A failed sweep is retried on the next tick: a store never logs on its own.
 */
export function startSweep(intervalMs: number, sweep: () => Promise<void>): NodeJS.Timeout | undefined {
  if (intervalMs <= 0) return undefined;
  const timer = setInterval(() => sweep().catch(() => {}), intervalMs);
  timer.unref();
  return timer;
}

/**
 * "Expires in 1 hour": the time left on a link or code, in English words. Messages say how long
 * rather than a clock time, because the reader's time zone is unknown.
 */

const MINUTE_MS = 60_000;

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

function pair(big: string, small: string | undefined): string {
  return small ? `${big} and ${small}` : big;
}

/**
 * The time from `nowMs` to `expiresAt` in words: `"less than a minute"`, `"15 minutes"`,
 * `"1 hour"`, `"1 hour and 30 minutes"`, `"2 days and 3 hours"`. Rounded to the nearest minute
 * (to the nearest hour past a day), so a link issued with one hour to live that is mailed a few
 * milliseconds later still reads "1 hour".
 */
export function expiresInWords(expiresAt: Date, nowMs: number): string {
  const minutes = Math.round((expiresAt.getTime() - nowMs) / MINUTE_MS);
  if (!(minutes >= 1)) return "less than a minute"; // also catches NaN from an invalid Date
  if (minutes < 60) return count(minutes, "minute");
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return pair(count(Math.floor(minutes / 60), "hour"), rest ? count(rest, "minute") : undefined);
  }
  const hours = Math.round(minutes / 60);
  const rest = hours % 24;
  return pair(count(Math.floor(hours / 24), "day"), rest ? count(rest, "hour") : undefined);
}

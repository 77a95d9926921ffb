/**
 * "Expires in 1 hour": the time left on a link or code, in words of the reader's language.
 * Messages say how long rather than a clock time, because the reader's time zone is unknown.
 * The units and the "and" come from `Intl` (`NumberFormat` units, `ListFormat`), so every language
 * Node knows is covered; only "less than a minute" is the caller's words.
 */

const MINUTE_MS = 60_000;

function unit(locale: string, n: number, name: "minute" | "hour" | "day"): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "long" }).format(n);
}

function pair(locale: string, big: string, small: string | undefined): string {
  return small ? new Intl.ListFormat(locale, { type: "conjunction" }).format([big, small]) : big;
}

/**
 * The time from `nowMs` to `expiresAt` in words: `"less than a minute"`, `"15 minutes"`,
 * `"1 hour"`, `"1 hour and 30 minutes"`, `"2 days and 3 hours"` — in English, or in `locale`
 * (`"1 Stunde und 30 Minuten"`), with `lessThanMinute` for the shortest case. Rounded to the
 * nearest minute (to the nearest hour past a day), so a link issued with one hour to live that
 * is mailed a few milliseconds later still reads "1 hour".
 */
export function expiresInWords(
  expiresAt: Date,
  nowMs: number,
  locale = "en",
  lessThanMinute = "less than a minute",
): string {
  const minutes = Math.round((expiresAt.getTime() - nowMs) / MINUTE_MS);
  if (!(minutes >= 1)) return lessThanMinute; // also catches NaN from an invalid Date
  if (minutes < 60) return unit(locale, minutes, "minute");
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return pair(
      locale,
      unit(locale, Math.floor(minutes / 60), "hour"),
      rest ? unit(locale, rest, "minute") : undefined,
    );
  }
  const hours = Math.round(minutes / 60);
  const rest = hours % 24;
  return pair(
    locale,
    unit(locale, Math.floor(hours / 24), "day"),
    rest ? unit(locale, rest, "hour") : undefined,
  );
}

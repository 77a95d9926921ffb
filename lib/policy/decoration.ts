/**
 * The "trivial decoration" rule shared by the common and context checks.
 *
 * Why this rule: password crackers try a dictionary word with a few digits or symbols appended
 * before anything else (hashcat's stock `best64` rules and the "OneRule" sets start with appended
 * digits, years and `!`), and people decorate exactly that way to pass composition rules:
 * "Password1!", "Summer2024!", "monkey123". A listed word plus such a tail therefore sits within
 * the first few thousand guesses for that word, which is what NIST SP 800-63B 3.1.1.2 calls a
 * "commonly-used, expected" value. The tail is limited to 1-5 characters (a year plus "!", "123!!")
 * so that a long run of digits, which does add real guessing work, is not refused by this rule, and
 * the base must keep at least 4 characters so the tail does not make up most of the password.
 * A leading capital needs no rule: every comparison is case-insensitive.
 */

/** Digits and the symbols people most often append, as a trailing run of 1 to 5 characters. */
const DECORATION = /(?<![\d!@#$%^&*?.+_-])[\d!@#$%^&*?.+_-]{1,5}$/u;

/** The shortest base the rule considers. */
export const MIN_DECORATED_BASE = 4;

/**
 * `lowered` without its decoration tail, or `undefined` when it has none or what is left is
 * shorter than `minBase` characters.
 */
export function undecorated(lowered: string, minBase = MIN_DECORATED_BASE): string | undefined {
  const match = DECORATION.exec(lowered);
  if (!match) return undefined;
  const base = lowered.slice(0, match.index);
  return [...base].length >= minBase ? base : undefined;
}

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
 *
 * The common check also reads decorations at the front ("!password", "123monkey") and a longer run
 * that adds no guessing work of its own: a sequence ("123456", "987654", "000000") or a run that is
 * itself a listed password ("password123456789" is two list entries glued, a combinator attack's
 * first guesses). A run like "19841231" is neither, so "dragon19841231" stays acceptable.
 */

/** The characters people most often add around a word. */
const DECORATION_CHARACTER = "[\\d!@#$%^&*?.+_-]";

/** Digits and the symbols people most often append, as a trailing run of 1 to 5 characters. */
const DECORATION = new RegExp(`(?<!${DECORATION_CHARACTER})${DECORATION_CHARACTER}{1,5}$`, "u");

/** A whole run of decoration characters at the start, and one at the end. */
const LEADING_RUN = new RegExp(`^${DECORATION_CHARACTER}+`, "u");
const TRAILING_RUN = new RegExp(`${DECORATION_CHARACTER}+$`, "u");

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

/** Whether `run` is one character repeated or consecutive digits, up or down ("123456", "4321"). */
function isSequence(run: string): boolean {
  if (run.length < 2) return true;
  const codes = [...run].map((character) => character.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  if (Math.abs(step) > 1 || (step !== 0 && !/^\d+$/u.test(run))) return false;
  return codes.every((code, i) => i === 0 || code - (codes[i - 1] ?? 0) === step);
}

/**
 * Every base `folded` may hide behind decorations at either end (see the module comment), each at
 * least {@link MIN_DECORATED_BASE} characters; `isListed` says whether a run is itself a listed
 * password. `folded` itself is not among them.
 */
export function decoratedBases(folded: string, isListed: (run: string) => boolean): string[] {
  const trivial = (run: string): boolean => run.length <= 5 || isSequence(run) || isListed(run);
  const lead = LEADING_RUN.exec(folded)?.[0] ?? "";
  const tail = TRAILING_RUN.exec(folded.slice(lead.length))?.[0] ?? "";
  const heads = lead && trivial(lead) ? [0, lead.length] : [0];
  const ends = tail && trivial(tail) ? [folded.length, folded.length - tail.length] : [folded.length];
  // A 1-5 character tail inside a longer run ("dragon19841231!" is "dragon19841231" plus "!").
  const short = undecorated(folded);
  const bases = new Set<string>(short === undefined ? [] : [short]);
  for (const start of heads) {
    for (const end of ends) {
      const base = folded.slice(start, end);
      if (base !== folded && [...base].length >= MIN_DECORATED_BASE) bases.add(base);
    }
  }
  return [...bases];
}

/**
 * Context words (NIST SP 800-63B 3.1.1.2, ASVS 5.0 6.2.11): a password built from the account's
 * own identifiers or the service's name is among an attacker's first guesses for that account.
 *
 * The rule, after Django's UserAttributeSimilarityValidator and Active Directory's "contains the
 * account name" check:
 * - The context words are each identifier whole and each word in it (split on anything that is not
 *   a letter or digit): the email address, its local part, its domain without the top-level label,
 *   the username, the name, the app's name; and the mobile number's digits (whole, last 10, last 7).
 *   Comparisons are case-insensitive and ignore separators ("Jane.Doe" and "janedoe" are the same).
 * - A password is refused when it contains a context word of 4 or more characters: "jane2024!",
 *   "MyAcmeLogin" for the app Acme. Shorter words ("li", "bob") would refuse too many unrelated
 *   passwords, so a 3-character word refuses only a password that is that word plus a trivial
 *   decoration ("bob2024!").
 * - It is also refused when it is nearly one of the whole identifiers: a Levenshtein similarity
 *   (1 - distance / longer length) of 0.7 or more, Django's default threshold, catches typos and
 *   swapped letters ("jaendoe" for "jane.doe").
 */
import { undecorated } from "./decoration.js";
import type { PasswordUser } from "./types.js";

/** Words at least this long refuse any password containing them. */
const CONTAINED_WORD_LENGTH = 4;
/** Shorter words refuse only the word itself, decorated. */
const SHORT_WORD_LENGTH = 3;
/** Django's default `max_similarity`. */
const MAX_SIMILARITY = 0.7;

const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;

function lower(value: string): string {
  return value.normalize("NFKC").toLowerCase();
}

/** `value` lower-cased with everything but letters and digits removed. */
function compact(value: string): string {
  return lower(value).replace(NOT_ALPHANUMERIC, "");
}

function words(value: string): string[] {
  return lower(value)
    .split(NOT_ALPHANUMERIC)
    .filter((word) => word !== "");
}

function present(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** The context of one account: whole identifiers (for similarity) and words (for containment). */
export interface ContextWords {
  /** Whole identifiers, compacted. */
  wholes: string[];
  /** Every context word, compacted, at least 3 characters long. */
  words: string[];
}

/** The context words of `user` and `appName` (see the rule above). */
export function contextWords(user: PasswordUser, appName?: string): ContextWords {
  const wholes = new Set<string>();
  const found = new Set<string>();
  const addText = (value: string): void => {
    wholes.add(compact(value));
    for (const word of words(value)) found.add(word);
  };
  if (present(user.email)) {
    const email = user.email.trim();
    const at = email.lastIndexOf("@");
    wholes.add(compact(email));
    if (at > 0) {
      addText(email.slice(0, at));
      // The domain's labels but its top-level one: "acme" in jane@acme.co; "com" says nothing.
      const labels = words(email.slice(at + 1));
      for (const label of labels.slice(0, -1)) found.add(label);
    }
  }
  if (present(user.username)) addText(user.username);
  if (present(user.name)) addText(user.name);
  if (present(appName)) addText(appName);
  if (present(user.mobile)) {
    const digits = user.mobile.replace(/\D+/g, "");
    for (const tail of [digits, digits.slice(-10), digits.slice(-7)]) {
      if (tail.length >= CONTAINED_WORD_LENGTH) {
        wholes.add(tail);
        found.add(tail);
      }
    }
  }
  const all = [...found, ...wholes].map(compact);
  return {
    wholes: [...wholes].filter((whole) => whole.length >= SHORT_WORD_LENGTH),
    words: [...new Set(all)].filter((word) => [...word].length >= SHORT_WORD_LENGTH),
  };
}

/** Levenshtein distance, on code points. */
function distance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function similar(password: string, whole: string): boolean {
  const a = [...password];
  const b = [...whole];
  const longer = Math.max(a.length, b.length);
  // The distance is at least the difference in length, so strings of very different lengths cannot
  // reach the threshold; skipping them also bounds the cost for long passwords.
  if (longer === 0 || Math.min(a.length, b.length) / longer < MAX_SIMILARITY) return false;
  return 1 - distance(a, b) / longer >= MAX_SIMILARITY;
}

/** Whether `password` is built from `context` (see the rule above). */
export function isContextPassword(password: string, context: ContextWords): boolean {
  const compacted = compact(password);
  const base = undecorated(lower(password), SHORT_WORD_LENGTH);
  const baseCompacted = base === undefined ? undefined : compact(base);
  for (const word of context.words) {
    if (
      [...word].length >= CONTAINED_WORD_LENGTH
        ? compacted.includes(word)
        : compacted === word || baseCompacted === word
    ) {
      return true;
    }
  }
  return context.wholes.some((whole) => similar(compacted, whole));
}

/**
 * The common-passwords list: the "passwords-common" dictionary of `@zxcvbn-ts/language-common`
 * (MIT), about 49,000 passwords ranked by frequency in public breach corpora (the Xato 10-million
 * set among them), all lower-case. It is loaded once, on the first check, so an app that turns the
 * check off never pays for it, and the dynamic `import()` works from both builds (the CommonJS
 * build compiles it to `require`).
 */
import { decoratedBases } from "./decoration.js";

let loading: Promise<ReadonlySet<string>> | undefined;

async function loadList(): Promise<ReadonlySet<string>> {
  const language = await import("@zxcvbn-ts/language-common");
  const words = language.dictionary["passwords-common"];
  if (!Array.isArray(words) || words.length < 10_000) {
    throw new Error("@zxcvbn-ts/language-common did not provide its passwords-common list");
  }
  return new Set(words.map((word) => word.toLowerCase()));
}

/** The list as a set of lower-case passwords, loaded on the first call and shared afterwards. */
export function commonPasswords(): Promise<ReadonlySet<string>> {
  loading ??= loadList().catch((error: unknown) => {
    // A failed load is retried by the next check rather than cached as a failure forever.
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Characters a person cannot see, or that only dress a letter: white space (which also joins the
 * words of "i love you"), format characters (soft hyphen, zero-width space and joiner, the BOM),
 * every other default-ignorable code point, and combining marks once letters are decomposed.
 */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]/gu;

/**
 * The form a password is looked up in: NFKC (full-width letters, the long s `ſ`, ligatures become
 * plain letters), lower case, then decomposed (NFD) so that accents, the dot of `İ` (which lower-
 * cases to `i` plus a combining dot) and every invisible character can be dropped.
 */
export function lookupForm(password: string): string {
  return password.normalize("NFKC").toLowerCase().normalize("NFD").replace(INVISIBLE, "").normalize("NFC");
}

/**
 * Whether `password` is on the list once folded (see {@link lookupForm}) or is a listed password
 * with a trivial decoration at either end (see decoration.ts): "Password1!" is "password" plus
 * "1!", " p a s s w o r d " is "password". Only the whole password is compared, never a word
 * inside it, so a passphrase that merely contains a listed word ("my password is a purple
 * elephant") is not refused.
 */
export async function isCommonPassword(password: string): Promise<boolean> {
  const list = await commonPasswords();
  const folded = lookupForm(password);
  if (list.has(folded)) return true;
  return decoratedBases(folded, (run) => list.has(run)).some((base) => list.has(base));
}

/**
 * The common-passwords list: the "passwords-common" dictionary of `@zxcvbn-ts/language-common`
 * (MIT), about 49,000 passwords ranked by frequency in public breach corpora (the Xato 10-million
 * set among them), all lower-case. It is loaded once, on the first check, so an app that turns the
 * check off never pays for it, and the dynamic `import()` works from both builds (the CommonJS
 * build compiles it to `require`).
 */
import { undecorated } from "./decoration.js";

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
 * Whether `password` is on the list, case-insensitively, or is a listed password with a trivial
 * decoration (see decoration.ts): "Password1!" is "password" plus "1!".
 */
export async function isCommonPassword(password: string): Promise<boolean> {
  const list = await commonPasswords();
  const lowered = password.toLowerCase();
  if (list.has(lowered)) return true;
  const base = undecorated(lowered);
  return base !== undefined && list.has(base);
}

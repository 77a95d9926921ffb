/**
 * The optional strength estimate (`minStrength`), by zxcvbn-ts. `@zxcvbn-ts/core` is an optional
 * peer dependency: the estimator and its English dictionary weigh about 6 MB installed, which
 * every app would carry for a check most leave off. It is imported only when a check asks for it;
 * `@zxcvbn-ts/language-en` is used when installed (English words and names) and skipped when not.
 */

// Type-only: erased from the output, so nothing loads the optional peer until a check asks for it.
import type * as ZxcvbnCore from "@zxcvbn-ts/core";

/** Scores `password` from 0 to 4, with the account's identifiers as known words. */
type Estimate = (password: string, userInputs: string[]) => number;

let loading: Promise<Estimate> | undefined;

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND";
}

async function loadEstimator(): Promise<Estimate> {
  let core: typeof ZxcvbnCore;
  try {
    core = await import("@zxcvbn-ts/core");
  } catch (error) {
    if (!isMissingModule(error)) throw error;
    throw new Error(
      "password minStrength needs the optional peer dependency @zxcvbn-ts/core: " +
        "npm install @zxcvbn-ts/core @zxcvbn-ts/language-en",
      { cause: error },
    );
  }
  const common = await import("@zxcvbn-ts/language-common");
  const english = await import("@zxcvbn-ts/language-en").catch((error: unknown) => {
    if (isMissingModule(error)) return undefined;
    throw error;
  });
  const zxcvbn = new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english?.dictionary },
    graphs: common.adjacencyGraphs,
    ...(english ? { translations: english.translations } : {}),
  });
  return (password, userInputs) => zxcvbn.check(password, userInputs).score;
}

/** The estimator, loaded on the first call and shared afterwards. */
export function strengthEstimator(): Promise<Estimate> {
  loading ??= loadEstimator().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

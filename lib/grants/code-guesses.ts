/**
 * The guess budget of codes. A code is short, so every guess counts, and the counting is built so
 * that (a) no one can make more than `codes.maxAttempts` guesses at a code from one client network,
 * (b) guesses from one network cannot lock the owner out on another: only an account-wide ceiling
 * ({@link CEILING_FACTOR} × `codes.maxAttempts`, which one network cannot reach) kills the code for
 * everyone, and (c) the work done is the same whether or not the account exists or has a live code
 * (the same counters, the same round trips), so answers cannot be told apart by their timing.
 *
 * Four counters per guess, all windows of `codes.ttlSeconds`: per (identifier, network) and per
 * identifier, which carry over to the next code (so asking for a new code does not buy guesses);
 * and per (code, network) and per code, whose windows start at the code's first guess and so
 * outlive it (so a budget window ending mid-life cannot give a code fresh guesses). The two
 * account-wide counters count only guesses their network was still allowed to make: refused
 * guesses never bring the ceiling closer, so only several networks together can reach it.
 */
import { RequestError } from "../errors.js";
import type { RequestIdentifier } from "../requests/types.js";
import { identifierKey, keyedHash } from "../keys.js";
import type { Scope } from "../scope.js";
import type { Grant } from "../types.js";
import { codeLookups } from "./code-keys.js";

/** How many times `codes.maxAttempts` all networks together may guess before a code dies for everyone. */
export const CEILING_FACTOR = 4;

/** A guess, counted, with the grant it may open. */
export interface CountedGuess {
  /** The code's grant, when there is one; the caller compares hashes. */
  grant: Grant | null;
  /** The hashes of the presented code under each rotated key, to compare with `grant.hash`. */
  presentedHashes: string[];
  /** The counters this guess was counted in, to forgive once the right digits were shown. */
  counters: string[];
}

/**
 * Counts a guess of `code` (for `identifier`, or alone with the `codes.withoutIdentifier` opt-in),
 * then answers the grant it would open. Throws INVALID_TOKEN "Too many wrong codes" once a budget
 * is spent, even for the right digits; only the account-wide ceiling deletes the code.
 */
export async function countGuess(
  scope: Scope,
  identifier: RequestIdentifier | null,
  code: string,
): Promise<CountedGuess> {
  const { settings, store } = scope.runtime;
  const { keys, codes } = settings;
  const key = (...parts: string[]) => `guess:${keyedHash(keys.secret, ...parts)}`;
  const network = scope.client.network;
  const lookup = codeLookups(scope.realm.keys, codes.withoutIdentifier, identifier, code);
  const subject = identifier ? identifierKey(identifier) : "";
  const count = (counter: string) =>
    scope.call("tokenStore.countAttempt", () => store.countAttempt(counter, codes.ttlMs));

  const max = codes.maxAttempts;
  const ceiling = max * CEILING_FACTOR;
  // Round trip 1: this network's counter for the identifier, and the lookup, side by side.
  const netCounter = identifier ? key("net", subject, network) : key("bare", network);
  const [net, ...found] = await Promise.all([
    count(netCounter),
    ...lookup.ids.map((id) => scope.call("tokenStore.find", () => store.find("code", id))),
  ]);
  const grant = found.find((candidate) => candidate !== null) ?? null;
  // Round trip 2: this network's counter for the code; for no code, a counter of the same shape,
  // so the work (and the time) does not depend on whether a code exists.
  const codeRef = grant ? grant.hash : `none:${subject}:${lookup.ids[0] ?? ""}`;
  const codeNetCounter = key("code-net", codeRef, network);
  const codeNet = await count(codeNetCounter);
  // Too many from this network: refused here, and not counted account-wide, so one network can
  // never reach the ceiling; the code lives on for its owner elsewhere. (Whether this stops here
  // depends only on this network's own counts, which the guesser knows anyway.)
  if (net.count > max || codeNet.count > max) throw tooManyWrongCodes();
  // Round trip 3: the account-wide counters, for guesses within their network's budget only.
  const wideCounters = identifier
    ? [key("all", subject), key("code-all", codeRef)]
    : [key("code-all", codeRef)];
  const wide = await Promise.all(wideCounters.map(count));
  if (wide.some((counted) => counted.count > ceiling)) {
    // Too many networks together: the code dies for everyone (the remaining lockout lever, bounded
    // by the ceiling; see SECURITY.md). The delete runs whether or not a code exists.
    await Promise.all(
      lookup.ids.map((id) => scope.call("tokenStore.remove", () => store.remove("code", id))),
    );
    throw tooManyWrongCodes();
  }
  return { grant, presentedHashes: lookup.hashes, counters: [netCounter, codeNetCounter, ...wideCounters] };
}

function tooManyWrongCodes(): RequestError {
  return new RequestError("INVALID_TOKEN", { message: "Too many wrong codes. Request a new code later." });
}

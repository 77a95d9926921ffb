/**
 * The guess budget of codes. A code is short, so every guess counts. The budget is built so that
 * (a) a guess while no code lives counts against no later code, (b) no number of wrong guesses
 * from other networks can refuse a code to its owner on the network that asked for it (its origin,
 * whose tag the code's hash carries: `code-keys.ts`), (c) an attacker with any number of networks
 * guesses a live code with a chance below 10⁻⁴ per account per day (the arithmetic is in
 * SECURITY.md, "Code guessing: the budget and its bound"), and (d) the work done is the same
 * whether or not the account exists or has a live code (the same counters, the same round trips),
 * and so are the answers a wrong guesser sees, so neither timing nor answers tell them apart.
 *
 * Per guess, three counters:
 * - per (identifier, network), a window of `codes.ttlSeconds`: at most `codes.maxAttempts` from one
 *   network, live code or not. A network that asks for a code itself starts afresh
 *   ({@link startAfresh}); one that spent its budget and then sees someone else's code arrive does
 *   not, else its next answer would say that a code, and so an account, now exists.
 * - per (code, network), whose window starts at the code's first guess and so outlives it: at most
 *   `codes.maxAttempts` at one code, however the windows fall.
 * - the account's tally for the day (codes sent and guesses at its live codes; {@link DAY_TALLY}).
 *   Past it, a guess from any network but the code's origin is answered as a wrong code is, without
 *   looking at the digits, and the account's next codes are {@link LONG_CODE_LENGTH} digits long.
 *   A tally is never refused to anyone, so it is no lockout lever, and never shows in an answer.
 * A guess while no code lives counts against counters of the same shape that no code reads.
 */
import { RequestError } from "../errors.js";
import type { RequestIdentifier } from "../requests/types.js";
import { identifierKey, keyedHash } from "../keys.js";
import { grantInRealm, tagged } from "../realm.js";
import type { Scope } from "../scope.js";
import type { Grant, Identifier } from "../types.js";
import { asStored, codeLookups, codeOf, fromOrigin } from "./code-keys.js";

/** Codes sent and guesses at live codes an account may draw in a day before its codes lengthen. */
export const DAY_TALLY = 20;

/** How long an account's codes are once its tally is past {@link DAY_TALLY}: `codes.length`'s cap. */
export const LONG_CODE_LENGTH = 12;

const DAY_MS = 24 * 3600 * 1000;

/** A guess, counted, with the grant it may open. */
export interface CountedGuess {
  /**
   * The code's grant, when there is one and its digits are to be compared; the caller compares
   * them with the grant's code (`codeOf`: a code grant's hash, or a `"link+code"` grant's `code`).
   */
  grant: Grant | null;
  /** The hashes of the presented code under each rotated key, to compare with the grant's code's hash. */
  presentedHashes: string[];
  /**
   * This network's counters for the guess, to forgive once it showed the right digits. Never the
   * account's tally: the owner's right code must not refill what other networks spend.
   */
  counters: string[];
}

/** Counter names, keyed under the router's secret. */
function guessKey(secret: string, ...parts: string[]): string {
  return `guess:${keyedHash(secret, ...parts)}`;
}

/** Where the counters of an identifier that has no live code are kept: no code ever reads them. */
function noCode(subject: string): string {
  return `none:${subject}`;
}

/**
 * Counts a guess of `code` (for `identifier`, or alone with the `codes.withoutIdentifier` opt-in),
 * then answers the grant it would open. Throws INVALID_TOKEN "Too many wrong codes" once this
 * network's budget is spent, even for the right digits. Nothing here deletes a code.
 */
export async function countGuess(
  scope: Scope,
  identifier: RequestIdentifier | null,
  code: string,
): Promise<CountedGuess> {
  const { settings, store } = scope.runtime;
  const { keys, codes } = settings;
  const key = (...parts: string[]) => guessKey(keys.secret, ...parts);
  const network = scope.client.network;
  const lookup = codeLookups(scope.realm.keys, codes.withoutIdentifier, identifier, code);
  const subject = identifier ? subjectOf(scope, identifier) : "";
  const count = (counter: string, windowMs = codes.ttlMs) =>
    scope.call("tokenStore.countAttempt", () => store.countAttempt(counter, windowMs));
  const max = codes.maxAttempts;

  // Round trip 1: this network's counter for the identifier, and the lookup, side by side.
  const netCounter = identifier ? key("net", subject, network) : key("bare", network);
  const [net, ...found] = await Promise.all([
    count(netCounter),
    ...lookup.ids.map((id) => scope.call("tokenStore.find", () => store.find("code", id))),
  ]);
  const stored = found.find((candidate) => candidate !== null) ?? null;
  // The code itself: a code grant, or the code of a "link+code" grant (whose own id and hash are
  // the link's). A grant without one is no code's, whatever the store answered.
  const held = stored ? codeOf(stored) : null;
  const grant = held ? stored : null;
  // Round trip 2: this network's counter for the code; with no code, one of the same shape.
  const codeNetCounter = key("code-net", held ? held.hash : noCode(subject), network);
  const codeNet = await count(codeNetCounter);
  // Too many from this network: refused, whoever it is; the code lives on for everyone else.
  // (Whether this stops here depends only on this network's own counts, which it knows anyway.)
  if (net.count > max || codeNet.count > max) throw tooManyWrongCodes();
  const counters = [netCounter, codeNetCounter];
  // Codes alone (the unsafe opt-in) belong to no identifier, so to no account and no origin.
  if (codes.withoutIdentifier || !identifier) return { grant, presentedHashes: lookup.hashes, counters };

  // Round trip 3: the account's tally, for guesses within their network's budget only (so that a
  // network's refused guesses never lengthen anyone's codes).
  // With no live code, a stand-in of a code's shape takes its place in every step below, so the
  // work is the same either way; it never leaves this function as a grant.
  const record = grant ?? standIn(scope, lookup.ids[0] ?? subject, subject);
  const inRealm = grantInRealm(scope.realm, record);
  const account = grant ? inRealm?.userId : undefined;
  const tally = await count(
    account !== undefined ? tallyKey(scope, account) : key("day-none", subject),
    DAY_MS,
  );
  // The code's own id and hash (a "link+code" grant's own are the link's); the stand-in's when none.
  const ownCode = held ?? record;
  const origin = fromOrigin(scope.realm.keys, { ...record, id: ownCode.id, hash: ownCode.hash }, network);
  const presentedHashes = lookup.hashes.map((hash) => asStored(hash, ownCode.hash));
  if (tally.count > DAY_TALLY && !origin) {
    // The account has drawn its day's guesses: other networks' digits are no longer compared. The
    // answer is a wrong code's, so a guesser cannot tell a tally past its end from a wrong guess.
    // (The hashes go back all the same, to be compared with no grant: the same work, no match.)
    return { grant: null, presentedHashes, counters };
  }
  return { grant, presentedHashes, counters };
}

/**
 * Counts a code about to be sent to `userId` in the account's tally and answers its length:
 * `codes.length`, or {@link LONG_CODE_LENGTH} once the day's tally is past {@link DAY_TALLY}.
 */
export async function codeLengthFor(scope: Scope, userId: string): Promise<number> {
  const { settings, store } = scope.runtime;
  const { codes } = settings;
  if (codes.withoutIdentifier) return codes.length;
  const tally = await scope.call("tokenStore.countAttempt", () =>
    store.countAttempt(tallyKey(scope, userId), DAY_MS),
  );
  return tally.count > DAY_TALLY ? Math.max(codes.length, LONG_CODE_LENGTH) : codes.length;
}

/**
 * A network that asks for a code starts afresh on that identifier: its guesses made while no code
 * lived are forgotten, whether or not the account exists (for a known one, a new code starts new
 * counters anyway, so an unknown one must look the same). Runs before the account is looked up.
 */
export async function startAfresh(scope: Scope, identifier: Identifier): Promise<void> {
  const { settings, store } = scope.runtime;
  const { keys, codes } = settings;
  if (codes.withoutIdentifier) return;
  const subject = subjectOf(scope, identifier);
  const network = scope.client.network;
  const counters = [
    guessKey(keys.secret, "net", subject, network),
    guessKey(keys.secret, "code-net", noCode(subject), network),
  ];
  // Best effort: a store that fails here fails the delivery's own calls next, reported there.
  await Promise.all(
    counters.map((counter) => scope.attempt("tokenStore.clearAttempts", () => store.clearAttempts(counter))),
  );
}

/**
 * Whose guesses a counter counts: the identifier within the realm, so that guesses at an address
 * in one tenant (or router) spend nothing of the same address's budget in another, and a code
 * asked for there clears nothing here.
 */
function subjectOf(scope: Scope, identifier: Identifier): string {
  return `${scope.realm.audience}\n${identifierKey(identifier)}`;
}

/**
 * The tally of an account (the app's user id, in this router's realm: another router's accounts
 * with the same ids are other accounts): codes sent and guesses at its live codes, over a day.
 */
function tallyKey(scope: Scope, userId: string): string {
  return guessKey(scope.runtime.settings.keys.secret, "day", scope.realm.audience, userId);
}

/**
 * A record of a live code's shape (its id, a user key of this realm, 64 hex characters of hash, a
 * time of today), for the work done when none lives. Its hash is all zeros, which no HMAC of any
 * digits has in practice; and it is never answered as a grant (`grant` stays null).
 */
function standIn(scope: Scope, id: string, subject: string): Grant {
  const now = scope.runtime.settings.advanced.now();
  return {
    kind: "code",
    id,
    userId: tagged(scope.realm.keys[0], subject),
    identifier: { type: "email", value: subject },
    hash: STAND_IN_HASH,
    createdAt: now,
    expiresAt: now,
    retainUntil: now,
  };
}

const STAND_IN_HASH = "0".repeat(64);

function tooManyWrongCodes(): RequestError {
  return new RequestError("INVALID_TOKEN", { message: "Too many wrong codes. Request a new code later." });
}

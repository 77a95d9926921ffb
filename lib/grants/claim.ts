/**
 * The claim protocol, as one object. {@link claimGrant} checks a presented secret against the
 * store and claims its grant, so of any number of concurrent requests only one goes on
 * (guarantee 4). The {@link Claim} it returns is the only way on: `spend()` once the work is done,
 * or `release()` when it failed after the check (guarantee 6). Either one forgives the guess
 * counters of the network that showed the right secret, which the claim remembers, so no caller
 * needs to know their keys; never the account's day tally, so the owner cannot refill it.
 */
import { RequestError } from "../errors.js";
import { grantInRealm } from "../realm.js";
import type { Credential } from "../requests/types.js";
import type { Scope } from "../scope.js";
import { checkSession, looksSignedElsewhere } from "../sessions.js";
import { bindingHash, hashesEqual, parseLinkToken, sha256 } from "../tokens.js";
import type { Grant, GrantKind } from "../types.js";
import { countGuess } from "./code-guesses.js";
import { codeOf } from "./code-keys.js";
import { bindingOf } from "./stamps.js";

/** A grant this request holds the claim on. */
export interface Claim {
  /** The claimed grant. */
  readonly grant: Grant;
  /** The work behind the claim failed: give the grant back, usable again. */
  release(): Promise<void>;
  /**
   * The work succeeded: delete the grant. `alreadyDeleted` when the work itself deleted it (a new
   * grant of the user supersedes it), so only the guesses are forgiven.
   */
  spend(options?: { alreadyDeleted?: boolean }): Promise<void>;
  /** Runs `work`; when it fails, gives the claim back (guarantee 6) and rethrows. */
  releaseOnFailure<T>(work: () => Promise<T>): Promise<T>;
}

/** A presented secret, looked up and compared, but not yet claimed. */
interface Checked {
  grant: Grant;
  /** Guess counters to forgive once the grant is used or given back. */
  counters: string[];
}

/** What a presented secret is compared with when no grant was found: 64 hex characters, all zeros. */
const NO_HASH = "0".repeat(64);

/** Checks `credential` and claims its grant; throws INVALID_TOKEN or TOKEN_EXPIRED. */
export async function claimGrant(scope: Scope, credential: Credential): Promise<Claim> {
  const { store } = scope.runtime;
  const { now } = scope.runtime.settings.advanced;
  const { grant, counters } = await checkCredential(scope, credential);
  // The claim lasts as long as the grant could: a claimed secret is spent unless the router gives it
  // back, so a store that vanishes after the password changed (and so cannot delete the grant)
  // cannot let it come back. Should the process die mid-reset, the user asks for a new one.
  const leaseMs = Math.max(60_000, grant.retainUntil - now());
  const claimed = await scope.call("tokenStore.claim", () =>
    store.claim(grant.kind, grant.id, grant.hash, leaseMs),
  );
  if (!claimed) throw new RequestError("INVALID_TOKEN");

  let settled = false;
  const settle = () => {
    if (settled) throw new Error("a claim is settled once: spend() or release()");
    settled = true;
  };
  const claim: Claim = {
    grant,
    async release() {
      settle();
      await forgiveGuesses(scope, counters);
      // On failure the claim lapses by itself when its lease ends.
      await scope.attempt("tokenStore.release", () => store.release(grant.kind, grant.id, grant.hash));
    },
    async spend({ alreadyDeleted = false } = {}) {
      settle();
      if (!alreadyDeleted) await scope.attempt("tokenStore.remove", () => store.remove(grant.kind, grant.id));
      await forgiveGuesses(scope, counters);
    },
    async releaseOnFailure(work) {
      try {
        return await work();
      } catch (error) {
        await claim.release();
        throw error;
      }
    },
  };
  return claim;
}

/**
 * Forgets the guesses counted against a secret once its right digits were shown: after a success,
 * or after a failure that came after the check. Either way they were not guesses.
 */
async function forgiveGuesses(scope: Scope, counters: readonly string[]): Promise<void> {
  const { store } = scope.runtime;
  await Promise.all(
    counters.map((counter) => scope.attempt("tokenStore.clearAttempts", () => store.clearAttempts(counter))),
  );
}

/**
 * Says once that a reset session this package issued failed every configured key: instances that
 * share a store must share `secret` too (codes and sessions are keyed with it), or each one refuses
 * what the others issued.
 */
function hintAtForeignKey(scope: Scope): void {
  scope.runtime.events.warnOnce(
    "foreign-key",
    () =>
      "a reset session issued by express-password-reset failed its signature under every configured " +
      "`secret`. Do all instances sharing this token store use the same `secret`?",
  );
}

/** What {@link checkGrant} answers for a live secret. */
export interface GrantCheck {
  readonly valid: true;
  /** Which kind of grant the secret names. */
  readonly kind: GrantKind;
  /** The grant itself, unchanged (its `identifier` is what the hosted reset page shows, masked). */
  readonly grant: Grant;
}

/**
 * Checks `credential` exactly as {@link claimGrant} does (the same lookup and comparison, the same
 * guess budget for codes) but claims and spends nothing: the grant stays as it was. Throws the
 * same INVALID_TOKEN or TOKEN_EXPIRED, alike for unknown, used and expired secrets. The caller
 * takes the same per-IP limit as verify and reset first. A right code forgives this network's
 * guesses, as a claim does: showing the right secret is not a guess.
 */
export async function checkGrant(scope: Scope, credential: Credential): Promise<GrantCheck> {
  const { grant, counters } = await checkCredential(scope, credential);
  await forgiveGuesses(scope, counters);
  // A "link+code" grant checked by its code is a code to the caller (the pages show the code form).
  return { valid: true, kind: credential.kind === "code" ? "code" : grant.kind, grant };
}

/** Looks the credential's grant up and checks it matches; throws INVALID_TOKEN / TOKEN_EXPIRED. */
async function checkCredential(scope: Scope, credential: Credential): Promise<Checked> {
  const { settings, store } = scope.runtime;
  scope.note({ grant: credential.kind });
  let grant: Grant | null;
  // What the presented secret hashes to; a code hashes under every rotated key.
  let presentedHashes: string[];
  let counters: string[] = [];
  let sessionExpired = false;
  let sessionUserId: string | undefined;
  if (credential.kind === "link") {
    scope.hide(credential.token);
    const parsed = parseLinkToken(scope.realm, credential.token);
    if (!parsed) throw new RequestError("INVALID_TOKEN");
    grant = await scope.call("tokenStore.find", () => store.find("link", parsed.selector));
    presentedHashes = parsed.hashes;
  } else if (credential.kind === "code") {
    scope.hide(credential.code);
    ({ grant, presentedHashes, counters } = await countGuess(scope, credential.identifier, credential.code));
  } else {
    scope.hide(credential.token);
    const session = checkSession(scope.realm, credential.token, settings.advanced.now());
    if (!session) {
      if (looksSignedElsewhere(scope.realm, credential.token)) hintAtForeignKey(scope);
      throw new RequestError("INVALID_TOKEN");
    }
    grant = await scope.call("tokenStore.find", () => store.find("session", session.jti));
    sessionUserId = session.userId;
    presentedHashes = [sha256(credential.token)];
    sessionExpired = session.expired;
  }

  // Another realm's grant (another router's on a shared store) is no grant of this router's.
  grant = grantInRealm(scope.realm, grant);
  if (grant && sessionUserId !== undefined && grant.userId !== sessionUserId) grant = null;
  // A code opens a code grant or the code of a "link+code" grant; the claim then names the grant
  // by its own kind and id, so either way claims (and spends) the one grant.
  const expected = grant ? (credential.kind === "code" ? codeOf(grant)?.hash : grant.hash) : undefined;
  // The hashes are compared whether or not a grant was found (with none, against a hash no secret
  // has), so a wrong secret costs the same either way; only a found grant can match.
  const matched = presentedHashes.some((hash) => hashesEqual(expected ?? NO_HASH, hash));
  if (!grant || expected === undefined || !matched) throw new RequestError("INVALID_TOKEN");
  return checkGrantFits(scope, grant, credential, sessionExpired, counters);
}

/** The checks after the hash matched: the named account, the binding, the time. */
function checkGrantFits(
  scope: Scope,
  grant: Grant,
  credential: Credential,
  sessionExpired: boolean,
  counters: string[],
): Checked {
  const { advanced } = scope.runtime.settings;
  // An identifier sent beside a token must name the token's account, so a client never believes it
  // reset one account while another's password changes.
  const named = credential.identifier;
  if (named && (named.type !== grant.identifier.type || named.value !== grant.identifier.value)) {
    throw new RequestError("INVALID_TOKEN");
  }
  const { binding } = scope;
  const bound = bindingOf(grant.binding);
  if (
    bound !== undefined &&
    (binding === undefined || !scope.realm.keys.some((key) => hashesEqual(bound, bindingHash(key, binding))))
  ) {
    throw new RequestError("INVALID_TOKEN");
  }
  if (sessionExpired || grant.expiresAt <= advanced.now()) throw new RequestError("TOKEN_EXPIRED");
  scope.note({ userId: grant.userId });
  return { grant, counters };
}

/**
 * The "this wasn't me" grant: the report link a password-changed notice carries. It is kept as a
 * link grant, so every `TokenStore` keeps it as it is, but under a user key no other grant has:
 * `<report tag>:<selector>:<user id>`, the report tag being a second keyed label of the realm's
 * key. Supersede (`TokenStore.issue`) and `revokeUser` go by the user key, so no later forgot,
 * verify, reset or `revokeUser` of the account touches it (an attacker who knows the address
 * cannot kill it with one forgot), and two report links of one account never supersede each other.
 * Its hash is keyed under the realm with the purpose `report`: a report token is no reset link,
 * and a reset link no report token. The realm (and so the tenant) enters both, as for every grant.
 */
import { createHmac } from "node:crypto";
import { RequestError } from "../errors.js";
import type { Realm, RealmKey } from "../realm.js";
import type { Scope } from "../scope.js";
import { createLinkToken, hashesEqual, parseLinkToken } from "../tokens.js";
import type { Grant, Identifier } from "../types.js";

/** How long a report link works: a week, for a notice read late. */
export const REPORT_TTL_MS = 7 * 86400 * 1000;
/** Kept past expiry, so a late click answers TOKEN_EXPIRED rather than INVALID_TOKEN. */
const RETAIN_EXPIRED_MS = 24 * 3600 * 1000;

const tags = new WeakMap<RealmKey, string>();

/** The realm key's report tag (128 bits, base64url), distinct from its grants' tag. */
function reportTag(key: RealmKey): string {
  let tag = tags.get(key);
  if (tag === undefined) {
    tag = createHmac("sha256", key.key).update("report-tag", "utf8").digest("base64url").slice(0, 22);
    tags.set(key, tag);
  }
  return tag;
}

/** A new report grant of the app's `userId` in `realm`, and its token (the secret of the link). */
export function reportGrant(
  realm: Realm,
  userId: string,
  identifier: Identifier,
  now: number,
): { grant: Grant; secret: string } {
  const link = createLinkToken(realm, "report");
  const expiresAt = now + REPORT_TTL_MS;
  const grant: Grant = {
    kind: "link",
    id: link.selector,
    userId: `${reportTag(realm.keys[0])}:${link.selector}:${userId}`,
    identifier: { type: identifier.type, value: identifier.value },
    hash: link.hash,
    createdAt: now,
    expiresAt,
    retainUntil: expiresAt + RETAIN_EXPIRED_MS,
  };
  return { grant, secret: link.token };
}

/** The app's user id of `grant` when it is a report grant of `realm` kept under `selector`; else `null`. */
function reportOwner(realm: Realm, grant: Grant, selector: string): string | null {
  for (const key of realm.keys) {
    const prefix = `${reportTag(key)}:${selector}:`;
    if (grant.userId.startsWith(prefix)) return grant.userId.slice(prefix.length);
  }
  return null;
}

/** A claimed report grant: `spend()` once the report is done, `release()` when it failed. */
export interface ReportClaim {
  readonly grant: Grant;
  /** The app's user id of the account the link was issued for. */
  readonly userId: string;
  spend(): Promise<void>;
  /** Runs `work`; when it fails, gives the link back, usable again, and rethrows. */
  releaseOnFailure<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Checks a report token and claims its grant, so of concurrent confirmations only one goes on.
 * Throws INVALID_TOKEN (unknown, used, another realm's, a reset link) or TOKEN_EXPIRED.
 */
export async function claimReport(scope: Scope, token: string): Promise<ReportClaim> {
  const { store, settings } = scope.runtime;
  const { now } = settings.advanced;
  scope.hide(token);
  scope.note({ grant: "link" });
  const parsed = parseLinkToken(scope.realm, token, "report");
  if (!parsed) throw new RequestError("INVALID_TOKEN");
  const grant = await scope.call("tokenStore.find", () => store.find("link", parsed.selector));
  const userId = grant ? reportOwner(scope.realm, grant, parsed.selector) : null;
  if (!grant || userId === null || !parsed.hashes.some((hash) => hashesEqual(grant.hash, hash))) {
    throw new RequestError("INVALID_TOKEN");
  }
  if (grant.expiresAt <= now()) throw new RequestError("TOKEN_EXPIRED");
  scope.note({ userId });
  const leaseMs = Math.max(60_000, grant.retainUntil - now());
  const claimed = await scope.call("tokenStore.claim", () =>
    store.claim(grant.kind, grant.id, grant.hash, leaseMs),
  );
  if (!claimed) throw new RequestError("INVALID_TOKEN");
  return {
    grant,
    userId,
    async spend() {
      await scope.attempt("tokenStore.remove", () => store.remove(grant.kind, grant.id));
    },
    async releaseOnFailure(work) {
      try {
        return await work();
      } catch (error) {
        await scope.attempt("tokenStore.release", () => store.release(grant.kind, grant.id, grant.hash));
        throw error;
      }
    },
  };
}

/**
 * The realm of a request: whose secrets it may issue and accept. A realm is the router's `secret`
 * (each rotated one), its `accounts.namespace` and, for apps that serve tenants, the request's
 * tenant. Routers that differ in any of them share nothing through a common token store: they
 * never accept each other's links, codes or reset sessions, and never supersede or revoke each
 * other's grants. Instances of one app derive the same realm, so they share everything.
 *
 * The binding lives inside what every store already keeps, never in a field of its own (a user's
 * own TokenStore might drop one): the keyed hashes of links, codes and `bindTo` values are HMACs
 * under the realm's key, a code's store id and the user key that supersede and `revokeUser` go by
 * start with the realm's tag, and a reset session's `aud` names the realm.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { Grant, TokenStore } from "./types.js";

/** The realm under one rotated `secret`. */
export interface RealmKey {
  /** The `secret` this key derives from; reset sessions are signed and verified with it. */
  readonly secret: string;
  /** The HMAC key of every hash kept in this realm under that secret. */
  readonly key: Buffer;
  /** A public label of the realm under that secret (128 bits, base64url): user keys and code ids start with it. */
  readonly tag: string;
}

/** A realm: see the module comment. */
export interface Realm {
  /** `accounts.namespace`. */
  readonly namespace: string;
  /** The request's tenant, if the app has tenants. */
  readonly tenant: string | undefined;
  /** The realm's name in tokens: `<namespace>`, or `<namespace>/<tenant, URI-encoded>`. */
  readonly name: string;
  /** The `aud` of the reset sessions of this realm: `password-reset/<name>`. */
  readonly audience: string;
  /** One key per rotated `secret`, newest first: the first issues, each one accepts. */
  readonly keys: readonly [RealmKey, ...RealmKey[]];
}

/** What a realm is derived from. */
export interface RealmInput {
  /** The router's keys, newest first (`KeySettings.secrets`). */
  readonly secrets: readonly string[];
  /** `accounts.namespace`. */
  readonly namespace: string;
  /** The request's tenant; `undefined` for a router without tenants. */
  readonly tenant?: string | undefined;
}

/** Where the tag ends in a user key or a code id: `<tag>:<rest>`. */
const TAG_LENGTH = 22;

/**
 * Derives the realm of a request from the router's keys, its namespace and the request's tenant.
 * The one place a namespace or tenant enters the keys: a router derives its own realm once, and an
 * app with tenants derives one per request from the same function.
 */
export function deriveRealm({ secrets, namespace, tenant }: RealmInput): Realm {
  // JSON keeps the parts apart whatever characters a tenant holds.
  const label = JSON.stringify(["express-password-reset/realm", namespace, tenant ?? null]);
  const keys = secrets.map((secret): RealmKey => {
    const key = createHmac("sha256", secret).update(label, "utf8").digest();
    const tag = createHmac("sha256", key).update("tag", "utf8").digest("base64url").slice(0, TAG_LENGTH);
    return { secret, key, tag };
  });
  if (keys.length === 0) throw new Error("a realm needs at least one secret");
  // A namespace holds no `/` (settings/accounts.ts), so the name reads back one way only.
  const name = tenant === undefined ? namespace : `${namespace}/${encodeURIComponent(tenant)}`;
  return {
    namespace,
    tenant,
    name,
    audience: `password-reset/${name}`,
    keys: keys as [RealmKey, ...RealmKey[]],
  };
}

/** HMAC-SHA256 of `parts` under a realm key, hex: what a store keeps of a secret. */
export function realmHash(key: RealmKey, ...parts: string[]): string {
  return createHmac("sha256", key.key).update(parts.join("\u0000"), "utf8").digest("hex");
}

/** `<tag>:<value>`: a store id or user key that only this realm (under that key) builds. */
export function tagged(key: RealmKey, value: string): string {
  return `${key.tag}:${value}`;
}

/**
 * The user key a store sees for the app's `userId` in this realm (`Grant.userId`), under the newest
 * key: supersede (`TokenStore.issue`) and `revokeUser` go by it, so they stay within the realm.
 */
export function realmUserKey(realm: Realm, userId: string): string {
  return tagged(realm.keys[0], userId);
}

/**
 * The app's user id of a grant found in the store, when the grant belongs to this realm; `null`
 * for another realm's grant (another router's, or one from before the realms).
 */
export function userIdInRealm(realm: Realm, grant: Grant): string | null {
  const { userId } = grant;
  if (userId.charAt(TAG_LENGTH) !== ":") return null;
  const tag = userId.slice(0, TAG_LENGTH);
  return realm.keys.some((key) => key.tag === tag) ? userId.slice(TAG_LENGTH + 1) : null;
}

/**
 * The grant as the router's flows see it: the app's user id in place of the store's user key, or
 * `null` when the grant is not this realm's.
 */
export function grantInRealm(realm: Realm, grant: Grant | null): Grant | null {
  if (!grant) return null;
  const userId = userIdInRealm(realm, grant);
  return userId === null ? null : { ...grant, userId };
}

/**
 * Saves a grant built in `realm`, superseding every other grant of its user in the realm. The
 * store's `issue` supersedes under the newest key; grants issued under an older rotated key carry
 * that key's tag, so they are revoked first.
 */
export async function issueInRealm(store: TokenStore, realm: Realm, grant: Grant): Promise<void> {
  const userId = userIdInRealm(realm, grant);
  if (userId === null) throw new Error("a grant is issued in the realm it was built in");
  await Promise.all(realm.keys.slice(1).map((key) => store.revokeUser(tagged(key, userId))));
  await store.issue(grant);
}

/** Deletes every grant of the app's `userId` in `realm`, under every rotated key. */
export async function revokeInRealm(store: TokenStore, realm: Realm, userId: string): Promise<void> {
  await Promise.all(realm.keys.map((key) => store.revokeUser(tagged(key, userId))));
}

/** Tenants whose realm is kept: deriving one costs ~25 µs, so the busy ones are cached, boundedly. */
const CACHED_REALMS = 1000;

/** The realms of a router's tenants. */
export interface TenantRealms {
  /** The realm of `tenant` (the router's own for `undefined`). */
  of(tenant: string | undefined): Realm;
  /** A realm under a random key no grant is ever issued in: where a malformed tenant's request goes. */
  readonly nowhere: Realm;
}

/** The tenant realms of a router with `secrets` and `namespace`, whose own realm is `own`. */
export function createTenantRealms(secrets: readonly string[], namespace: string, own: Realm): TenantRealms {
  const cache = new Map<string, Realm>();
  return {
    of(tenant) {
      if (tenant === undefined) return own;
      let realm = cache.get(tenant);
      if (!realm) {
        realm = deriveRealm({ secrets, namespace, tenant });
        // Oldest first out: a flood of made-up tenants costs a derivation each, never memory.
        if (cache.size >= CACHED_REALMS) cache.delete(cache.keys().next().value!);
        cache.set(tenant, realm);
      }
      return realm;
    },
    nowhere: deriveRealm({ secrets: [randomBytes(32).toString("hex")], namespace }),
  };
}

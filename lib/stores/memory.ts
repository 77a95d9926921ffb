/**
 * The default token store: grants in process memory. Single use holds because every check and
 * change below is synchronous, so no other request can run in between. Suits one process; use
 * the Redis or PostgreSQL store for several.
 */
import type { AttemptCount, Grant, GrantKind, TokenStore } from "../types.js";

/** Options of {@link MemoryTokenStore}. */
export interface MemoryTokenStoreOptions {
  /**
   * Most grants, and most attempt counters, kept at once, so a flood cannot grow memory. Past it the
   * oldest grants are dropped; counters are never dropped before their window ends (that would hand
   * out fresh guesses), so a new key is then counted as over its limit until room comes back. [100000]
   */
  maxEntries?: number;
  /** How often expired grants and attempt counters are swept, in ms. [60000] */
  sweepIntervalMs?: number;
  /** Clock in epoch ms. [Date.now] */
  now?: () => number;
}

interface Entry {
  grant: Grant;
  claimedUntil: number;
}

// A grant with a code (`Grant.code`) is one Entry under two keys, so a claim through either way
// is the same claim and deleting it deletes both.

interface AttemptCounter {
  count: number;
  windowEndsAt: number;
}

/** What {@link MemoryTokenStore.find} copies on a miss: a grant's shape, never answered. */
const STAND_IN: Grant = {
  kind: "code",
  id: "",
  userId: "",
  identifier: { type: "email", value: "" },
  hash: "",
  createdAt: 0,
  expiresAt: 0,
  retainUntil: 0,
};

/** Keeps grants in a `Map`; the default `tokenStore`. */
export class MemoryTokenStore implements TokenStore {
  /** Keeps a grant's code beside its link: `delivery.email: "link+code"` works with it. */
  readonly linkAndCode = true;
  readonly #grants = new Map<string, Entry>();
  readonly #grantsByUser = new Map<string, Set<string>>();
  readonly #attempts = new Map<string, AttemptCounter>();
  readonly #maxEntries: number;
  #lastAttemptSweep = Number.NEGATIVE_INFINITY;
  readonly #now: () => number;
  #sweepTimer: NodeJS.Timeout | undefined;

  /** Creates an empty store and starts its (unref'ed) sweep timer. */
  constructor(options: MemoryTokenStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
    this.#sweepTimer = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 60_000);
    this.#sweepTimer.unref();
  }

  /** Number of grants held; for tests and monitoring. */
  get size(): number {
    return this.#grants.size;
  }

  /** @inheritdoc */
  async issue(grant: Grant): Promise<void> {
    this.#deleteUserGrants(grant.userId);
    const key = entryKey(grant.kind, grant.id);
    const codeKey = grant.code ? entryKey("code", grant.code.id) : undefined;
    this.#deleteEntry(key);
    if (codeKey !== undefined) this.#deleteEntry(codeKey);
    while (this.#grants.size >= this.#maxEntries) {
      const oldest = this.#grants.keys().next().value;
      if (oldest === undefined) break;
      this.#deleteEntry(oldest);
    }
    const entry = { grant: copyGrant(grant), claimedUntil: 0 };
    let keys = this.#grantsByUser.get(grant.userId);
    if (!keys) this.#grantsByUser.set(grant.userId, (keys = new Set()));
    for (const each of codeKey !== undefined ? [key, codeKey] : [key]) {
      this.#grants.set(each, entry);
      keys.add(each);
    }
  }

  /** @inheritdoc */
  async find(kind: GrantKind, id: string): Promise<Grant | null> {
    const entry = this.#liveEntry(entryKey(kind, id));
    // A miss copies a stand-in, so it costs what a hit does; the copy is only answered for a hit.
    const copy = copyGrant(entry?.grant ?? STAND_IN);
    return entry ? copy : null;
  }

  /** @inheritdoc */
  async claim(kind: GrantKind, id: string, hash: string, leaseMs: number): Promise<boolean> {
    const entry = this.#liveEntry(entryKey(kind, id));
    const now = this.#now();
    if (!entry || entry.grant.hash !== hash || entry.claimedUntil > now) return false;
    entry.claimedUntil = now + leaseMs;
    return true;
  }

  /** @inheritdoc */
  async release(kind: GrantKind, id: string, hash: string): Promise<void> {
    const entry = this.#grants.get(entryKey(kind, id));
    if (entry && entry.grant.hash === hash) entry.claimedUntil = 0;
  }

  /** @inheritdoc */
  async remove(kind: GrantKind, id: string): Promise<void> {
    this.#deleteEntry(entryKey(kind, id));
  }

  /** @inheritdoc */
  async revokeUser(userId: string): Promise<void> {
    this.#deleteUserGrants(userId);
  }

  /** @inheritdoc */
  async countAttempt(key: string, windowMs: number): Promise<AttemptCount> {
    const now = this.#now();
    const counter = this.#attempts.get(key);
    if (!counter || counter.windowEndsAt <= now) {
      if (!counter && this.#attempts.size >= this.#maxEntries && !this.#makeRoomForAttempt(now)) {
        // Full of live counters. Forgetting one would reset somebody's guess budget (a flood of
        // other keys could then buy an attacker fresh guesses at a victim's code), so a new key is
        // counted as over every limit instead: the flood's new requests are refused, counters
        // already kept go on counting, and room comes back as their windows end.
        return { count: Number.MAX_SAFE_INTEGER, resetAt: now + windowMs };
      }
      // Re-inserted, so the Map's order stays the order in which windows started.
      this.#attempts.delete(key);
      this.#attempts.set(flat(key), { count: 1, windowEndsAt: now + windowMs });
      return { count: 1, resetAt: now + windowMs };
    }
    counter.count += 1;
    return { count: counter.count, resetAt: counter.windowEndsAt };
  }

  /** @inheritdoc */
  async clearAttempts(key: string): Promise<void> {
    this.#attempts.delete(key);
  }

  /** Stops the sweep timer. */
  async close(): Promise<void> {
    clearInterval(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }

  /** Drops grants past `retainUntil` and attempt windows that have ended. Runs on a timer. */
  sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#grants) {
      if (entry.grant.retainUntil <= now) this.#deleteEntry(key);
    }
    for (const [key, counter] of this.#attempts) {
      if (counter.windowEndsAt <= now) this.#attempts.delete(key);
    }
  }

  #liveEntry(key: string): Entry | undefined {
    const entry = this.#grants.get(key);
    if (entry && entry.grant.retainUntil <= this.#now()) {
      this.#deleteEntry(key);
      return undefined;
    }
    return entry;
  }

  #deleteUserGrants(userId: string): void {
    const keys = this.#grantsByUser.get(userId);
    if (!keys) return;
    for (const key of [...keys]) this.#deleteEntry(key);
  }

  /** Deletes the entry under `key` and, for a grant with a code, under its other key too. */
  #deleteEntry(key: string): void {
    const entry = this.#grants.get(key);
    if (!entry) return;
    const { grant } = entry;
    const keys = this.#grantsByUser.get(grant.userId);
    const both = grant.code ? [entryKey(grant.kind, grant.id), entryKey("code", grant.code.id)] : [key];
    for (const each of both) {
      if (this.#grants.get(each) !== entry) continue;
      this.#grants.delete(each);
      keys?.delete(each);
    }
    if (keys?.size === 0) this.#grantsByUser.delete(grant.userId);
  }

  /** Drops counters whose window has ended, at most once a second; true when there is room now. */
  #makeRoomForAttempt(now: number): boolean {
    if (now - this.#lastAttemptSweep >= 1000 || now < this.#lastAttemptSweep) {
      this.#lastAttemptSweep = now;
      for (const [key, counter] of this.#attempts)
        if (counter.windowEndsAt <= now) this.#attempts.delete(key);
    }
    return this.#attempts.size < this.#maxEntries;
  }
}

/**
 * `key` as one flat string. A key built by concatenation is a rope (V8's cons string) over its
 * parts, and a part cut from a longer string (`.slice()` of a digest) keeps that whole string
 * alive: about 130 bytes for a 53-character counter name. Converting it to a number flattens it
 * in place (the conversion fails, the flat copy stays), after which the collector drops the rope
 * and its parts: about 72 bytes. A counter per identifier in a flood makes that the bulk of it.
 */
function flat(key: string): string {
  Number(key);
  return key;
}

function copyGrant(grant: Grant): Grant {
  const copy = { ...grant, identifier: { ...grant.identifier } };
  if (grant.code) copy.code = { ...grant.code };
  return copy;
}

function entryKey(kind: GrantKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * A token store in Redis or Redis Cluster, so several app instances share grants, attempt counters
 * and rate limits. Every change that must be atomic runs as one Lua script (`scripts.ts`), which
 * Redis executes without interleaving any other command: that is what makes `claim` single-use
 * across instances.
 *
 * It takes the app's own client — node-redis (v4+) `createClient()` or `createCluster()`, ioredis
 * (v5+) `new Redis()` or `new Cluster()` — and never opens or quits it, nor adds commands to it
 * (`clients.ts`).
 *
 * ## Locators (the key layout is in `keys.ts`)
 *
 * A user's grants and their index share the user's hash slot, so `issue` (save one grant, delete
 * the user's others), `claim`, `release`, `remove` and `revokeUser` are each one script in that
 * one slot: supersede (guarantee 5) and single use (guarantee 4) are exactly as atomic as on one
 * Redis. The locator that leads from a grant's public id to its user's slot is only a routing
 * hint, never the authority:
 *
 * - `issue` writes the locator first, then runs the grant script. A crash between the two leaves a
 *   locator that points at no grant: the lookup answers null (fails closed).
 * - Supersede, `remove` and `revokeUser` delete the grants atomically in the user slot, then drop
 *   their locators in a second step, each only while it still holds that grant's nonce (so a newer
 *   grant under the same id keeps its own). Should that second step not happen, the locator points
 *   at a grant that is gone: the lookup answers null, and the locator expires with the retention.
 * - So nothing cross-slot needs to be atomic: whatever step is interrupted, no grant that was
 *   superseded, spent or revoked can be found or claimed again. The one cost of a crash is a
 *   live grant made unreachable (fail closed: the user asks again), never a dead one revived.
 *
 * ## Lookups
 *
 * `find` costs two round trips (locator, then grant) and the same work whether or not the grant
 * exists (the timing rule of `grants/code-guesses.ts`: a wrong code for an account with a live code
 * answers as fast as one for an account without). For an unknown id the second round trip still
 * runs, against a key of the same shape that never exists; each script answers a miss with a filler
 * as long as a hit's answer (`scripts.ts`), which the store reads and parses as it would a hit's
 * and then drops: a flag in the answer, never the filler's content, says whether anything was
 * found. `countAttempt` is one round trip on one key either way.
 *
 * ## Failover
 *
 * Redis replicates asynchronously: a claim acknowledged by a primary that crashes before its replica
 * copied it is lost, and the spent grant would be usable again on the promoted replica until its
 * retention ends. `waitForReplicas: n` closes that window: after a successful claim the store sends
 * `WAIT n` to the primary that ran it and fails the claim (an error, so the request answers 500) when
 * fewer replicas acknowledged it in time. It is off by default: a Redis without replicas would wait
 * out the timeout on every claim.
 */
import { randomBytes } from "node:crypto";
import type { AttemptCount, Grant, GrantKind, TokenStore } from "../../types.js";
import { scriptRunner, type RedisClientLike, type ScriptRunner } from "./clients.js";
import { absentTag, grantRef, RedisKeys, userTag } from "./keys.js";
import { scripts } from "./scripts.js";

/** Options of {@link RedisTokenStore}. */
export interface RedisTokenStoreOptions {
  /** The app's connected node-redis or ioredis client or cluster client. Required; the store never closes it. */
  client: RedisClientLike;
  /** Prefix of every key the store writes, so apps sharing a Redis database don't collide. ["pwreset:"] */
  prefix?: string;
  /**
   * Clock in epoch ms for `retainUntil` checks and claim leases; pass the router's `now` when a
   * test fakes it. Key expiry and attempt windows run on Redis's own clock. [Date.now]
   */
  now?: () => number;
  /**
   * Replicas that must acknowledge a claim (`WAIT`) before it counts, so a spent grant cannot come
   * back when its primary fails over; the claim fails (500) when fewer acknowledge within
   * `replicaTimeoutMs`. Only for deployments with replicas. [false]
   */
  waitForReplicas?: number | false;
  /** How long a claim waits for `waitForReplicas` acknowledgements, in ms. [1000] */
  replicaTimeoutMs?: number;
}

/** Keeps grants, attempt counters and rate limits in Redis; see the module comment. */
export class RedisTokenStore implements TokenStore {
  /** Keeps a grant's code beside its link (an alias key in the user's slot): `"link+code"` works with it. */
  readonly linkAndCode = true;
  readonly #keys: RedisKeys;
  readonly #now: () => number;
  readonly #redis: ScriptRunner;
  readonly #replicas: number;
  readonly #replicaTimeoutMs: number;

  /** Wraps the given client; throws a `TypeError` when it is not a node-redis or ioredis client. */
  constructor(options: RedisTokenStoreOptions) {
    const {
      client,
      prefix = "pwreset:",
      now = Date.now,
      waitForReplicas = false,
      replicaTimeoutMs = 1000,
    } = options ?? ({} as RedisTokenStoreOptions);
    if (typeof prefix !== "string") throw new TypeError("RedisTokenStore: `prefix` must be a string.");
    if (typeof now !== "function") throw new TypeError("RedisTokenStore: `now` must be a function.");
    if (waitForReplicas !== false && !(Number.isInteger(waitForReplicas) && waitForReplicas >= 1)) {
      throw new TypeError("RedisTokenStore: `waitForReplicas` must be false or a whole number >= 1.");
    }
    if (!Number.isInteger(replicaTimeoutMs) || replicaTimeoutMs < 1) {
      throw new TypeError("RedisTokenStore: `replicaTimeoutMs` must be a whole number of ms >= 1.");
    }
    this.#keys = new RedisKeys(prefix);
    this.#now = now;
    this.#redis = scriptRunner(client);
    this.#replicas = waitForReplicas === false ? 0 : waitForReplicas;
    this.#replicaTimeoutMs = replicaTimeoutMs;
  }

  /** @inheritdoc */
  async issue(grant: Grant): Promise<void> {
    const ttl = String(Math.ceil(grant.retainUntil - this.#now()));
    const tag = userTag(grant.userId);
    const ref = grantRef(grant.kind, grant.id);
    const locator = () => `${tag}.${randomBytes(6).toString("base64url")}`;
    // A grant with a code is found by the code too: through its own locator, to an alias key in
    // the user's slot that names the grant (`scripts.ts`).
    const ways = [{ ref, locator: locator() }];
    if (grant.code) ways.push({ ref: grantRef("code", grant.code.id), locator: locator() });
    // The locators first: should the script below never run, they point at nothing.
    await Promise.all(
      ways.map((way) => this.#redis.run(scripts.locate, [this.#keys.locator(way.ref)], [way.locator, ttl])),
    );
    const dropped = await this.#redis.run(
      scripts.issue,
      [
        this.#keys.grant(tag, ref),
        this.#keys.index(tag),
        ...ways.slice(1).map((way) => this.#keys.grant(tag, way.ref)),
      ],
      [
        JSON.stringify(grant),
        grant.hash,
        String(grant.retainUntil),
        ttl,
        ...ways.flatMap((way) => [way.ref, way.locator]),
      ],
    );
    await this.#unlocate(dropped);
  }

  /** @inheritdoc */
  async find(kind: GrantKind, id: string): Promise<Grant | null> {
    // The same work whether or not the grant exists: see the module comment.
    const ref = grantRef(kind, id);
    const absent = absentTag(ref);
    const tag = (await this.#locate(ref)) ?? absent;
    const reply = await this.#redis.run(scripts.find, [this.#keys.grant(tag, ref)], []);
    if (!Array.isArray(reply) || typeof reply[1] !== "string") throw new Error("unexpected reply from Redis");
    // A miss's filler is parsed as a grant is, and dropped here: only a hit is ever answered.
    const grant = JSON.parse(reply[1]) as Grant;
    // Redis drops the key at `retainUntil` on its own clock; checking the app's clock as well
    // keeps the answer exact when the two clocks disagree.
    const live = Number(reply[2]) > this.#now();
    return Number(reply[0]) === 1 && live ? grant : null;
  }

  /** @inheritdoc */
  async claim(kind: GrantKind, id: string, hash: string, leaseMs: number): Promise<boolean> {
    const ref = grantRef(kind, id);
    const tag = await this.#locate(ref);
    if (tag === null) return false;
    const key = this.#keys.grant(tag, ref);
    const now = this.#now();
    const reply = await this.#redis.run(scripts.claim, [key], [hash, String(now), String(now + leaseMs)]);
    if (Number(reply) !== 1) return false;
    if (this.#replicas > 0) {
      const acknowledged = await this.#redis.wait(key, this.#replicas, this.#replicaTimeoutMs);
      if (acknowledged < this.#replicas) {
        // The claim holds on the primary; should it fail over, the grant is unclaimed again, which
        // is safe because this request changes nothing.
        throw new Error(
          `RedisTokenStore: ${acknowledged} of ${this.#replicas} replicas acknowledged the claim in ${this.#replicaTimeoutMs} ms`,
        );
      }
    }
    return true;
  }

  /** @inheritdoc */
  async release(kind: GrantKind, id: string, hash: string): Promise<void> {
    const ref = grantRef(kind, id);
    const tag = await this.#locate(ref);
    if (tag !== null) await this.#redis.run(scripts.release, [this.#keys.grant(tag, ref)], [hash]);
  }

  /** @inheritdoc */
  async remove(kind: GrantKind, id: string): Promise<void> {
    const ref = grantRef(kind, id);
    const tag = await this.#locate(ref);
    if (tag === null) return;
    await this.#unlocate(
      await this.#redis.run(scripts.remove, [this.#keys.grant(tag, ref), this.#keys.index(tag)], []),
    );
  }

  /** @inheritdoc */
  async revokeUser(userId: string): Promise<void> {
    await this.#unlocate(await this.#redis.run(scripts.revokeUser, [this.#keys.index(userTag(userId))], []));
  }

  /** @inheritdoc */
  async countAttempt(key: string, windowMs: number): Promise<AttemptCount> {
    const reply = await this.#redis.run(
      scripts.countAttempt,
      [this.#keys.attempt(key)],
      [String(Math.max(1, Math.ceil(windowMs)))],
    );
    const [count, msLeft] = Array.isArray(reply) ? reply.map(Number) : [NaN, NaN];
    if (!Number.isFinite(count) || !Number.isFinite(msLeft)) throw new Error("unexpected reply from Redis");
    return { count: count!, resetAt: this.#now() + msLeft! };
  }

  /** @inheritdoc */
  async clearAttempts(key: string): Promise<void> {
    await this.#redis.run(scripts.clearAttempts, [this.#keys.attempt(key)], []);
  }

  /** Does nothing: the store owns no timer or connection. The client stays open. */
  async close(): Promise<void> {}

  /** The user tag of the grant `ref`, from its locator; null when there is none. */
  async #locate(ref: string): Promise<string | null> {
    const reply = await this.#redis.run(scripts.lookup, [this.#keys.locator(ref)], []);
    if (!Array.isArray(reply) || typeof reply[1] !== "string") return null;
    // A miss's filler is split as a locator is, so a miss costs what a hit does.
    const tag = reply[1].split(".")[0];
    return Number(reply[0]) === 1 && tag ? tag : null;
  }

  /**
   * Drops the locators of grants a script just deleted (`[ref, value, ref, value, ...]`). Tidying
   * only: a locator left behind (a crash, a failed call) points at nothing and expires with the
   * grant's retention, so a failure here is ignored rather than failing an issue that succeeded.
   */
  async #unlocate(dropped: unknown): Promise<void> {
    if (!Array.isArray(dropped)) return;
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < dropped.length; i += 2) pairs.push([String(dropped[i]), String(dropped[i + 1])]);
    await Promise.all(
      pairs.map(([ref, value]) =>
        this.#redis.run(scripts.unlocate, [this.#keys.locator(ref)], [value]).catch(() => undefined),
      ),
    );
  }
}

/**
 * A token store in Redis or Redis Cluster, so several app instances share grants, attempt counters
 * and rate limits. Every change that must be atomic runs as one Lua script, which Redis executes
 * without interleaving any other command: that is what makes `claim` single-use across instances.
 *
 * It takes the app's own client — node-redis (v4+) `createClient()` or `createCluster()`, ioredis
 * (v5+) `new Redis()` or `new Cluster()` — and never opens or quits it, nor adds commands to it.
 * Neither package is imported: the client is recognised by its shape.
 *
 * ## Key layout (one layout for a single Redis and a cluster)
 *
 * On a cluster a script may only touch keys of one hash slot, and a `{tag}` in a key name picks the
 * slot. A user's grants and the index of them therefore live together under the user's tag:
 *
 * - `<prefix>{u:<H>}:g:<kind>:<id>` — the grant (a hash: JSON, hash, retainUntil, claimedUntil),
 * - `<prefix>{u:<H>}:grants` — the set of the user's grant keys, so supersede and `revokeUser`
 *   need no scan,
 *
 * where `<H>` is 128 bits of SHA-256 of the user id. `issue` (save one grant, delete the user's
 * others), `claim`, `release`, `remove` and `revokeUser` are each one script in that one slot, so
 * supersede (guarantee 5) and single use (guarantee 4) are exactly as atomic as on one Redis.
 *
 * A grant is looked up by its public id alone (link selector, code key, session jti), which the
 * core builds and which cannot carry the user's tag. So a small **locator** key per grant,
 * `<prefix>loc:<kind>:<id>` → `<H>.<nonce>` (in whatever slot its name hashes to), says which user
 * slot holds it. The locator is only a routing hint, never the authority:
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
 * Lookups cost two round trips (locator, then grant). For an unknown id the second one still runs,
 * against a key of the same shape that never exists, so `find` takes the same work for known and
 * unknown accounts (the code-guess timing rule of `grants/code-guesses.ts`); `countAttempt` is one
 * round trip on one key either way.
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
import { createHash, randomBytes } from "node:crypto";
import type { AttemptCount, Grant, GrantKind, TokenStore } from "../types.js";

/** The part of an ioredis pipeline the store uses. */
export interface IoredisPipelineLike {
  /** Queues `EXISTS key`; the store uses it only to route the pipeline to the key's node. */
  exists(key: string): IoredisPipelineLike;
  /** Queues any command. */
  call(command: string, ...args: string[]): IoredisPipelineLike;
  /** Sends the queued commands; one `[error, reply]` pair per command. */
  exec(): Promise<[Error | null, unknown][] | null>;
}

/** The part of an ioredis client (v5+), `Redis` or `Cluster`, the store uses. */
export interface IoredisClientLike {
  /** Present on ioredis only; how the store tells the two clients apart. */
  defineCommand(name: string, definition: { lua: string; numberOfKeys?: number }): unknown;
  /** `EVAL script numKeys ...keysAndArgs`; a `Cluster` sends it to the node of the first key. */
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  /** `EVALSHA sha numKeys ...keysAndArgs`; a `Cluster` sends it to the node of the first key. */
  evalsha(sha: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  /** A pipeline; only used with `waitForReplicas`, to send `WAIT` to the node that ran a claim. */
  pipeline(): IoredisPipelineLike;
}

/** The part of a node-redis client (v4+, `createClient()`) the store uses. */
export interface NodeRedisClientLike {
  /** Sends a raw command, e.g. `["EVALSHA", sha, "1", key]`. */
  sendCommand(args: string[]): Promise<unknown>;
}

/** The part of a node-redis cluster client (v4+, `createCluster()`) the store uses. */
export interface NodeRedisClusterLike {
  /** Present on cluster clients only; how the store tells them from `createClient()` clients. */
  getSlotMaster(slot: number): unknown;
  /** Sends a raw command to the primary serving `firstKey`'s slot. */
  sendCommand(firstKey: string, isReadonly: boolean, args: string[]): Promise<unknown>;
}

/** A connected node-redis or ioredis client, single node or cluster. */
export type RedisClientLike = IoredisClientLike | NodeRedisClientLike | NodeRedisClusterLike;

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

// Saves the grant and drops every other grant of its user in one step: all of them, and the
// index, share the user's hash slot. Key names are only ever taken from KEYS or from values the
// script itself stored (never rebuilt from a prefix), so a client that rewrites key names
// (ioredis `keyPrefix`) still addresses the same keys. Answers `ref, locator` of each dropped
// grant, so the caller can drop their locators too.
// KEYS: grant, user index. ARGV: grant JSON, hash, retainUntil, ttl ms, ref, locator value.
const ISSUE = `
local dropped = {}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if key ~= KEYS[1] then
    local v = redis.call('HMGET', key, 'ref', 'loc')
    if v[1] and v[2] then table.insert(dropped, v[1]); table.insert(dropped, v[2]) end
  end
  redis.call('DEL', key)
end
redis.call('DEL', KEYS[1], KEYS[2])
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  redis.call('HSET', KEYS[1], 'grant', ARGV[1], 'hash', ARGV[2], 'retainUntil', ARGV[3], 'claimedUntil', '0',
    'ref', ARGV[5], 'loc', ARGV[6])
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('SADD', KEYS[2], KEYS[1])
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return dropped`;

// Drops a locator only while it still holds the value given, so a newer grant's is never dropped.
// KEYS: locator. ARGV: locator value.
const UNLOCATE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

// KEYS: locator. ARGV: user tag, ttl ms.
const LOCATE = `
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) else redis.call('DEL', KEYS[1]) end
return 1`;

// KEYS: locator. Returns `<user tag>.<nonce>`, or nil.
const LOOKUP = `return redis.call('GET', KEYS[1])`;

// KEYS: grant. Returns the grant JSON and retainUntil (the caller checks it against its clock).
const FIND = `return redis.call('HMGET', KEYS[1], 'grant', 'retainUntil')`;

// Of any number of concurrent claims, Redis runs this script for one at a time, so only the
// first finds `claimedUntil` in the past. KEYS: grant. ARGV: hash, now, claimedUntil.
const CLAIM = `
local v = redis.call('HMGET', KEYS[1], 'hash', 'claimedUntil', 'retainUntil')
if not v[1] or v[1] ~= ARGV[1] then return 0 end
local now = tonumber(ARGV[2])
if tonumber(v[2]) > now or tonumber(v[3]) <= now then return 0 end
redis.call('HSET', KEYS[1], 'claimedUntil', ARGV[3])
return 1`;

// KEYS: grant. ARGV: hash.
const RELEASE = `
if redis.call('HGET', KEYS[1], 'hash') == ARGV[1] then redis.call('HSET', KEYS[1], 'claimedUntil', '0') end
return 1`;

// KEYS: grant, user index. Answers `ref, locator` of the dropped grant, if any.
const REMOVE = `
local v = redis.call('HMGET', KEYS[1], 'ref', 'loc')
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], KEYS[1])
if v[1] and v[2] then return {v[1], v[2]} end
return {}`;

// KEYS: user index. Answers `ref, locator` of each dropped grant.
const REVOKE_USER = `
local dropped = {}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local v = redis.call('HMGET', key, 'ref', 'loc')
  if v[1] and v[2] then table.insert(dropped, v[1]); table.insert(dropped, v[2]) end
  redis.call('DEL', key)
end
redis.call('DEL', KEYS[1])
return dropped`;

// The window starts at the first attempt; a counter without expiry (which only a crash between
// two commands elsewhere could leave) gets one too, so it can never count forever.
// KEYS: counter. ARGV: window ms. Returns the count and the ms left in the window.
const COUNT_ATTEMPT = `
local n = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if n == 1 or left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {n, left}`;

// KEYS: counter.
const CLEAR_ATTEMPTS = `return redis.call('DEL', KEYS[1])`;

/** Keeps grants, attempt counters and rate limits in Redis; see the module comment. */
export class RedisTokenStore implements TokenStore {
  readonly #prefix: string;
  readonly #now: () => number;
  readonly #redis: Runner;
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
    this.#prefix = prefix;
    this.#now = now;
    this.#redis = runner(client);
    this.#replicas = waitForReplicas === false ? 0 : waitForReplicas;
    this.#replicaTimeoutMs = replicaTimeoutMs;
  }

  /** @inheritdoc */
  async issue(grant: Grant): Promise<void> {
    const ttl = String(Math.ceil(grant.retainUntil - this.#now()));
    const tag = userTag(grant.userId);
    const ref = `${grant.kind}:${grant.id}`;
    const locator = `${tag}.${randomBytes(6).toString("base64url")}`;
    // The locator first: should the script below never run, it points at nothing.
    await this.#redis.run(scripts.locate, [this.#locatorKey(ref)], [locator, ttl]);
    const dropped = await this.#redis.run(
      scripts.issue,
      [this.#grantKey(tag, ref), this.#indexKey(tag)],
      [JSON.stringify(grant), grant.hash, String(grant.retainUntil), ttl, ref, locator],
    );
    await this.#unlocate(dropped);
  }

  /** @inheritdoc */
  async find(kind: GrantKind, id: string): Promise<Grant | null> {
    // Two round trips whether or not the grant exists: see the module comment.
    const ref = `${kind}:${id}`;
    const tag = (await this.#locate(ref)) ?? absentTag(ref);
    const reply = await this.#redis.run(scripts.find, [this.#grantKey(tag, ref)], []);
    if (!Array.isArray(reply) || typeof reply[0] !== "string") return null;
    // Redis drops the key at `retainUntil` on its own clock; checking the app's clock as well
    // keeps the answer exact when the two clocks disagree.
    if (Number(reply[1]) <= this.#now()) return null;
    return JSON.parse(reply[0]) as Grant;
  }

  /** @inheritdoc */
  async claim(kind: GrantKind, id: string, hash: string, leaseMs: number): Promise<boolean> {
    const ref = `${kind}:${id}`;
    const tag = await this.#locate(ref);
    if (tag === null) return false;
    const key = this.#grantKey(tag, ref);
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
    const ref = `${kind}:${id}`;
    const tag = await this.#locate(ref);
    if (tag !== null) await this.#redis.run(scripts.release, [this.#grantKey(tag, ref)], [hash]);
  }

  /** @inheritdoc */
  async remove(kind: GrantKind, id: string): Promise<void> {
    const ref = `${kind}:${id}`;
    const tag = await this.#locate(ref);
    if (tag === null) return;
    await this.#unlocate(
      await this.#redis.run(scripts.remove, [this.#grantKey(tag, ref), this.#indexKey(tag)], []),
    );
  }

  /** @inheritdoc */
  async revokeUser(userId: string): Promise<void> {
    await this.#unlocate(await this.#redis.run(scripts.revokeUser, [this.#indexKey(userTag(userId))], []));
  }

  /** @inheritdoc */
  async countAttempt(key: string, windowMs: number): Promise<AttemptCount> {
    const reply = await this.#redis.run(
      scripts.countAttempt,
      [`${this.#prefix}attempt:${key}`],
      [String(Math.max(1, Math.ceil(windowMs)))],
    );
    const [count, msLeft] = Array.isArray(reply) ? reply.map(Number) : [NaN, NaN];
    if (!Number.isFinite(count) || !Number.isFinite(msLeft)) throw new Error("unexpected reply from Redis");
    return { count: count!, resetAt: this.#now() + msLeft! };
  }

  /** @inheritdoc */
  async clearAttempts(key: string): Promise<void> {
    await this.#redis.run(scripts.clearAttempts, [`${this.#prefix}attempt:${key}`], []);
  }

  /** Does nothing: the store owns no timer or connection. The client stays open. */
  async close(): Promise<void> {}

  /** The user tag of the grant `ref`, from its locator; null when there is none. */
  async #locate(ref: string): Promise<string | null> {
    const reply = await this.#redis.run(scripts.lookup, [this.#locatorKey(ref)], []);
    if (typeof reply !== "string") return null;
    const tag = reply.split(".")[0];
    return tag ? tag : null;
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
        this.#redis.run(scripts.unlocate, [this.#locatorKey(ref)], [value]).catch(() => undefined),
      ),
    );
  }

  #locatorKey(ref: string): string {
    return `${this.#prefix}loc:${ref}`;
  }

  // The `{u:<tag>}` comes right after the prefix in every key of a user's slot, so even a prefix
  // with a `{` of its own puts them all in one slot.
  #grantKey(tag: string, ref: string): string {
    return `${this.#prefix}{u:${tag}}:g:${ref}`;
  }

  #indexKey(tag: string): string {
    return `${this.#prefix}{u:${tag}}:grants`;
  }
}

/** 128 bits of SHA-256 of the user id: spreads users over the slots, never collides in practice. */
function userTag(userId: string): string {
  return createHash("sha256").update(`user\0${userId}`).digest("base64url").slice(0, 22);
}

/** A tag no user has (another hash domain), for the lookup of an unknown grant. */
function absentTag(ref: string): string {
  return createHash("sha256").update(`absent\0${ref}`).digest("base64url").slice(0, 22);
}

interface Script {
  source: string;
  sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

const scripts = {
  issue: script(ISSUE),
  locate: script(LOCATE),
  unlocate: script(UNLOCATE),
  lookup: script(LOOKUP),
  find: script(FIND),
  claim: script(CLAIM),
  release: script(RELEASE),
  remove: script(REMOVE),
  revokeUser: script(REVOKE_USER),
  countAttempt: script(COUNT_ATTEMPT),
  clearAttempts: script(CLEAR_ATTEMPTS),
};

/** How the store talks to whichever client it was given. */
interface Runner {
  /** Runs a script on the node that serves its keys (all in one slot). */
  run(s: Script, keys: string[], args: string[]): Promise<unknown>;
  /** `WAIT replicas timeoutMs` on the connection to the primary serving `key`; answers the acks. */
  wait(key: string, replicas: number, timeoutMs: number): Promise<number>;
}

function isObject(client: unknown): client is Record<string, unknown> {
  return client !== null && typeof client === "object";
}

/**
 * One way to run a script for every client. EVALSHA sends only the 40-byte digest; when Redis
 * does not know the script yet (first use, restart, SCRIPT FLUSH, a promoted replica) it answers
 * NOSCRIPT and the script is sent once with EVAL, which also caches it. Cluster clients route a
 * script by its first key, and every script's keys share that key's slot.
 */
function runner(client: RedisClientLike): Runner {
  if (isObject(client) && typeof client.defineCommand === "function") {
    const io = client as IoredisClientLike;
    if (typeof io.evalsha !== "function" || typeof io.eval !== "function") {
      throw new TypeError("RedisTokenStore: `client` looks like ioredis but has no `eval`/`evalsha`.");
    }
    return {
      run: (s, keys, args) =>
        withNoScriptFallback(
          () => io.evalsha(s.sha, keys.length, ...keys, ...args),
          () => io.eval(s.source, keys.length, ...keys, ...args),
        ),
      // A keyed command routes the pipeline to the key's primary (an ioredis Cluster would send a
      // bare WAIT to any node), on the connection that ran the claim.
      async wait(key, replicas, timeoutMs) {
        const replies = await io
          .pipeline()
          .exists(key)
          .call("WAIT", String(replicas), String(timeoutMs))
          .exec();
        const [error, acknowledged] = replies?.[1] ?? [new Error("no reply to WAIT"), null];
        if (error) throw error;
        return Number(acknowledged);
      },
    };
  }
  if (
    isObject(client) &&
    typeof client.getSlotMaster === "function" &&
    typeof client.sendCommand === "function"
  ) {
    const cluster = client as NodeRedisClusterLike;
    const send = (args: string[]) => cluster.sendCommand(args[3]!, false, args);
    return {
      run: (s, keys, args) =>
        withNoScriptFallback(
          () => send(["EVALSHA", s.sha, String(keys.length), ...keys, ...args]),
          () => send(["EVAL", s.source, String(keys.length), ...keys, ...args]),
        ),
      wait: async (key, replicas, timeoutMs) =>
        Number(await cluster.sendCommand(key, false, ["WAIT", String(replicas), String(timeoutMs)])),
    };
  }
  if (isObject(client) && typeof client.sendCommand === "function") {
    const single = client as NodeRedisClientLike;
    return {
      run: (s, keys, args) =>
        withNoScriptFallback(
          () => single.sendCommand(["EVALSHA", s.sha, String(keys.length), ...keys, ...args]),
          () => single.sendCommand(["EVAL", s.source, String(keys.length), ...keys, ...args]),
        ),
      wait: async (_key, replicas, timeoutMs) =>
        Number(await single.sendCommand(["WAIT", String(replicas), String(timeoutMs)])),
    };
  }
  throw new TypeError(
    "RedisTokenStore: `client` must be a connected node-redis client (`createClient()` or `createCluster()`) " +
      "or an ioredis client (`new Redis()` or `new Cluster()`).",
  );
}

async function withNoScriptFallback(evalsha: () => Promise<unknown>, evaluate: () => Promise<unknown>) {
  try {
    return await evalsha();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("NOSCRIPT")) return evaluate();
    throw error;
  }
}

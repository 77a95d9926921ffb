/**
 * A token store in Redis, so several app instances share grants, attempt counters and rate
 * limits. Every change that must be atomic runs as one Lua script, which Redis executes without
 * interleaving any other command: that is what makes `claim` single-use across instances.
 *
 * It takes the app's own node-redis (v4+) or ioredis (v5+) client and never opens or quits it,
 * nor adds commands to it. Neither package is imported: the client is recognised by its shape. Redis Cluster is not supported: the scripts
 * touch a user's grants wherever their keys hash.
 */
import { createHash } from "node:crypto";
import type { AttemptCount, Grant, GrantKind, TokenStore } from "../types.js";

/** The part of an ioredis client (v5+) the store uses. */
export interface IoredisClientLike {
  /** Present on ioredis only; how the store tells the two clients apart. */
  defineCommand(name: string, definition: { lua: string; numberOfKeys?: number }): unknown;
  /** `EVAL script numKeys ...keysAndArgs`. */
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  /** `EVALSHA sha numKeys ...keysAndArgs`. */
  evalsha(sha: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/** The part of a node-redis client (v4+, `createClient()`) the store uses. */
export interface NodeRedisClientLike {
  /** Sends a raw command, e.g. `["EVALSHA", sha, "1", key]`. */
  sendCommand(args: string[]): Promise<unknown>;
}

/** A connected node-redis or ioredis client. Cluster clients are not supported. */
export type RedisClientLike = IoredisClientLike | NodeRedisClientLike;

/** Options of {@link RedisTokenStore}. */
export interface RedisTokenStoreOptions {
  /** The app's connected node-redis or ioredis client. Required; the store never closes it. */
  client: RedisClientLike;
  /** Prefix of every key the store writes, so apps sharing a Redis database don't collide. ["pwreset:"] */
  prefix?: string;
  /**
   * Clock in epoch ms for `retainUntil` checks and claim leases; pass the router's `now` when a
   * test fakes it. Key expiry and attempt windows run on Redis's own clock. [Date.now]
   */
  now?: () => number;
}

// Saves the grant and drops every other grant of its user in one step. The keys of a user's
// grants are kept in a per-user set, so no KEYS/SCAN is needed. Key names are only ever taken
// from KEYS or from values the script itself stored (never rebuilt from a prefix), so a client
// that rewrites key names (ioredis `keyPrefix`) still addresses the same keys.
// KEYS: grant, user set. ARGV: grant JSON, hash, retainUntil, ttl ms.
const ISSUE = `
local previousOwner = redis.call('HGET', KEYS[1], 'userKey')
if previousOwner and previousOwner ~= KEYS[2] then redis.call('SREM', previousOwner, KEYS[1]) end
for _, key in ipairs(redis.call('SMEMBERS', KEYS[2])) do redis.call('DEL', key) end
redis.call('DEL', KEYS[1], KEYS[2])
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  redis.call('HSET', KEYS[1], 'grant', ARGV[1], 'hash', ARGV[2], 'retainUntil', ARGV[3],
    'claimedUntil', '0', 'userKey', KEYS[2])
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('SADD', KEYS[2], KEYS[1])
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return 1`;

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

// KEYS: grant.
const REMOVE = `
local owner = redis.call('HGET', KEYS[1], 'userKey')
redis.call('DEL', KEYS[1])
if owner then redis.call('SREM', owner, KEYS[1]) end
return 1`;

// KEYS: user set.
const REVOKE_USER = `
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do redis.call('DEL', key) end
redis.call('DEL', KEYS[1])
return 1`;

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
  readonly #run: (script: Script, keys: string[], args: string[]) => Promise<unknown>;

  /** Wraps the given client; throws a `TypeError` when it is not a node-redis or ioredis client. */
  constructor(options: RedisTokenStoreOptions) {
    const { client, prefix = "pwreset:", now = Date.now } = options ?? ({} as RedisTokenStoreOptions);
    if (typeof prefix !== "string") throw new TypeError("RedisTokenStore: `prefix` must be a string.");
    if (typeof now !== "function") throw new TypeError("RedisTokenStore: `now` must be a function.");
    this.#prefix = prefix;
    this.#now = now;
    this.#run = scriptRunner(client);
  }

  /** @inheritdoc */
  async issue(grant: Grant): Promise<void> {
    const ttl = grant.retainUntil - this.#now();
    await this.#run(
      scripts.issue,
      [this.#grantKey(grant.kind, grant.id), this.#userKey(grant.userId)],
      [JSON.stringify(grant), grant.hash, String(grant.retainUntil), String(Math.ceil(ttl))],
    );
  }

  /** @inheritdoc */
  async find(kind: GrantKind, id: string): Promise<Grant | null> {
    const reply = await this.#run(scripts.find, [this.#grantKey(kind, id)], []);
    if (!Array.isArray(reply) || typeof reply[0] !== "string") return null;
    // Redis drops the key at `retainUntil` on its own clock; checking the app's clock as well
    // keeps the answer exact when the two clocks disagree.
    if (Number(reply[1]) <= this.#now()) return null;
    return JSON.parse(reply[0]) as Grant;
  }

  /** @inheritdoc */
  async claim(kind: GrantKind, id: string, hash: string, leaseMs: number): Promise<boolean> {
    const now = this.#now();
    const reply = await this.#run(
      scripts.claim,
      [this.#grantKey(kind, id)],
      [hash, String(now), String(now + leaseMs)],
    );
    return Number(reply) === 1;
  }

  /** @inheritdoc */
  async release(kind: GrantKind, id: string, hash: string): Promise<void> {
    await this.#run(scripts.release, [this.#grantKey(kind, id)], [hash]);
  }

  /** @inheritdoc */
  async remove(kind: GrantKind, id: string): Promise<void> {
    await this.#run(scripts.remove, [this.#grantKey(kind, id)], []);
  }

  /** @inheritdoc */
  async revokeUser(userId: string): Promise<void> {
    await this.#run(scripts.revokeUser, [this.#userKey(userId)], []);
  }

  /** @inheritdoc */
  async countAttempt(key: string, windowMs: number): Promise<AttemptCount> {
    const reply = await this.#run(
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
    await this.#run(scripts.clearAttempts, [`${this.#prefix}attempt:${key}`], []);
  }

  /** Does nothing: the store owns no timer or connection. The client stays open. */
  async close(): Promise<void> {}

  #grantKey(kind: GrantKind, id: string): string {
    return `${this.#prefix}grant:${kind}:${id}`;
  }

  #userKey(userId: string): string {
    return `${this.#prefix}user:${userId}`;
  }
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
  find: script(FIND),
  claim: script(CLAIM),
  release: script(RELEASE),
  remove: script(REMOVE),
  revokeUser: script(REVOKE_USER),
  countAttempt: script(COUNT_ATTEMPT),
  clearAttempts: script(CLEAR_ATTEMPTS),
};

function isIoredis(client: RedisClientLike): client is IoredisClientLike {
  return typeof (client as Partial<IoredisClientLike>).defineCommand === "function";
}

/**
 * One way to run a script for both clients. EVALSHA sends only the 40-byte digest; when Redis
 * does not know the script yet (first use, restart, SCRIPT FLUSH) it answers NOSCRIPT and the
 * script is sent once with EVAL, which also caches it.
 */
function scriptRunner(
  client: RedisClientLike,
): (s: Script, keys: string[], args: string[]) => Promise<unknown> {
  if (client !== null && typeof client === "object" && isIoredis(client)) {
    if (typeof client.evalsha !== "function" || typeof client.eval !== "function") {
      throw new TypeError("RedisTokenStore: `client` looks like ioredis but has no `eval`/`evalsha`.");
    }
    return (s, keys, args) =>
      withNoScriptFallback(
        () => client.evalsha(s.sha, keys.length, ...keys, ...args),
        () => client.eval(s.source, keys.length, ...keys, ...args),
      );
  }
  if (client !== null && typeof client === "object" && typeof client.sendCommand === "function") {
    return (s, keys, args) =>
      withNoScriptFallback(
        () => client.sendCommand(["EVALSHA", s.sha, String(keys.length), ...keys, ...args]),
        () => client.sendCommand(["EVAL", s.source, String(keys.length), ...keys, ...args]),
      );
  }
  throw new TypeError(
    "RedisTokenStore: `client` must be a connected node-redis client (`createClient()`) or an ioredis client (`new Redis()`).",
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

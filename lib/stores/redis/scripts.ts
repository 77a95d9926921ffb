/**
 * The Lua scripts of the Redis store. Redis runs a script without interleaving any other command,
 * which is what makes each step below atomic across app instances. Every script touches only keys
 * of one hash slot (see `keys.ts`), so each one runs as it is on a single Redis and on a cluster.
 */
import { createHash } from "node:crypto";

/** A script and the SHA-1 digest `EVALSHA` names it by. */
export interface Script {
  /** The Lua source, sent with `EVAL` when Redis does not know the digest yet. */
  source: string;
  /** SHA-1 of the source, in hex. */
  sha: string;
}

// Saves the grant and drops every other grant of its user in one step: all of them, and the
// index, share the user's hash slot. Key names are only ever taken from KEYS or from values the
// script itself stored (never rebuilt from a prefix), so a client that rewrites key names
// (ioredis `keyPrefix`) still addresses the same keys. Answers `ref, locator` of each dropped
// grant, so the caller can drop their locators too. A grant with a code (`"link+code"`) gets an
// alias key in the same slot, found through the code's locator, that names the grant's key ('to');
// the grant names it back ('alias'), so deleting the grant deletes it.
// KEYS: grant, user index[, alias]. ARGV: grant JSON, hash, retainUntil, ttl ms, ref, locator
// value[, alias ref, alias locator value].
const ISSUE = `
local dropped = {}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if key ~= KEYS[1] and key ~= KEYS[3] then
    local v = redis.call('HMGET', key, 'ref', 'loc')
    if v[1] and v[2] then table.insert(dropped, v[1]); table.insert(dropped, v[2]) end
  end
  redis.call('DEL', key)
end
redis.call('DEL', KEYS[1], KEYS[2])
if KEYS[3] then redis.call('DEL', KEYS[3]) end
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  redis.call('HSET', KEYS[1], 'grant', ARGV[1], 'hash', ARGV[2], 'retainUntil', ARGV[3], 'claimedUntil', '0',
    'ref', ARGV[5], 'loc', ARGV[6])
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('SADD', KEYS[2], KEYS[1])
  if KEYS[3] then
    redis.call('HSET', KEYS[1], 'alias', KEYS[3])
    redis.call('HSET', KEYS[3], 'to', KEYS[1], 'ref', ARGV[7], 'loc', ARGV[8])
    redis.call('PEXPIRE', KEYS[3], ttl)
    redis.call('SADD', KEYS[2], KEYS[3])
  end
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

// A miss answers as long an answer as a hit, so the two cost the same to send and to read (see
// `store.ts`, "Lookups"): a filler of a locator's length, and a code grant's JSON of a usual size.
// Neither is ever taken for what it stands in for: the caller reads the leading flag first.
const LOCATOR_FILLER = "A".repeat(22) + "." + "A".repeat(8);
const GRANT_FILLER = JSON.stringify({
  kind: "code",
  id: `${"A".repeat(22)}:email:${"a".repeat(24)}@example.com`,
  userId: `${"A".repeat(22)}:${"a".repeat(24)}`,
  identifier: { type: "email", value: `${"a".repeat(24)}@example.com` },
  hash: "0".repeat(64),
  createdAt: 1e12,
  expiresAt: 1e12,
  retainUntil: 1e12,
});

// KEYS: locator. Returns `{1, <user tag>.<nonce>}`, or `{0, filler}` when there is none.
const LOOKUP = `
local v = redis.call('GET', KEYS[1])
if v then return {1, v} end
return {0, '${LOCATOR_FILLER}'}`;

// KEYS: grant (or a code's alias of one, followed within the slot). Returns `{1, grant JSON,
// retainUntil}` (the caller checks retainUntil against its clock), or `{0, filler JSON, '0'}`
// when there is none.
const FIND = `
local key = redis.call('HGET', KEYS[1], 'to') or KEYS[1]
local v = redis.call('HMGET', key, 'grant', 'retainUntil')
if v[1] and v[2] then return {1, v[1], v[2]} end
return {0, [[${GRANT_FILLER}]], '0'}`;

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

// KEYS: grant (or its alias), user index. Deletes the grant and its alias; answers `ref, locator`
// of each.
const REMOVE = `
local grant = redis.call('HGET', KEYS[1], 'to') or KEYS[1]
local keys = {grant}
local alias = redis.call('HGET', grant, 'alias')
if alias then table.insert(keys, alias) end
local dropped = {}
for _, key in ipairs(keys) do
  local v = redis.call('HMGET', key, 'ref', 'loc')
  if v[1] and v[2] then table.insert(dropped, v[1]); table.insert(dropped, v[2]) end
  redis.call('DEL', key)
  redis.call('SREM', KEYS[2], key)
end
return dropped`;

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

function script(source: string): Script {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/** Every script the store runs, digested once when the module loads. */
export const scripts = {
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

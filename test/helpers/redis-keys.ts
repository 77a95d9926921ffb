/**
 * Finding and deleting a suite's keys on one Redis node: SCAN, never KEYS, because the test Redis
 * is shared with other suites (and the bench). Used by the test suites' cleanups and the bench's
 * backends, on a single server and on each primary of a Cluster alike.
 */
import type { Redis } from "ioredis";

/** Every key on `node` that matches the glob `pattern`. */
export async function scanKeys(node: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== "0");
  return found;
}

/**
 * Deletes every key on `node` that matches `pattern`. One DEL per key, sent together: a Cluster
 * primary refuses a DEL whose keys lie in different slots.
 */
export async function deleteKeys(node: Redis, pattern: string): Promise<void> {
  await Promise.all((await scanKeys(node, pattern)).map((key) => node.del(key)));
}

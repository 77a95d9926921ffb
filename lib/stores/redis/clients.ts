/**
 * The Redis clients the store accepts, recognised by their shape (neither node-redis nor ioredis
 * is imported), and one way to run a script and a `WAIT` on each: node-redis `createClient()` and
 * `createCluster()` (v4+), ioredis `new Redis()` and `new Cluster()` (v5+). The store never opens,
 * quits or adds commands to the client it is given.
 */
import type { Script } from "./scripts.js";

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

/** How the store talks to whichever client it was given. */
export interface ScriptRunner {
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
 * script by its first key, and every script's keys share that key's slot. Throws a `TypeError`
 * when `client` is none of the clients above.
 */
export function scriptRunner(client: RedisClientLike): ScriptRunner {
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

/**
 * Looks into and steers the CI's Redis Clusters without a Redis client: one raw command per
 * connection, so a client's own retries and topology cache cannot hide what a node answers.
 * The failover tests use it to find a slot's primary, stop it, and bring the cluster back with
 * `.ci/services.sh` (which restarts the node and hands its primary role back).
 */
import { execFile } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import type { HostPort } from "./services.js";

const COMMAND_TIMEOUT_MS = 2_000;

/** One row of `CLUSTER NODES`. */
export interface ClusterNode extends HostPort {
  id: string;
  /** `master`/`slave`, plus `myself`, `fail`, `fail?`, ... */
  flags: string[];
  /** The primary a replica follows; `-` for a primary. */
  primaryId: string;
  /** Whether the asking node's link to this node is up. */
  connected: boolean;
  /** Slot ranges served, inclusive; empty for replicas. */
  slots: [number, number][];
}

/**
 * Sends one inline command over a fresh socket. Resolves with a simple, integer or bulk string
 * reply; rejects on an error reply, a closed socket or no answer within 2 s.
 */
export function redisCommand(node: HostPort, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(node.port, node.host);
    let buffered = Buffer.alloc(0);
    const finish = (error: Error | null, reply?: string) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(reply ?? "");
    };
    socket.setTimeout(COMMAND_TIMEOUT_MS, () =>
      finish(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`)),
    );
    socket.once("error", (error) => finish(error));
    socket.once("close", () => finish(new Error("connection closed before a reply")));
    socket.once("connect", () => socket.write(`${command}\r\n`));
    socket.on("data", (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      const lineEnd = buffered.indexOf("\r\n");
      if (lineEnd < 0) return;
      const head = buffered.subarray(0, lineEnd).toString();
      if (head.startsWith("+") || head.startsWith(":")) return finish(null, head.slice(1));
      if (head.startsWith("-")) return finish(new Error(head.slice(1)));
      if (!head.startsWith("$")) return finish(new Error(`unexpected reply ${JSON.stringify(head)}`));
      const length = Number(head.slice(1));
      if (buffered.length >= lineEnd + 2 + length) {
        finish(null, buffered.subarray(lineEnd + 2, lineEnd + 2 + length).toString());
      }
    });
  });
}

/** The cluster as `node` sees it (`CLUSTER NODES`). */
export async function clusterNodes(node: HostPort): Promise<ClusterNode[]> {
  const table = await redisCommand(node, "CLUSTER NODES");
  return table
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      // id host:port@bus flags primary ping pong epoch link slot...
      const [id = "", address = "", flags = "", primaryId = "", , , , link = "", ...slots] = line.split(" ");
      const hostPort = address.split("@")[0] ?? "";
      const at = hostPort.lastIndexOf(":");
      return {
        id,
        host: hostPort.slice(0, at),
        port: Number(hostPort.slice(at + 1)),
        flags: flags.split(","),
        primaryId,
        connected: link === "connected",
        slots: slots
          .filter((range) => !range.startsWith("["))
          .map((range) => {
            const [from, to = from] = range.split("-").map(Number) as [number, number?];
            return [from, to] as [number, number];
          }),
      };
    });
}

/** The node serving `key`'s slot as primary, as `node` sees the cluster. */
export async function primaryOfKey(node: HostPort, key: string): Promise<ClusterNode> {
  if (/\s/.test(key)) throw new Error("keys with whitespace cannot go in an inline command");
  const slot = Number(await redisCommand(node, `CLUSTER KEYSLOT ${key}`));
  const primary = (await clusterNodes(node)).find(
    (n) =>
      n.flags.includes("master") &&
      !n.flags.includes("fail") &&
      n.slots.some(([a, b]) => a <= slot && slot <= b),
  );
  if (!primary) throw new Error(`no primary serves slot ${slot}`);
  return primary;
}

/** Stops a node the way a crash would, without saving (`SHUTDOWN NOSAVE`). */
export async function stopNode(node: HostPort): Promise<void> {
  // A node that shuts down closes the connection instead of answering.
  await redisCommand(node, "SHUTDOWN NOSAVE").catch(() => {});
}

/** Polls `check` every 100 ms until it resolves true; throws after `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `.ci/services.sh` for the given services: restarts stopped nodes and waits until the
 * cluster is whole again. Needs the rights the script needs (root on CI and this machine).
 */
export async function restoreServices(...names: string[]): Promise<string> {
  const script = join(__dirname, "..", "..", ".ci", "services.sh");
  const { stdout } = await promisify(execFile)(script, names, { timeout: 120_000 });
  return stdout;
}

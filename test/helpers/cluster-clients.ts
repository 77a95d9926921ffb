/**
 * Cluster clients as apps build them, for the Redis Cluster tests of the token store: ioredis
 * `Cluster` (newest and lowest supported major) and node-redis `createCluster` (newest and
 * lowest), each with the way to close it and to drop every key a test run wrote.
 */
import { Cluster, type ClusterOptions } from "ioredis";
import IoredisMin from "ioredis-min";
import { createCluster } from "redis";
import { createCluster as createClusterMin } from "redis-min";
import type { RedisClientLike } from "../../lib/redis.js";
import type { HostPort } from "./services.js";
import { deleteKeys } from "./redis-keys.js";

/** A connected cluster client and how to let it go. */
export interface ClusterClient {
  client: RedisClientLike;
  close(): Promise<void>;
}

/** The clients the cluster suites run against, by label. */
export const CLUSTER_CLIENTS: Record<string, (nodes: HostPort[]) => Promise<ClusterClient>> = {
  "ioredis Cluster": async (nodes) => ioredisCluster(nodes),
  "ioredis 5 Cluster": async (nodes) => {
    const client = new IoredisMin.Cluster(nodes);
    return { client, close: async () => void (await client.quit()) };
  },
  "ioredis Cluster with keyPrefix": async (nodes) =>
    ioredisCluster(nodes, { keyPrefix: `app-${process.pid}:` }),
  "node-redis createCluster": async (nodes) => {
    const client = createCluster({ rootNodes: nodes.map((node) => ({ url: urlOf(node) })) });
    await client.connect();
    return { client, close: () => client.close() };
  },
  "node-redis 4 createCluster": async (nodes) => {
    const client = createClusterMin({ rootNodes: nodes.map((node) => ({ url: urlOf(node) })) });
    await client.connect();
    return { client, close: () => client.disconnect() };
  },
};

/** An ioredis `Cluster`, closed with `quit()`. */
export function ioredisCluster(
  nodes: HostPort[],
  options: ClusterOptions = {},
): ClusterClient & { client: Cluster } {
  const client = new Cluster(nodes, options);
  return { client, close: async () => void (await client.quit()) };
}

/** Deletes, on every primary, the keys containing `fragment` (one at a time: they span slots). */
export async function deleteClusterKeys(nodes: HostPort[], fragment: string): Promise<void> {
  const { client, close } = ioredisCluster(nodes);
  try {
    await client.ping();
    for (const node of client.nodes("master")) await deleteKeys(node, `*${fragment}*`);
  } finally {
    await close();
  }
}

function urlOf({ host, port }: HostPort): string {
  return `redis://${host}:${port}`;
}

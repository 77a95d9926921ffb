/**
 * Redis Cluster figures (issue 15): one full forgot + reset cycle (as in `stores.ts`) on a single
 * Redis and on the three-primary cluster, one at a time (p50 / p99) and with several cycles in
 * flight (throughput); the cost of `waitForReplicas: 1` (WAIT after each claim) on the failover
 * cluster; and what one user's keys weigh (`MEMORY USAGE`), for the README's sizing estimate.
 *
 *   npx tsx bench/cluster.ts            # prints the rows and the data as JSON
 *
 * It needs the services `.ci/services.sh` starts (Redis 6379, clusters 7001-7003 and 7101-7106);
 * a missing one shows as "not available". Keys carry a unique prefix and are removed afterwards.
 */
import express from "express";
import type { Cluster, Redis } from "ioredis";
import { createPasswordResetRouter, type PasswordResetOptions, type TokenStore } from "../lib/index.js";
import { CapturingMailer } from "../lib/testing/index.js";
import type { Grant } from "../lib/types.js";
import { storeRouterOptions, userTable } from "./fixtures.js";
import { keepAliveAgent, listen, send } from "./http.js";
import { fixed, type Row, type SectionResult } from "./report.js";
import { quantile } from "./stats.js";
import { scanKeys } from "../test/helpers/redis-keys.js";

/** Knobs of the cluster section. */
export interface ClusterBenchOptions {
  /** Forgot + reset cycles timed one at a time, per backend (and the number run for throughput). */
  cycles: number;
  /** Cycles in flight at once for the throughput figure. [8] */
  concurrency?: number;
  /** Claims timed with and without WAIT. [cycles] */
  claims?: number;
}

const SINGLE = { host: "127.0.0.1", port: 6379 };
const CLUSTER = [7001, 7002, 7003].map((port) => ({ host: "127.0.0.1", port }));
const FAILOVER = [7101, 7102, 7103, 7104, 7105, 7106].map((port) => ({ host: "127.0.0.1", port }));
const PASSWORD = "correct horse battery staple";

/** A Redis client for a backend, the prefix the run writes under, and how to clean up. */
interface Backend {
  client: Redis | Cluster;
  prefix: string;
  /** Every primary, to scan. */
  primaries(): Redis[];
  close(): Promise<void>;
}

function uniqueName(): string {
  return `bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

async function singleBackend(): Promise<Backend> {
  const { Redis } = await import("ioredis");
  const client = new Redis({ ...SINGLE, lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  await client.connect();
  return {
    client,
    prefix: `${uniqueName()}:`,
    primaries: () => [client],
    close: async () => client.disconnect(),
  };
}

async function clusterBackend(nodes: { host: string; port: number }[]): Promise<Backend> {
  const { Cluster } = await import("ioredis");
  const client = new Cluster(nodes, {
    clusterRetryStrategy: () => null,
    redisOptions: { connectTimeout: 2000 },
  });
  await client.ping();
  return {
    client,
    prefix: `${uniqueName()}:`,
    primaries: () => client.nodes("master"),
    close: async () => client.disconnect(),
  };
}

async function withBackend<T>(
  open: () => Promise<Backend>,
  work: (backend: Backend) => Promise<T>,
): Promise<T> {
  const backend = await open();
  try {
    return await work(backend);
  } finally {
    try {
      for (const node of backend.primaries()) {
        for (const key of await scanKeys(node, `${backend.prefix}*`)) await node.del(key);
      }
    } finally {
      await backend.close();
    }
  }
}

/** A router on `store`, listening; `cycle(i)` runs forgot + reset for user i and answers its ms. */
async function cycleRunner(store: TokenStore, users: number, extra: Partial<PasswordResetOptions> = {}) {
  const mailer = new CapturingMailer();
  const router = createPasswordResetRouter({
    users: userTable(users),
    mailer,
    ...storeRouterOptions(store),
    ...extra,
  });
  const app = express();
  app.use("/auth/password", router);
  const server = await listen(app);
  const agent = keepAliveAgent(16);
  const tokenFor = (email: string) => {
    const link = mailer.resets.findLast((message) => message.to === email)?.link;
    return link ? (new URL(link).searchParams.get("token") ?? undefined) : undefined;
  };
  return {
    mailer,
    router,
    async forgot(i: number): Promise<void> {
      const forgot = await send(agent, `${server.url}/auth/password/forgot`, "POST", {
        email: `user-${i}@example.com`,
      });
      if (forgot.status !== 200) throw new Error(`forgot answered ${forgot.status}`);
      await router.drain();
    },
    async cycle(i: number): Promise<number> {
      const started = process.hrtime.bigint();
      await this.forgot(i);
      const token = tokenFor(`user-${i}@example.com`);
      if (token === undefined) throw new Error("no token mailed");
      const reset = await send(agent, `${server.url}/auth/password/reset`, "POST", {
        token,
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      });
      if (reset.status !== 200) throw new Error(`reset answered ${reset.status}: ${reset.body}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    },
    async close(): Promise<void> {
      agent.destroy();
      await router.close();
      await server.close();
    },
  };
}

/** Sequential latencies, then throughput with `concurrency` cycles in flight, and round trips per cycle. */
async function cycleFigures(backend: Backend, options: Required<ClusterBenchOptions>) {
  const { RedisTokenStore } = await import("../lib/redis.js");
  const store = new RedisTokenStore({ client: backend.client, prefix: backend.prefix });
  const warmup = Math.max(5, Math.round(options.cycles / 10));
  const total = warmup + options.cycles * 2;
  const runner = await cycleRunner(store, total);
  try {
    const latencies: number[] = [];
    const scriptsBefore = await scriptCalls(backend);
    for (let i = 0; i < warmup + options.cycles; i++) {
      const ms = await runner.cycle(i);
      if (i >= warmup) latencies.push(ms);
    }
    const roundTrips = ((await scriptCalls(backend)) - scriptsBefore) / (warmup + options.cycles);
    let next = warmup + options.cycles;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < total) await runner.cycle(next++);
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      perSecond: options.cycles / seconds,
      roundTripsPerCycle: roundTrips,
    };
  } finally {
    await runner.close();
  }
}

/** EVALSHA + EVAL calls so far, over every primary: the store's round trips. */
async function scriptCalls(backend: Backend): Promise<number> {
  let calls = 0;
  for (const node of backend.primaries()) {
    const stats = await node.info("commandstats");
    for (const match of stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)) calls += Number(match[1]);
  }
  return calls;
}

/** Claim latency on the failover cluster without and with `WAIT 1` after the claim. */
async function waitFigures(backend: Backend, claims: number) {
  const { RedisTokenStore } = await import("../lib/redis.js");
  const result: Record<string, { p50: number; p99: number }> = {};
  for (const [label, waitForReplicas] of [
    ["claim", false],
    ["claim + WAIT 1", 1],
  ] as const) {
    const store = new RedisTokenStore({ client: backend.client, prefix: backend.prefix, waitForReplicas });
    const latencies: number[] = [];
    for (let i = 0; i < claims + 10; i++) {
      const grant = benchGrant(`${label}-${i}`);
      await store.issue(grant);
      const started = process.hrtime.bigint();
      if (!(await store.claim(grant.kind, grant.id, grant.hash, 60_000))) throw new Error("claim refused");
      if (i >= 10) latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    result[label] = { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
  }
  return result;
}

function benchGrant(userId: string): Grant {
  const now = Date.now();
  return {
    kind: "link",
    id: Math.random().toString(36).slice(2),
    userId,
    identifier: { type: "email", value: `${userId}@example.com` },
    hash: "ab".repeat(32),
    createdAt: now,
    expiresAt: now + 3_600_000,
    retainUntil: now + 3_600_000,
  };
}

/** `MEMORY USAGE` of each kind of key one user leaves, from real forgot requests on a single Redis. */
async function keySizes(backend: Backend) {
  const { RedisTokenStore } = await import("../lib/redis.js");
  const client = backend.client as Redis;
  const sizes: Record<string, number> = {};
  const measure = async (name: string, pattern: string) => {
    const [key] = await scanKeys(client, `${backend.prefix}${pattern}`);
    if (key === undefined) throw new Error(`no key ${pattern}`);
    sizes[name] = Number(await client.memory("USAGE", key, "SAMPLES", "0"));
  };
  for (const delivery of ["link", "code"] as const) {
    const prefix = `${backend.prefix}${delivery}:`;
    const store = new RedisTokenStore({ client, prefix });
    const runner = await cycleRunner(store, 1, {
      // Codes are stored under the identifier, so a code grant has the size real ones have.
      ...(delivery === "code" ? { delivery: { email: "code" } } : {}),
    });
    try {
      await runner.forgot(0);
    } finally {
      await runner.close();
    }
    await measure(`${delivery} grant`, `${delivery}:{u:*}:g:${delivery}:*`);
    await measure(`${delivery} locator`, `${delivery}:loc:${delivery}:*`);
    if (delivery === "link") {
      await measure("user index", `${delivery}:{u:*}:grants`);
      await measure("attempt counter", `${delivery}:attempt:*`);
    }
  }
  return sizes;
}

/** Runs the section. */
export async function benchCluster(options: ClusterBenchOptions): Promise<SectionResult> {
  const settings: Required<ClusterBenchOptions> = {
    concurrency: 8,
    claims: options.cycles,
    ...options,
  };
  const section = "6 cluster";
  const rows: Row[] = [];
  const data: Record<string, unknown> = { ...settings };
  const row = (figure: string, value: string, ratio: number | null = null) =>
    rows.push({ section, figure, value, target: "-", ratio, met: null });
  const attempt = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      data[name] = { available: false, reason };
      row(`${name}: not available`, reason.slice(0, 60));
    }
  };

  let singleP50: number | undefined;
  for (const [name, open] of [
    ["single Redis", singleBackend],
    ["Redis Cluster, 3 primaries", () => clusterBackend(CLUSTER)],
  ] as const) {
    await attempt(name, async () => {
      const figures = await withBackend(open, (backend) => cycleFigures(backend, settings));
      singleP50 ??= figures.p50;
      data[name] = figures;
      row(
        `${name}: forgot + reset p50 / p99`,
        `${fixed(figures.p50, 2)} / ${fixed(figures.p99, 2)} ms`,
        figures.p50 / singleP50,
      );
      row(`${name}: cycles/s, ${settings.concurrency} in flight`, fixed(figures.perSecond, 0));
      row(`${name}: store round trips per cycle`, fixed(figures.roundTripsPerCycle, 1));
    });
  }

  await attempt("WAIT after claim", async () => {
    const figures = await withBackend(
      () => clusterBackend(FAILOVER),
      (backend) => waitFigures(backend, settings.claims),
    );
    data["WAIT after claim"] = figures;
    const plain = figures["claim"]!;
    const waited = figures["claim + WAIT 1"]!;
    row("failover cluster: claim p50 / p99", `${fixed(plain.p50, 3)} / ${fixed(plain.p99, 3)} ms`);
    row(
      "failover cluster: claim + WAIT 1 p50 / p99",
      `${fixed(waited.p50, 3)} / ${fixed(waited.p99, 3)} ms`,
      waited.p50 / plain.p50,
    );
  });

  await attempt("key sizes", async () => {
    const sizes = await withBackend(singleBackend, keySizes);
    data["key sizes"] = sizes;
    row(
      "MEMORY USAGE per key",
      Object.entries(sizes)
        .map(([k, v]) => `${k} ${v} B`)
        .join(", "),
    );
  });
  return { rows, data };
}

// Run on its own: `npx tsx bench/cluster.ts [cycles]`.
if (process.argv[1]?.endsWith("cluster.ts")) {
  benchCluster({ cycles: Number(process.argv[2] ?? 300) }).then(
    ({ rows, data }) => {
      for (const r of rows)
        console.log(`${r.figure}: ${r.value}${r.ratio === null ? "" : ` (x${fixed(r.ratio, 2)})`}`);
      console.log(JSON.stringify(data, null, 2));
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

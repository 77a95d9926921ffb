/**
 * `npm run bench:compare -- --baseline=<dir>`: the overhead section's POST /forgot, for this
 * checkout and for another build of the package (a clone at an earlier commit, built with
 * `npm run build`), side by side in one process against the same bare Express handler. Rounds
 * alternate and rotate their order, so the machine's drift falls on every variant alike; the figure
 * is each router's median per-round ratio to bare Express, and the difference between the two.
 *
 *   git worktree add ../v020 <commit> && (cd ../v020 && npm ci && npm run build)
 *   npm run bench:compare -- --baseline=../v020 --rounds=6 --seconds=3
 *
 * The baseline is loaded from its CommonJS build and configured in the 0.2 spellings, which every
 * version since 0.2 accepts; this checkout in the 1.0 spellings.
 *
 * With `--cpu`, each router is called without sockets (fake-http.ts) and the figure is the process's
 * CPU time per forgot, background delivery included, in alternating rounds: what the router itself
 * costs, which a machine shared with other work distorts far less than a throughput ratio.
 *
 *   npm run bench:compare -- --baseline=../v020 --cpu --rounds=7 --requests=10000
 *
 * `--dist` measures this checkout's build (`npm run build` first) rather than lib/ through tsx, so
 * both sides run compiled JavaScript (fixtures.ts, `routerFactory`).
 */
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { loadavg } from "node:os";
import express, { type RequestHandler } from "express";
import type { PasswordResetRouter } from "../lib/index.js";
import { callRouter } from "./fake-http.js";
import { fireForgot, idleMailer, RESET_URL, routerFactory, silentLogger, userTable } from "./fixtures.js";
import { listen, type Listening } from "./http.js";
import { median } from "./stats.js";

type Variant = "bare" | "current" | "baseline";
type Account = "known" | "unknown";
const EMAIL: Record<Account, string> = { known: "user-1@example.com", unknown: "none-1@example.com" };

interface Mounted {
  url: string;
  drain(): Promise<void>;
  close(): Promise<void>;
}

function option(name: string, fallback?: string): string {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (given !== undefined) return given;
  if (fallback !== undefined) return fallback;
  throw new Error(`--${name}=… is required`);
}

/** The baseline's router factory, from its CommonJS build. */
function loadBaseline(dir: string): (options: Record<string, unknown>) => RequestHandler & Mounted {
  const require = createRequire(resolve(dir, "package.json"));
  const module = require(resolve(dir, "dist/cjs/index.js")) as {
    createPasswordResetRouter(options: Record<string, unknown>): RequestHandler & Mounted;
  };
  return module.createPasswordResetRouter;
}

async function mount(
  router: RequestHandler & { drain(): Promise<void>; close(): Promise<void> },
): Promise<Mounted> {
  const app = express();
  app.use("/auth/password", router);
  const server: Listening = await listen(app);
  return {
    url: server.url,
    drain: () => router.drain(),
    close: async () => {
      await router.close();
      await server.close();
    },
  };
}

/** `--cpu`: CPU microseconds per forgot of each router alone; see the module comment. */
async function compareCpu(baselineDir: string, rounds: number, requests: number): Promise<void> {
  const quiet = { warn: () => {}, error: () => {} };
  const common = {
    users: userTable(10),
    mailer: idleMailer(),
    resetUrl: RESET_URL,
    rateLimit: false as const,
  };
  const routers = {
    baseline: loadBaseline(baselineDir)({ ...common, logger: quiet }) as unknown as PasswordResetRouter,
    current: routerFactory()({ ...common, advanced: { logger: silentLogger } }),
  };
  const cpuPerRequest = async (router: PasswordResetRouter, account: Account, count: number) => {
    let next = 0;
    const started = process.cpuUsage();
    const worker = async () => {
      while (next++ < count) await callRouter(router, "/forgot", { email: EMAIL[account] }, "203.0.113.7");
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    await router.drain();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / count;
  };
  const loadAtStart = loadavg()[0] ?? 0;
  const micros: Record<"baseline" | "current", Record<Account, number[]>> = {
    baseline: { known: [], unknown: [] },
    current: { known: [], unknown: [] },
  };
  try {
    for (const router of Object.values(routers)) {
      for (const account of ["known", "unknown"] as const) await cpuPerRequest(router, account, 2000);
    }
    for (let round = 0; round < rounds; round++) {
      for (const account of ["known", "unknown"] as const) {
        const order =
          round % 2 === 0 ? (["baseline", "current"] as const) : (["current", "baseline"] as const);
        for (const which of order)
          micros[which][account].push(await cpuPerRequest(routers[which], account, requests));
      }
    }
  } finally {
    for (const router of Object.values(routers)) await router.close();
  }
  console.log(`POST /forgot, CPU µs per request without sockets; ${rounds} rounds x ${requests} requests`);
  console.log(`load average at start ${loadAtStart.toFixed(2)}, at end ${(loadavg()[0] ?? 0).toFixed(2)}`);
  for (const account of ["known", "unknown"] as const) {
    for (const which of ["baseline", "current"] as const) {
      const values = micros[which][account];
      const label = which === "baseline" ? `baseline (${baselineDir})` : "this checkout";
      console.log(
        `${`${label}, ${account}`.padEnd(40)} median ${median(values).toFixed(1)} µs   rounds ${values.map((v) => v.toFixed(0)).join(" ")}`,
      );
    }
    const ratio = median(micros.current[account]) / median(micros.baseline[account]);
    console.log(`${"  this / baseline".padEnd(40)} ${ratio.toFixed(3)}`);
  }
}

async function main(): Promise<void> {
  const baselineDir = option("baseline");
  if (process.argv.includes("--cpu")) {
    await compareCpu(baselineDir, Number(option("rounds", "7")), Number(option("requests", "10000")));
    return;
  }
  const rounds = Number(option("rounds", "6"));
  const seconds = Number(option("seconds", "3"));
  const connections = Number(option("connections", "10"));
  const loadAtStart = loadavg()[0] ?? 0;

  const baseline = await mount(
    loadBaseline(baselineDir)({
      users: userTable(10),
      mailer: idleMailer(),
      resetUrl: RESET_URL,
      rateLimit: false,
      // The other build may be 0.2 (top-level `logger`) or 1.0 (where that spelling warns): quiet both ways.
      logger: { warn: () => {}, error: () => {} },
    }),
  );
  const current = await mount(
    routerFactory()({
      users: userTable(10),
      mailer: idleMailer(),
      resetUrl: RESET_URL,
      rateLimit: false,
      advanced: { logger: silentLogger },
    }),
  );
  const bareApp = express();
  bareApp.post("/auth/password/forgot", express.json(), (_req, res) => {
    res.json({ success: true, data: {} });
  });
  const bareServer = await listen(bareApp);
  const bare: Mounted = { url: bareServer.url, drain: async () => {}, close: () => bareServer.close() };
  const targets: Record<Variant, Mounted> = { bare, current, baseline };

  const fire = async (variant: Variant, account: Account, duration: number): Promise<number> => {
    const { requests, seconds } = await fireForgot({
      mountUrl: `${targets[variant].url}/auth/password`,
      email: EMAIL[account],
      connections,
      seconds: duration,
      label: variant,
      drain: () => targets[variant].drain(),
    });
    return requests / seconds;
  };

  const ratios: Record<Exclude<Variant, "bare">, Record<Account, number[]>> = {
    current: { known: [], unknown: [] },
    baseline: { known: [], unknown: [] },
  };
  try {
    for (const variant of ["bare", "current", "baseline"] as const) {
      for (const account of ["known", "unknown"] as const) await fire(variant, account, 1);
    }
    const order: Variant[] = ["bare", "current", "baseline"];
    for (let round = 0; round < rounds; round++) {
      for (const account of ["known", "unknown"] as const) {
        const rotated = [...order.slice(round % 3), ...order.slice(0, round % 3)];
        const rates: Partial<Record<Variant, number>> = {};
        for (const variant of rotated) rates[variant] = await fire(variant, account, seconds);
        ratios.current[account].push(rates.current! / rates.bare!);
        ratios.baseline[account].push(rates.baseline! / rates.bare!);
      }
    }
  } finally {
    for (const target of Object.values(targets)) await target.close();
  }

  const line = (label: string, values: number[]) =>
    `${label.padEnd(34)} median ${median(values).toFixed(3)}   rounds ${values.map((v) => v.toFixed(2)).join(" ")}`;
  console.log(
    `POST /forgot, ratio to bare Express; ${rounds} rounds x ${seconds} s, ${connections} connections`,
  );
  console.log(`load average at start ${loadAtStart.toFixed(2)}, at end ${(loadavg()[0] ?? 0).toFixed(2)}`);
  for (const account of ["known", "unknown"] as const) {
    console.log(line(`baseline (${baselineDir}), ${account}`, ratios.baseline[account]));
    console.log(line(`this checkout, ${account}`, ratios.current[account]));
    const paired = ratios.current[account].map((ratio, round) => ratio / ratios.baseline[account][round]!);
    console.log(line(`  this / baseline, same round`, paired));
    const difference = median(ratios.current[account]) - median(ratios.baseline[account]);
    console.log(
      `${"  difference (this - baseline)".padEnd(34)} ${difference >= 0 ? "+" : ""}${difference.toFixed(3)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

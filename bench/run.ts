/**
 * `npm run bench`: what the package costs a host app, and proof that the timing of forgot, of a
 * wrong code and of the request after a forgot does not reveal whether an account exists. Runs
 * ten sections in one process, prints a table (figure, value, target, the ratio that decides
 * it, met) and writes it all as JSON to bench/results/latest.json (git-ignored) and, for a full
 * run, bench/last-run.json (committed).
 *
 *   npm run bench                      # build, then a full run, about five minutes on 2 cores
 *   npm run bench -- --quick           # small sizes, to check the bench itself works
 *   npm run bench -- --only=codes,followup,policy
 *   npm run bench -- --only=forgot,reset   # POST /forgot against bare Express, and the resets
 *   npx tsx bench/run.ts --only=forgot     # the forgot router from lib/ through tsx, not the build
 *
 * `npm run bench` builds first and passes `--dist`: the throughput figures measure the built
 * package, as an app installs it (tsx's transpiled lib/ costs the router about a tenth more CPU).
 *
 * Everything listens on 127.0.0.1 only. The memory section needs `global.gc`, so when the
 * process was started without `--expose-gc` it re-runs itself with it (same loader flags).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import * as prettier from "prettier";
import { describeMachine, machineLine } from "./machine.js";
import { benchCodeTiming } from "./code-timing.js";
import { benchFollowupTiming } from "./followup-timing.js";
import { benchMemory } from "./memory.js";
import { benchOverhead } from "./overhead.js";
import { benchPasswordPolicy } from "./password-policy.js";
import { formatTable, type Row, type SectionResult } from "./report.js";
import { benchResetLoad } from "./reset-load.js";
import { benchStores } from "./stores.js";
import { benchCluster } from "./cluster.js";
import { benchTelemetry } from "./telemetry.js";
import { benchTiming } from "./timing.js";

interface Section {
  name: string;
  run(quick: boolean): Promise<SectionResult>;
}

// Sizes are budgeted so a full run stays under 5 minutes on a loaded 2-core machine: overhead
// ~45 s, timing ~15 s, reset ~40 s, memory ~30 s, stores ~10 s, policy ~10 s, codes ~15 s,
// followup ~45 s (each of its sequences waits out the 2-40 ms delivery jitter), telemetry ~25 s.
const SECTIONS: Section[] = [
  {
    name: "overhead",
    run: (quick) =>
      benchOverhead(
        quick ? { rounds: 2, seconds: 1, connections: 10 } : { rounds: 4, seconds: 3, connections: 10 },
      ),
  },
  {
    name: "timing",
    run: (quick) => benchTiming(quick ? { pairs: 200, revealPairs: 20 } : { pairs: 1000, revealPairs: 60 }),
  },
  {
    name: "reset",
    run: (quick) =>
      benchResetLoad(
        quick
          ? { burst: 8, rounds: 1, singleCoreSeconds: 0.5 }
          : { burst: 32, rounds: 3, singleCoreSeconds: 2 },
      ),
  },
  {
    name: "memory",
    run: (quick) =>
      benchMemory(
        quick ? { requests: 20_000, maxWindowSeconds: 30 } : { requests: 100_000, maxWindowSeconds: 60 },
      ),
  },
  {
    name: "stores",
    run: (quick) => benchStores(quick ? { cycles: 50, warmup: 5 } : { cycles: 300, warmup: 30 }),
  },
  {
    name: "policy",
    run: (quick) => benchPasswordPolicy(quick ? { checks: 2000, hashes: 3 } : { checks: 20_000, hashes: 9 }),
  },
  {
    name: "codes",
    run: (quick) => benchCodeTiming(quick ? { pairs: 100, warmup: 20 } : { pairs: 500, warmup: 50 }),
  },
  {
    name: "followup",
    run: (quick) =>
      benchFollowupTiming(
        quick
          ? { immediatePairs: 60, atDeliveryPairs: 40, streamPairs: 40, warmup: 10 }
          : { immediatePairs: 300, atDeliveryPairs: 150, streamPairs: 150, warmup: 20 },
      ),
  },
  {
    name: "cluster",
    run: (quick) => benchCluster(quick ? { cycles: 50 } : { cycles: 300 }),
  },
  {
    name: "telemetry",
    run: (quick) =>
      benchTelemetry(
        quick ? { rounds: 1, seconds: 1, connections: 10 } : { rounds: 3, seconds: 2, connections: 10 },
      ),
  },
];

/** Other names a section answers to in `--only`: `forgot` is what the overhead section measures. */
const SECTION_ALIASES: Readonly<Record<string, string>> = { forgot: "overhead" };

const RESULTS = join("bench", "results", "latest.json");
const COMMITTED = join("bench", "last-run.json");

function respawnWithGc(): never {
  const child = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_RESPAWNED: "1" },
  });
  process.exit(child.status ?? 1);
}

async function main(): Promise<void> {
  if (typeof (globalThis as { gc?: unknown }).gc !== "function" && process.env.BENCH_RESPAWNED !== "1") {
    respawnWithGc();
  }
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const only = args
    .find((a) => a.startsWith("--only="))
    ?.slice("--only=".length)
    .split(",")
    .map((name) => SECTION_ALIASES[name] ?? name);
  const unknown = only?.filter((name) => !SECTIONS.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `unknown section ${unknown.join(", ")}; sections: ${SECTIONS.map((s) => s.name).join(", ")}`,
    );
  const full = !quick && only === undefined;

  const started = process.hrtime.bigint();
  const machine = describeMachine();
  console.log(`machine: ${machineLine(machine)}`);
  const rows: Row[] = [];
  const sections: Record<string, unknown> = {};
  let failures = 0;
  for (const section of SECTIONS.filter((s) => only === undefined || only.includes(s.name))) {
    const sectionStarted = process.hrtime.bigint();
    process.stdout.write(`running ${section.name} ... `);
    try {
      const result = await section.run(quick);
      rows.push(...result.rows);
      sections[section.name] = result.data;
    } catch (error) {
      failures++;
      const message = error instanceof Error ? error.message : String(error);
      rows.push({
        section: section.name,
        figure: "FAILED",
        value: message,
        target: "-",
        ratio: null,
        met: false,
      });
      sections[section.name] = { error: message };
    }
    console.log(`${(Number(process.hrtime.bigint() - sectionStarted) / 1e9).toFixed(1)} s`);
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const loadAtEnd = Number((loadavg()[0] ?? 0).toFixed(2));

  console.log(`\n${formatTable(rows)}\n`);
  const met = rows.filter((r) => r.met === true).length;
  const missed = rows.filter((r) => r.met === false).length;
  console.log(
    `targets met: ${met}, missed: ${missed}; wall time ${wallSeconds.toFixed(1)} s; load average ${loadAtEnd} at end`,
  );

  const report = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`,
    quick,
    wallSeconds,
    machine: { ...machine, loadAverageAtEnd: loadAtEnd },
    rows,
    sections,
  };
  // Formatted as the repo's prettier config wants it, so the committed copy passes `npm run lint`.
  const json = await prettier.format(JSON.stringify(report), {
    ...(await prettier.resolveConfig(COMMITTED)),
    parser: "json",
  });
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, json);
  if (full) writeFileSync(COMMITTED, json);
  console.log(`wrote ${RESULTS}${full ? ` and ${COMMITTED}` : ""}`);
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * 6. Password policy: what the built-in checks cost. The common-passwords list is loaded once, on
 * the first check; its heap is measured in a fresh child process (`--expose-gc`), so a list some
 * earlier section already loaded cannot hide it. Then the per-password cost of the default checks
 * (common list, decoration rule, context words for an account with every identifier set), and,
 * for scale, one hash by each hasher and one zxcvbn estimate (when the optional peer is installed).
 *
 *   npx tsx bench/password-policy.ts            # prints the table
 *   npx tsx bench/password-policy.ts --quick
 *
 * `benchPasswordPolicy` is the section for bench/run.ts.
 */
import { spawnSync } from "node:child_process";
import { commonPasswords } from "../lib/policy/common.js";
import { bcryptHasher, createPasswordChecks, scryptHasher } from "../lib/policy/index.js";
import { strengthEstimator } from "../lib/policy/strength.js";
import { fixed, formatTable, mib, type Row, type SectionResult } from "./report.js";

/** Knobs of the password-policy section. */
export interface PasswordPolicyBenchOptions {
  /** Passwords checked for the per-check figures. */
  checks: number;
  /** Hashes timed per hasher (the median is reported). */
  hashes: number;
}

/** The stated bounds: the list's heap, and the default checks' mean time per password. */
const LIST_HEAP_TARGET_BYTES = 16 * 1048576;
const CHECK_TARGET_MICROSECONDS = 100;

const PROBE_FLAG = "--probe-list-memory";

interface ListMemory {
  entries: number;
  loadMs: number;
  heapBytes: number;
  externalBytes: number;
  rssBytes: number;
}

function collect(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("the list-memory probe needs --expose-gc");
  gc();
  gc();
  return process.memoryUsage();
}

/** Runs in the child: loads the list into a fresh heap and prints what it cost as JSON. */
async function probeListMemory(): Promise<void> {
  const before = collect();
  const started = process.hrtime.bigint();
  const list = await commonPasswords();
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const after = collect();
  const result: ListMemory = {
    entries: list.size,
    loadMs,
    heapBytes: after.heapUsed - before.heapUsed,
    externalBytes: after.external - before.external,
    rssBytes: after.rss - before.rss,
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

function measureListMemory(): ListMemory {
  // Same loader flags (tsx) as this process, plus --expose-gc.
  const child = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", __filename, PROBE_FLAG], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`list-memory probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop() ?? "") as ListMemory;
}

/** Passwords a sign-up sees: listed, decorated, built from the account, and random ones. */
async function samplePasswords(count: number): Promise<string[]> {
  const listed = [...(await commonPasswords())].slice(0, 2000);
  const samples: string[] = [];
  for (let i = 0; samples.length < count; i++) {
    const word = listed[i % listed.length]!;
    switch (i % 4) {
      case 0:
        samples.push(word);
        break;
      case 1:
        samples.push(`${word[0]!.toUpperCase()}${word.slice(1)}${i % 100}!`);
        break;
      case 2:
        samples.push(`jane.doe${i % 10_000}`);
        break;
      default:
        samples.push(`plum-${i.toString(36)}-otter-canvas-${(i * 7919).toString(36)}`);
    }
  }
  return samples;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timeEach(times: number, run: () => Promise<unknown>): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    await run();
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(durations);
}

/** Runs the section. */
export async function benchPasswordPolicy(options: PasswordPolicyBenchOptions): Promise<SectionResult> {
  const section = "6 policy";
  const memory = measureListMemory();

  const jane = {
    email: "jane.doe@northwind.example",
    username: "jdoe_77",
    name: "Jane Q. Doe",
    mobile: "+14155550100",
  };
  const checks = createPasswordChecks({ appName: "Acme Portal" });
  const samples = await samplePasswords(options.checks);
  for (const password of samples.slice(0, 500)) await checks.check(password, jane); // JIT warm-up
  let refused = 0;
  const started = process.hrtime.bigint();
  for (const password of samples) if (await checks.check(password, jane)) refused++;
  const checkMicroseconds = Number(process.hrtime.bigint() - started) / 1e3 / samples.length;

  const bcryptMs = await timeEach(options.hashes, () => bcryptHasher().hash("plum otter canvas thirty"));
  const scryptMs = await timeEach(options.hashes, () => scryptHasher().hash("plum otter canvas thirty"));
  let zxcvbnMs: number | undefined;
  try {
    const estimate = await strengthEstimator();
    zxcvbnMs = await timeEach(200, async () => estimate("plum otter canvas thirty", ["jane.doe", "jdoe_77"]));
  } catch {
    zxcvbnMs = undefined; // @zxcvbn-ts/core not installed: nothing to time
  }

  const rows: Row[] = [
    {
      section,
      figure: `common list heap (${memory.entries} passwords, fresh process)`,
      value: mib(memory.heapBytes),
      target: `< ${mib(LIST_HEAP_TARGET_BYTES)}`,
      ratio: Number((memory.heapBytes / LIST_HEAP_TARGET_BYTES).toFixed(3)),
      met: memory.heapBytes < LIST_HEAP_TARGET_BYTES,
    },
    {
      section,
      figure: "common list load (first check)",
      value: `${fixed(memory.loadMs)} ms`,
      target: "-",
      ratio: null,
      met: null,
    },
    {
      section,
      figure: `default checks per password (${samples.length}, ${refused} refused)`,
      value: `${fixed(checkMicroseconds, 2)} us`,
      target: `< ${CHECK_TARGET_MICROSECONDS} us`,
      ratio: Number((checkMicroseconds / CHECK_TARGET_MICROSECONDS).toFixed(3)),
      met: checkMicroseconds < CHECK_TARGET_MICROSECONDS,
    },
    {
      section,
      figure: "bcrypt hash, cost 10 (median)",
      value: `${fixed(bcryptMs)} ms`,
      target: "-",
      ratio: null,
      met: null,
    },
    {
      section,
      figure: "scrypt hash, N=2^17 r=8 p=1 (median)",
      value: `${fixed(scryptMs)} ms`,
      target: "-",
      ratio: null,
      met: null,
    },
    {
      section,
      figure: "zxcvbn estimate (minStrength)",
      value: zxcvbnMs === undefined ? "not installed" : `${fixed(zxcvbnMs, 2)} ms`,
      target: "-",
      ratio: null,
      met: null,
    },
  ];
  return {
    rows,
    data: { memory, checks: samples.length, refused, checkMicroseconds, bcryptMs, scryptMs, zxcvbnMs },
  };
}

async function main(): Promise<void> {
  if (process.argv.includes(PROBE_FLAG)) return probeListMemory();
  const quick = process.argv.includes("--quick");
  const result = await benchPasswordPolicy(
    quick ? { checks: 2000, hashes: 3 } : { checks: 20_000, hashes: 9 },
  );
  console.log(formatTable(result.rows));
}

// Standalone (`npx tsx bench/password-policy.ts`) or as the memory probe; imported by run.ts, it only exports.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

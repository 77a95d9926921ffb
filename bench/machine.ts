/** One line about the machine a run was made on: figures mean little without it. */
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { createRequire } from "node:module";

/** What the JSON file records about the machine. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  express: string;
  platform: string;
  /** 1-minute load average when the run started; above `cores`, other work competed with it. */
  loadAverage: number;
}

/** Describes this machine. */
export function describeMachine(): Machine {
  let express = "unknown";
  try {
    // `npm run bench` runs from the package root, where the dev dependency lives.
    const require = createRequire(`${process.cwd()}/package.json`);
    express = (require("express/package.json") as { version: string }).version;
  } catch {
    // Leave "unknown": the version is context, not a figure.
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown cpu",
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    express,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}

/** The machine as one line. */
export function machineLine(machine: Machine): string {
  return (
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
    `Express ${machine.express}, ${machine.platform}, load average ${machine.loadAverage} at start`
  );
}

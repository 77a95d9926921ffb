// An example run as a user runs it: `tsx <file>` in a child process, its output collected, for the
// suites that start examples/seeds/run.ts and examples/production/server.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

/** A running example. */
export interface ExampleProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  readonly output: string;
  /** Resolves once it has printed a line matching `pattern`; rejects if it exits first. */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves with its exit code once it has exited. */
  exited(): Promise<number | null>;
  /** Sends SIGTERM unless it has exited, and waits for the exit. */
  stop(): Promise<void>;
}

// How long an example may take to print what a test waits for: tsx compiles on start, and a loaded
// machine is slow. A bound, not a measurement: the test fails with the output it got.
const PRINT_BOUND_MS = 30_000;

/** Starts `tsx <file> ...args` with `env` as its whole environment. */
export function startExample(file: string, args: string[], env: NodeJS.ProcessEnv): ExampleProcess {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters = new Set<() => void>();
  let exited = false;
  const exit = once(child, "exit").then(([code]) => code as number | null);
  child.once("exit", () => {
    exited = true;
    for (const waiter of [...waiters]) waiter();
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      output += chunk;
      for (const waiter of [...waiters]) waiter();
    });
  }
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${file} did not print ${pattern}; it printed:\n${output}`));
      }, PRINT_BOUND_MS);
      function check(): void {
        const match = pattern.exec(output);
        if (!match && !exited) return;
        clearTimeout(timer);
        waiters.delete(check);
        if (match) resolve(match);
        else reject(new Error(`${file} exited before printing ${pattern}; it printed:\n${output}`));
      }
      waiters.add(check);
      check();
    });
  return {
    child,
    get output() {
      return output;
    },
    printed,
    exited: () => exit,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exit;
    },
  };
}

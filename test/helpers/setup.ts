// Runs before every test file: any unhandled rejection fails the run instead of passing unnoticed.
import { writeSync } from "node:fs";
import { integrationsLine, skippedLine } from "./skipped.js";

process.on("unhandledRejection", (reason) => {
  throw reason instanceof Error ? reason : new Error(`unhandled rejection: ${String(reason)}`);
});

// The suites skipped for an absent service, and under `npm test` the integrations/ suites it
// leaves to `npm run test:integrations`, named in one line after mocha's own summary, where a
// reader looks. Written synchronously: the process is exiting (mocha's `exit: true`).
process.once("exit", () => {
  const wholeRun = process.env.npm_lifecycle_event === "test";
  const line = [skippedLine(), wholeRun ? integrationsLine() : null].filter(Boolean).join(" ");
  if (line) writeSync(process.stdout.fd, `\n  ${line}\n\n`);
});

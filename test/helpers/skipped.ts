/**
 * The suites a run skipped, and why, so `setup.ts` can name them all in one line at the end of the
 * run: a warning printed in the middle of two thousand passing tests scrolls away unread.
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** One skipped suite: what it needs (a service's name) and the file it lives in. */
export interface SkippedSuite {
  /** What was missing, e.g. `redis-cluster`. */
  needs: string;
  /** The suite's title. */
  title: string;
  /** The test file, relative to the repository, when mocha knows it. */
  file?: string;
}

const skipped: SkippedSuite[] = [];

/** Records a skipped suite. */
export function noteSkipped(suite: SkippedSuite): void {
  skipped.push(suite);
}

/** Every suite skipped so far, in the order they were skipped. */
export function skippedSuites(): readonly SkippedSuite[] {
  return skipped;
}

/**
 * One line naming the skipped suites' files, grouped by what they need, or `null` when nothing was
 * skipped.
 */
export function skippedLine(): string | null {
  if (skipped.length === 0) return null;
  const byNeed = new Map<string, Set<string>>();
  for (const suite of skipped) {
    const files = byNeed.get(suite.needs) ?? new Set<string>();
    files.add(suite.file ?? suite.title);
    byNeed.set(suite.needs, files);
  }
  const groups = [...byNeed].map(([needs, files]) => `${needs} absent: ${[...files].join(", ")}`);
  const count = `${skipped.length} suite${skipped.length === 1 ? "" : "s"}`;
  return `SKIPPED ${count} (${groups.join("; ")}). Start the services with .ci/services.sh (as root); under CI=true this fails.`;
}

/**
 * What `npm test` leaves to `npm run test:integrations`: the suites under `integrations/test/`,
 * which drive other products from a package of their own (see scripts/integrations.mjs), named by
 * folder and file, and whether that package is installed.
 */
export function integrationsLine(root = process.cwd()): string | null {
  const dir = join(root, "integrations/test");
  if (!existsSync(dir)) return null;
  const byFolder = new Map<string, string[]>();
  for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    if (!file.endsWith(".test.ts")) continue;
    const folder = dirname(file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), basename(file, ".test.ts")]);
  }
  const suites = [...byFolder].map(([folder, names]) => `${folder}: ${names.join(", ")}`).join("; ");
  const count = [...byFolder.values()].flat().length;
  return existsSync(join(root, "integrations/node_modules/.package-lock.json"))
    ? `NOT RUN by npm test: the ${count} integrations/ suites (${suites}); npm run test:integrations runs them.`
    : `NOT INSTALLED: the ${count} integrations/ suites (${suites}) drive other products' packages; npm run test:integrations installs and runs them.`;
}

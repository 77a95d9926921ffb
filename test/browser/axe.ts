/**
 * axe-core in a page: the script is injected from node_modules (a file the page does not load
 * itself, so the page's CSP does not apply to it), then run over the whole document.
 */
import { readFileSync } from "node:fs";
import { expect } from "chai";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** Runs axe-core on `page` and fails with a readable list when it finds a serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  // Injected through the DevTools protocol (addScriptTag would be refused by the page's CSP).
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map(
      (v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
    ),
    `axe-core violations on ${page.url()}`,
  ).to.deep.equal([]);
}

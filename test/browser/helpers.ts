/** Page helpers of the browser suite: one context at a time, CSP-violation capture and keyboard reachability. */
import { expect } from "chai";
import type { BrowserContext, Page } from "playwright-core";
import { newContext } from "./chromium.js";

/** Context options a suite's pages open with unless a test says otherwise. */
type ContextOptions = Parameters<typeof newContext>[1];

/**
 * One browser context at a time for a suite, closed after each test: `open` closes the last one,
 * makes a fresh context (760 × 720 unless `options` say otherwise) and a page in it whose CSP
 * violations are recorded; `close` ends it early, as a test looping over languages does.
 */
export function pageOpener(): {
  open(ctx: Mocha.Context, options?: ContextOptions): Promise<{ page: Page; csp: string[] }>;
  close(): Promise<void>;
} {
  let context: BrowserContext | undefined;
  async function close(): Promise<void> {
    await context?.close();
    context = undefined;
  }
  afterEach(close);
  return {
    close,
    async open(ctx, options = {}) {
      await close();
      context = await newContext(ctx, { viewport: { width: 760, height: 720 }, ...options });
      const page = await context.newPage();
      return { page, csp: await recordCspViolations(page) };
    },
  };
}

/**
 * Starts recording CSP violations on `page`: Chromium reports each on the console, and an init
 * script (which the DevTools protocol injects past the CSP) also listens for
 * `securitypolicyviolation` where JavaScript is on. Returns the list, filled as the page runs.
 */
export async function recordCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  // Source text, not a function: it runs in the page, whose DOM types this project does not load.
  await page.addInitScript({
    content: `document.addEventListener("securitypolicyviolation", (e) =>
      window.__reportCspViolation(e.violatedDirective + " blocked " + e.blockedURI));`,
  });
  return violations;
}

/** Presses Tab until the submit button has the focus; fails if it takes more than `max` presses. */
export async function expectSubmitReachableByKeyboard(page: Page, max = 12): Promise<void> {
  await page.locator("body").focus();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const isSubmit = await page.evaluate(
      `document.activeElement instanceof HTMLButtonElement && document.activeElement.type === "submit"`,
    );
    if (isSubmit) return;
  }
  expect.fail(`the submit button of ${page.url()} was not reached with ${max} Tab presses`);
}

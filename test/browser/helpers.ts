/** Page helpers of the browser suite: CSP-violation capture and keyboard reachability. */
import { expect } from "chai";
import type { Page } from "playwright-core";

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

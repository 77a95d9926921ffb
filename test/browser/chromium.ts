/**
 * One headless Chromium for the whole browser suite: Debian's `chromium` driven by
 * playwright-core (no browser download: `npx playwright install` is never run). The flags keep
 * it from calling home, which the closed CI network would refuse, and a fresh temporary profile
 * keeps runs from sharing cookies or caches.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";

/** Where Debian's package puts the browser; `CHROMIUM_PATH` overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let browser: Browser | undefined;
let missing: string | undefined;

/** Starts the shared browser (root hook). Records why it could not, for {@link requireBrowser}. */
export async function startBrowser(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    missing = `no browser at ${CHROMIUM_PATH} (install it with .ci/chromium.sh)`;
    return;
  }
  // playwright-core gives every launch a fresh temporary --user-data-dir of its own and deletes
  // it on close (it refuses one passed in `args`); the tests open isolated contexts from it.
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

/** Closes the shared browser, which removes its profile (root hook). */
export async function stopBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/**
 * The shared browser. Without one, skips the calling suite with a loud warning on a developer
 * machine, and fails under `CI=true`, where a silently skipped browser suite would hide a break.
 */
export function requireBrowser(ctx: Mocha.Context): Browser {
  if (browser !== undefined) return browser;
  const message = `the browser tests need Chromium: ${missing ?? "it did not start"}`;
  if (process.env.CI === "true")
    throw new Error(`${message}. CI=true, so they fail instead of being skipped.`);
  console.warn(`\n  !!! SKIPPING ${message}.\n`);
  ctx.skip();
}

/** A fresh, isolated browser context (own cookies), closed by the caller. */
export function newContext(ctx: Mocha.Context, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return requireBrowser(ctx).newContext(options);
}

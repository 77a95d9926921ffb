// Test apps that also send codes by SMS (to `t.sms`), built on createTestApp (app.ts).
import { createTestApp } from "./app.js";
import type { ExpressVersion, TestApp, TestAppOptions } from "./app.js";
import { testClock } from "./clock.js";
import { SECRET } from "./fixtures.js";
import { SwitchableStore } from "./switchable-store.js";

/** Accepts every identifier type (`email`, `mobile`, `username`) and signs with the fixed `SECRET`. */
export function createCodeApp(version: ExpressVersion, options: TestAppOptions = {}): TestApp {
  return createTestApp(version, { identifiers: ["email", "mobile", "username"], secret: SECRET, ...options });
}

/** Accepts email addresses and mobile numbers. */
export function createSmsApp(version: ExpressVersion, options: TestAppOptions = {}): TestApp {
  return createTestApp(version, { identifiers: ["email", "mobile"], ...options });
}

/** An SMS app over a {@link SwitchableStore} that shares the test's clock; `close` stops both. */
export function createStoreApp(
  version: ExpressVersion,
  options: TestAppOptions = {},
): { t: TestApp; store: SwitchableStore; clock: { now: number }; close: () => Promise<void> } {
  const clock = testClock();
  const store = new SwitchableStore(clock.fn);
  const t = createSmsApp(version, { tokenStore: store, now: clock.fn, ...options });
  return {
    t,
    store,
    clock,
    close: async () => {
      await t.router.close();
      await store.close();
    },
  };
}

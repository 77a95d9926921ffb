// Root hooks of the browser suite: one Chromium for every test file, so the suite stays fast.
import { startBrowser, stopBrowser } from "./chromium.js";

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    await startBrowser();
  },
  async afterAll() {
    await stopBrowser();
  },
};

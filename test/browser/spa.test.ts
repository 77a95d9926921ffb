/**
 * examples/spa in real Chromium: the single-page app on one origin calls the JSON API on another
 * through cors() mounted before the router. The whole reset works, the token leaves the address
 * bar, the app reads Retry-After on a 429; and with cors() mounted after the router instead, the
 * browser blocks the call and the router's warning says why.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import cors from "cors";
import express from "express";
import type { BrowserContext, Page } from "playwright-core";
import { MOUNT_PATH, RESET_VIEW_PATH } from "../../examples/spa/api.js";
import { startSpaExample, type SpaExample } from "../../examples/spa/start.js";
import { createSpaStatic } from "../../examples/spa/static.js";
import { createPasswordResetRouter } from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { FakeUsers } from "../helpers/users.js";
import { newContext, requireBrowser } from "./chromium.js";
import { recordCspViolations } from "./helpers.js";

const PASSWORD = "correct horse battery staple";

describe("examples/spa in Chromium: an app on another origin calling the API", function () {
  let spa: SpaExample;
  let mailer: CapturingMailer;
  let context: BrowserContext | undefined;

  before(async function () {
    requireBrowser(this);
    mailer = new CapturingMailer();
    spa = await startSpaExample({ apiPort: 0, spaPort: 0, hostname: "127.0.0.1", mailer, print: () => {} });
  });
  after(async () => {
    await spa?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function open(ctx: Mocha.Context): Promise<{ page: Page; csp: string[]; console: string[] }> {
    context = await newContext(ctx);
    const page = await context.newPage();
    const console: string[] = [];
    page.on("console", (message) => console.push(message.text()));
    return { page, csp: await recordCspViolations(page), console };
  }

  async function submitForgot(page: Page, expected: RegExp): Promise<void> {
    await page.fill("#email", "demo@example.com");
    await page.click("#forgot-form button[type=submit]");
    await page.locator("#status").filter({ hasText: expected }).waitFor();
  }

  it("resets the password from the app, the token out of the address bar before the form", async function () {
    const { page, csp, console } = await open(this);
    await page.goto(spa.spaOrigin);
    await submitForgot(page, /sent it a link/);
    await spa.router.drain();
    const link = mailer.last?.link ?? "";
    expect(link).to.include(`${spa.spaOrigin}${RESET_VIEW_PATH}?token=`);

    await page.goto(link);
    await page.locator("#reset-view").waitFor();
    expect(page.url()).to.equal(`${spa.spaOrigin}${RESET_VIEW_PATH}`);
    await page.fill("#password", PASSWORD);
    await page.fill("#password-confirm", PASSWORD);
    await page.click("#reset-form button[type=submit]");
    await page
      .locator("#status")
      .filter({ hasText: /password has been changed/ })
      .waitFor();
    expect(spa.passwordHashOf("1")).to.match(/^\$2[aby]\$/);

    expect(csp, "CSP violations").to.deep.equal([]);
    expect(console.filter((line) => /CORS|blocked/i.test(line))).to.deep.equal([]);
  });

  it("reads Retry-After on the fourth request and tells the user how long to wait", async function () {
    const { page } = await open(this);
    await page.goto(spa.spaOrigin);
    // The first test asked once; two more are allowed, the fourth is refused.
    await submitForgot(page, /sent it a link/);
    await submitForgot(page, /sent it a link/);
    await submitForgot(page, /Too many requests/);
    expect(await page.locator("#status").innerText()).to.match(
      /^Too many requests\. Try again in 1[45] minutes\.$/,
    );
  });

  it("is blocked by the browser when cors() is mounted after the router, and the router warns", async function () {
    const warnings: string[] = [];
    const router = createPasswordResetRouter({
      users: new FakeUsers(),
      mailer: new CapturingMailer(),
      resetUrl: `${spa.spaOrigin}${RESET_VIEW_PATH}`,
      advanced: { logger: { warn: (line) => warnings.push(line), error: () => {} } },
    });
    const app = express();
    app.use(MOUNT_PATH, router);
    app.use(MOUNT_PATH, cors({ origin: "*" })); // too late: the router has answered already
    const apiServer = await serve(app);
    const apiBase = `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}${MOUNT_PATH}`;
    const spaServer = await serve(createSpaStatic({ apiBase }));
    try {
      const { page, console } = await open(this);
      await page.goto(`http://127.0.0.1:${(spaServer.address() as AddressInfo).port}/`);
      await submitForgot(page, /could not be reached/);
      expect(console.some((line) => /CORS policy/.test(line))).to.equal(true);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include("mount cors() BEFORE the router");
    } finally {
      await Promise.all([stop(apiServer), stop(spaServer)]);
      await router.close();
    }
  });
});

function serve(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

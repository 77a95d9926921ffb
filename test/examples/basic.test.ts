// examples/basic (`npm run example`), as a newcomer meets it: the whole reset on the hosted pages
// ends on a page that leads back to the app, and the rate limit that refuses the fourth try says how
// to relax it. Express 5 only: the example is written against the installed Express.
import { expect } from "chai";
import request from "supertest";
import { createDemoApp, MOUNT_PATH, RATE_LIMIT_HINT } from "../../examples/basic/app.js";
import { askForLinkOnPage, resetOnPage } from "../helpers/page-forms.js";

const FORGOT = `${MOUNT_PATH}/forgot`;

describe("examples/basic", () => {
  let printed: string[];
  let demo: ReturnType<typeof createDemoApp>;
  beforeEach(() => {
    printed = [];
    demo = createDemoApp({ port: 3000, print: (line) => printed.push(line) });
  });
  afterEach(async () => {
    await demo.router.close();
  });

  /** The reset link the demo printed last. */
  function printedLink(): string {
    const link = printed.map((line) => /link: (\S+)/.exec(line)?.[1]).findLast(Boolean);
    if (link === undefined) throw new Error(`no link printed:\n${printed.join("\n")}`);
    return link;
  }

  it("ends the reset on a success page that links back to the app, whose root leads to the forgot page", async () => {
    const sent = await askForLinkOnPage(demo.app, FORGOT, "demo@example.com");
    expect(sent.text).to.include("Check your inbox");
    await demo.router.drain();
    const link = printedLink();
    expect(link).to.match(/^http:\/\/localhost:3000\/auth\/password\/reset\?token=/);

    const success = await resetOnPage(demo.app, link, "a brand new passphrase");
    expect(success.text).to.include("Password changed");
    expect(success.text).to.include('<a class="button" href="/">Go to Demo app</a>');
    expect(printed.some((line) => line.startsWith("[demo] password of user 1 changed"))).to.equal(true);

    const root = await request(demo.app).get("/").expect(302);
    expect(root.headers["location"]).to.equal(FORGOT);
  });

  it("says how to relax `rateLimit` when it refuses the fourth request for one address", async () => {
    const forgot = () => request(demo.app).post(FORGOT).send({ email: "demo@example.com" });
    for (let i = 0; i < 3; i++) await forgot().expect(200);
    expect(printed).not.to.include(RATE_LIMIT_HINT);

    const refused = await forgot().expect(429);
    expect(refused.body.error.type).to.equal("RATE_LIMITED");
    expect(printed).to.include(RATE_LIMIT_HINT);
    expect(RATE_LIMIT_HINT)
      .to.include("`rateLimit`")
      .and.match(/in development/i);
  });
});

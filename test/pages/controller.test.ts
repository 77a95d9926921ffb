import { expect } from "chai";
import sinon from "sinon";
import {
  createPagesController,
  wantsPage,
  type PageFlows,
  type PageRequest,
  type PagesControllerConfig,
} from "../../lib/pages/controller.js";
import { resolvePages } from "../../lib/pages/options.js";

const FORM = "application/x-www-form-urlencoded";
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("pages: controller", () => {
  const pages = resolvePages(true);
  if (pages === undefined) throw new Error("pages are on");
  const config: PagesControllerConfig = {
    pages,
    resetUrl: "https://app.example.com/auth/password/reset",
    paths: { forgot: "/forgot", reset: "/reset", report: "/report" },
    secrets: "test-secret",
    appName: "Acme",
    identifiers: ["email"],
    codes: false,
    codeFormAfter: new Set(),
    password: { minLength: 8, maxLength: 72 },
    linkTtlSeconds: 3600,
  };
  const controller = createPagesController(config);
  let flows: { [K in keyof PageFlows]: sinon.SinonStub };
  beforeEach(() => {
    flows = {
      forgot: sinon.stub().resolves({ ok: true }),
      check: sinon.stub().resolves({ ok: true, valid: true }),
      reset: sinon.stub().resolves({ ok: true }),
      report: sinon.stub().resolves({ ok: true }),
      allowsRedirect: sinon
        .stub()
        .callsFake(async (url: string) => url.startsWith("https://app.example.com/")),
    };
  });
  const handle = (request: Partial<PageRequest> & Pick<PageRequest, "route">) =>
    controller.handle({ method: "GET", query: {}, headers: {}, ...request }, flows as unknown as PageFlows);
  const jar = (cookies: string[]) => cookies.map((c) => c.split(";")[0]).join("; ");
  /** A GET of the form, then the cookie and token a browser would post back. */
  async function formSession(route: "forgot" | "reset", cookie = "") {
    const page = await handle({ route, headers: { cookie } });
    const token = /name="csrf" value="([^"]+)"/.exec(String(page.body))?.[1];
    return { cookie: [cookie, jar(page.cookies)].filter(Boolean).join("; "), token };
  }

  it("moves the link's token into a cookie and redirects, without checking or spending it", async () => {
    const answer = await handle({
      route: "reset",
      query: { token: "abc", redirect: "https://app.example.com/x" },
    });
    expect(answer.status).to.equal(303);
    expect(answer.location).to.equal("reset");
    expect(answer.headers).to.include({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
    expect(answer.cookies[0]).to.match(/^__Secure-epr-reset=.*Path=\/auth\/password\/reset.*SameSite=Lax/);
    expect(flows.check.called || flows.reset.called).to.equal(false);
  });

  it("checks the token before showing the form, and shows the invalid page for a dead one", async () => {
    const handoff = jar((await handle({ route: "reset", query: { token: "abc" } })).cookies);
    const form = await handle({ route: "reset", headers: { cookie: handoff } });
    expect(flows.check.calledOnceWith("abc")).to.equal(true);
    expect(form.body).to.include("Choose a new password");
    flows.check.resolves({ ok: true, valid: false });
    const dead = await handle({ route: "reset", headers: { cookie: handoff } });
    expect(dead.body).to.include("This link can’t be used");
    expect(dead.cookies[0]).to.match(/^__Secure-epr-reset=;.*Max-Age=0/);
    await handle({ route: "reset", method: "HEAD", headers: { cookie: handoff } });
    expect(flows.check.callCount).to.equal(2); // a HEAD (a scanner) checks nothing
    expect(flows.reset.called).to.equal(false);
  });

  it("refuses a post without the form's token, before any flow runs", async () => {
    const answer = await handle({ route: "forgot", method: "POST", body: { identifier: "a@b.co" } });
    expect(answer.status).to.equal(403);
    expect(answer.body).to.include("This form has expired");
    expect(flows.forgot.called).to.equal(false);
  });

  it("posts, redirects and shows 'check your inbox' once", async () => {
    const { cookie, token } = await formSession("forgot");
    const posted = await handle({
      route: "forgot",
      method: "POST",
      headers: { cookie, "sec-fetch-site": "same-origin" },
      body: { identifier: "a@b.co", csrf: token },
    });
    expect(flows.forgot.calledOnceWith({ email: "a@b.co" })).to.equal(true);
    expect(posted).to.deep.include({ status: 303, location: "forgot" });
    const sent = await handle({ route: "forgot", headers: { cookie: `${cookie}; ${jar(posted.cookies)}` } });
    expect(sent.body).to.include("Check your inbox");
    expect(sent.cookies[0]).to.match(/epr-flash=;/);
  });

  it("resets with the token from the cookie and shows success with only an allowed redirect", async () => {
    const handoff = jar(
      (await handle({ route: "reset", query: { token: "abc", redirect: "https://app.example.com/x" } }))
        .cookies,
    );
    const { cookie, token } = await formSession("reset", handoff);
    const posted = await handle({
      route: "reset",
      method: "POST",
      headers: { cookie, "sec-fetch-site": "same-origin" },
      body: { password: "correct horse", passwordConfirm: "correct horse", csrf: token },
    });
    expect(
      flows.reset.calledOnceWith({
        password: "correct horse",
        passwordConfirm: "correct horse",
        token: "abc",
      }),
    ).to.equal(true);
    expect(posted.status).to.equal(303);
    const success = await handle({ route: "reset", headers: { cookie: jar(posted.cookies) } });
    expect(success.body).to.include("Password changed").and.include('href="https://app.example.com/x"');
  });

  it("shows the flow's errors on the form, with the flow's status", async () => {
    const handoff = jar((await handle({ route: "reset", query: { token: "abc" } })).cookies);
    const { cookie, token } = await formSession("reset", handoff);
    flows.reset.resolves({ ok: false, type: "RATE_LIMITED" });
    const answer = await handle({
      route: "reset",
      method: "POST",
      headers: { cookie },
      body: { password: "x", passwordConfirm: "x", csrf: token },
    });
    expect(answer.status).to.equal(429);
    expect(answer.body).to.include("Too many attempts");
  });

  it("runs the challenge before the forgot flow and shows its widget", async () => {
    const verify = sinon.stub().resolves(false);
    const guarded = createPagesController({
      ...config,
      pages: resolvePages({
        challenge: {
          widget: {
            scriptUrl: "https://challenges.example.com/api.js",
            tag: "div",
            attributes: { class: "cf-turnstile" },
          },
          verify,
        },
        csp: { script: ["https://challenges.example.com"], frame: ["https://challenges.example.com"] },
      }) as NonNullable<ReturnType<typeof resolvePages>>,
    });
    const run = (request: Partial<PageRequest> & Pick<PageRequest, "route">) =>
      guarded.handle({ method: "GET", query: {}, headers: {}, ...request }, flows as unknown as PageFlows);
    const form = await run({ route: "forgot" });
    expect(form.body).to.include('<div class="cf-turnstile"></div>');
    expect(form.headers["Content-Security-Policy"]).to.include("script-src https://challenges.example.com");
    const cookie = jar(form.cookies);
    const token = /name="csrf" value="([^"]+)"/.exec(String(form.body))?.[1];
    const post = () =>
      run({
        route: "forgot",
        method: "POST",
        ip: "203.0.113.9",
        headers: { cookie },
        body: { identifier: "a@b.co", csrf: token, "cf-turnstile-response": "x" },
      });
    const refused = await post();
    expect(refused.status).to.equal(400);
    expect(refused.body).to.include("The verification did not succeed");
    expect(verify.firstCall.args[1]).to.deep.equal({ ip: "203.0.113.9" });
    expect(flows.forgot.called).to.equal(false);
    verify.resolves(true);
    expect((await post()).status).to.equal(303);
    expect(flows.forgot.calledOnce).to.equal(true);
  });

  it("serves the stylesheet with a 304 for a current copy", async () => {
    const css = await handle({ route: "stylesheet" });
    expect(css.status).to.equal(200);
    const again = await handle({ route: "stylesheet", headers: { "if-none-match": css.headers.ETag } });
    expect(again.status).to.equal(304);
    expect((await handle({ route: "logo" })).status).to.equal(404);
  });

  it("gives pages only to browser form posts; API clients keep JSON", () => {
    expect(wantsPage({ "content-type": FORM, accept: BROWSER_ACCEPT })).to.equal(true);
    expect(wantsPage({ "content-type": `${FORM}; charset=UTF-8`, accept: "text/html" })).to.equal(true);
    expect(wantsPage({ "content-type": FORM, accept: "*/*" })).to.equal(false); // curl -d
    expect(wantsPage({ "content-type": FORM })).to.equal(false);
    expect(wantsPage({ "content-type": "application/json", accept: BROWSER_ACCEPT })).to.equal(false);
    expect(wantsPage({ "content-type": FORM, accept: "application/json, text/html" })).to.equal(false);
  });
});

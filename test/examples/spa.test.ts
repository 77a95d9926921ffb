// examples/spa over HTTP, as the browser meets it: the app's origin serves the page, the API's
// origin answers its preflight and its calls with CORS headers for that origin only, Retry-After is
// readable on a 429, and a mailed link opens the app's reset view. (test/browser/spa.test.ts runs the
// same example in Chromium.) Express 5 only: the example is written against the installed Express.
import { expect } from "chai";
import request from "supertest";
import { RESET_VIEW_PATH } from "../../examples/spa/api.js";
import { startSpaExample, type SpaExample } from "../../examples/spa/start.js";
import { CapturingMailer } from "../../lib/testing/index.js";

describe("examples/spa", () => {
  let spa: SpaExample;
  let mailer: CapturingMailer;
  let printed: string[];
  let warnings: string[];
  const originalWarn = console.warn;

  beforeEach(async () => {
    mailer = new CapturingMailer();
    printed = [];
    warnings = [];
    console.warn = (...parts: unknown[]) => warnings.push(parts.join(" "));
    spa = await startSpaExample({
      apiPort: 0,
      spaPort: 0,
      hostname: "127.0.0.1",
      mailer,
      print: (line) => printed.push(line),
    });
  });
  afterEach(async () => {
    console.warn = originalWarn;
    await spa.close();
  });

  const api = () => request(new URL(spa.apiBase).origin);
  const path = (route: string) => `${new URL(spa.apiBase).pathname}/${route}`;
  const post = (route: string, body: object, origin = spa.spaOrigin) =>
    api().post(path(route)).set("Origin", origin).send(body);

  it("serves the page from its own origin, pointed at the API, calling nowhere else", async () => {
    const page = await request(spa.spaOrigin).get("/").expect(200);
    expect(page.text).to.include(`<meta name="api-base" content="${spa.apiBase}" />`);
    const csp = page.headers["content-security-policy"] as string;
    expect(csp)
      .to.include("script-src 'self'")
      .and.include(`connect-src ${new URL(spa.apiBase).origin};`);
    expect(page.headers["referrer-policy"]).to.equal("no-referrer");
    const script = await request(spa.spaOrigin).get("/app.js").expect(200);
    expect(script.headers["content-type"]).to.match(/^text\/javascript/);
    expect(script.text).to.include('credentials: "omit"').and.include('get("Retry-After")');
    await request(spa.spaOrigin).get(RESET_VIEW_PATH).expect(200);
  });

  it("answers the app's preflight with CORS headers for its origin, without credentials", async () => {
    const answer = await api()
      .options(path("forgot"))
      .set("Origin", spa.spaOrigin)
      .set("Access-Control-Request-Method", "POST")
      .set("Access-Control-Request-Headers", "content-type")
      .expect(204);
    expect(answer.headers["access-control-allow-origin"]).to.equal(spa.spaOrigin);
    expect(answer.headers["access-control-allow-methods"]).to.equal("POST");
    expect(answer.headers["access-control-allow-headers"]).to.equal("content-type");
    expect(answer.headers["access-control-max-age"]).to.equal("600");
    expect(answer.headers).not.to.have.property("access-control-allow-credentials");
    expect(warnings.filter((line) => line.includes("preflight"))).to.deep.equal([]);
  });

  it("lets the app read every answer, and Retry-After on the 429 of the fourth request", async () => {
    for (let i = 0; i < 3; i++) {
      const answer = await post("forgot", { email: "demo@example.com" }).expect(200);
      expect(answer.headers["access-control-allow-origin"]).to.equal(spa.spaOrigin);
      expect(answer.body).to.deep.equal({ success: true, data: {} });
    }
    const refused = await post("forgot", { email: "demo@example.com" }).expect(429);
    expect(refused.headers["access-control-allow-origin"]).to.equal(spa.spaOrigin);
    expect(refused.headers["access-control-expose-headers"]).to.equal("Retry-After");
    expect(Number(refused.headers["retry-after"])).to.be.within(1, 900);
    expect(refused.body.error.type).to.equal("RATE_LIMITED");
  });

  it("allows only the app's origin, so another origin's page cannot read the answer", async () => {
    const answer = await post("forgot", { email: "demo@example.com" }, "https://evil.example").expect(200);
    // The browser compares this with the calling page's origin and blocks the read on a mismatch.
    expect(answer.headers["access-control-allow-origin"]).to.equal(spa.spaOrigin);
  });

  it("mails a link that opens the app's reset view, and the app's reset changes the password", async () => {
    await post("forgot", { email: "demo@example.com" }).expect(200);
    await spa.router.drain();
    const link = new URL(mailer.last?.link ?? "");
    expect(link.origin + link.pathname).to.equal(spa.spaOrigin + RESET_VIEW_PATH);
    const token = link.searchParams.get("token");

    const password = "a brand new passphrase";
    const answer = await post("reset", { token, password, passwordConfirm: password }).expect(200);
    expect(answer.headers["access-control-allow-origin"]).to.equal(spa.spaOrigin);
    expect(spa.passwordHashOf("1")).to.match(/^\$2[aby]\$/);
    expect(printed.some((line) => line.startsWith("[demo] password of user 1 changed"))).to.equal(true);
  });
});

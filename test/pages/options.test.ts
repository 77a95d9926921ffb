// The pages' options through the router: the 1.0 function options (one context object each) take
// effect, their 0.2 spellings still do with one warning per router, both at once are refused, and a
// misspelt key is named with the closest real one.
import { expect } from "chai";
import request from "supertest";
import { createPasswordResetRouter, PasswordResetConfigError } from "../../lib/index.js";
import type { ChallengeCheckInput, PagesOptions, RenderPageInput } from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { createTestApp, EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { FakeUsers } from "../helpers/users.js";

const FORM = "application/x-www-form-urlencoded";
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const RESET_URL = "https://app.example.com/auth/password/reset";
const WIDGET = { scriptUrl: "https://challenges.example.com/api.js", tag: "div" };
const CSP = { script: ["https://challenges.example.com"] };

const deprecation = (old: string, current: string) =>
  `warn: express-password-reset: \`${old}\` is deprecated; use \`${current}\` (0.2 spellings keep working through 1.x).`;

const pagesApp = (pages: PagesOptions): TestApp =>
  createTestApp(EXPRESS_VERSIONS[1], { resetUrl: RESET_URL, pages });

/** A browser's forgot: the form, then its post with `extra` fields (the challenge's answer). */
async function postForgot(t: TestApp, extra: Record<string, string>) {
  const form = await request(t.app).get("/auth/password/forgot").expect(200);
  const cookie = (form.headers["set-cookie"] as unknown as string[]).map((c) => c.split(";")[0]).join("; ");
  const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? "";
  return request(t.app)
    .post("/auth/password/forgot")
    .set("Content-Type", FORM)
    .set("Accept", BROWSER_ACCEPT)
    .set("Cookie", cookie)
    .send(new URLSearchParams({ csrf, identifier: "alice@example.com", ...extra }).toString());
}

describe("pages options: renderPage and render", () => {
  it("renders every page with renderPage({ page, context, helpers }), warning about nothing", async () => {
    const seen: RenderPageInput[] = [];
    const t = pagesApp({
      renderPage: (input) => {
        seen.push(input);
        return `<p>${input.helpers.escape(`${input.context.appName} <${input.page.name}>`)}</p>`;
      },
    });
    const res = await request(t.app).get("/auth/password/forgot").expect(200);
    expect(res.text).to.equal("<p>app.example.com &lt;forgot&gt;</p>");
    expect(seen).to.have.length(1);
    expect(seen[0]!.helpers.renderDefault()).to.include('name="identifier"');
    expect(t.logs).to.deep.equal([]);
  });

  it("still renders with the 0.2 render(page, context, helpers), with one warning per router", async () => {
    const t = pagesApp({
      render: (page, context, helpers) => `<p>${helpers.escape(`${context.appName} <${page.name}>`)}</p>`,
    });
    for (let i = 0; i < 2; i++) {
      const res = await request(t.app).get("/auth/password/forgot").expect(200);
      expect(res.text).to.equal("<p>app.example.com &lt;forgot&gt;</p>");
    }
    expect(t.logs).to.deep.equal([deprecation("pages.render", "pages.renderPage")]);
    const other = pagesApp({ render: () => "<p>x</p>" });
    expect(other.logs).to.deep.equal([deprecation("pages.render", "pages.renderPage")]);
  });
});

describe("pages options: challenge.check and challenge.verify", () => {
  it("runs check({ form, ip }) before the forgot flow: false shows the form again and sends nothing", async () => {
    const calls: ChallengeCheckInput[] = [];
    let pass = false;
    const t = pagesApp({
      csp: CSP,
      challenge: {
        widget: WIDGET,
        check: (input) => {
          calls.push(input);
          return pass;
        },
      },
    });
    const refused = await postForgot(t, { "cf-turnstile-response": "answer" });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.include("The verification did not succeed");
    expect(calls[0]!.form["cf-turnstile-response"]).to.equal("answer");
    expect(calls[0]!.ip).to.be.a("string");
    await t.router.drain();
    expect(t.mailer.resets).to.deep.equal([]);
    pass = true;
    await postForgot(t, { "cf-turnstile-response": "answer" }).then((res) =>
      expect(res.status).to.equal(303),
    );
    await t.router.drain();
    expect(t.mailer.resets.map((m) => m.to)).to.deep.equal(["alice@example.com"]);
    expect(t.logs).to.deep.equal([]);
  });

  it("still runs the 0.2 verify(form, { ip }), as a method of its object, with one warning", async () => {
    const challenge = {
      widget: WIDGET,
      pass: false,
      calls: [] as Array<[Readonly<Record<string, unknown>>, { ip?: string }]>,
      verify(form: Readonly<Record<string, unknown>>, client: { ip?: string }) {
        this.calls.push([form, client]);
        return this.pass;
      },
    };
    const t = pagesApp({ csp: CSP, challenge });
    expect((await postForgot(t, { answer: "a" })).status).to.equal(400);
    expect(challenge.calls[0]![0].answer).to.equal("a");
    expect(challenge.calls[0]![1].ip).to.be.a("string");
    challenge.pass = true;
    expect((await postForgot(t, { answer: "a" })).status).to.equal(303);
    await t.router.drain();
    expect(t.mailer.resets).to.have.length(1);
    expect(t.logs).to.deep.equal([deprecation("pages.challenge.verify", "pages.challenge.check")]);
  });
});

describe("pages options: mistakes, at construction", () => {
  const users = new FakeUsers();
  const mailer = new CapturingMailer();
  const construct = (pages: unknown) => () =>
    createPasswordResetRouter({
      users,
      mailer,
      resetUrl: RESET_URL,
      pages: pages as PagesOptions,
      logger: { warn: () => {}, error: () => {} },
    });
  const refusal = (pages: unknown): PasswordResetConfigError => {
    try {
      construct(pages)();
    } catch (error) {
      expect(error).to.be.instanceOf(PasswordResetConfigError);
      return error as PasswordResetConfigError;
    }
    throw new Error("the router was built");
  };

  it("refuses a 1.0 spelling and its 0.2 spelling given together, naming both", () => {
    const render = refusal({ render: () => "", renderPage: () => "" });
    expect(render.option).to.equal("pages.renderPage");
    expect(render.message).to.include("`pages.render`").and.include("remove");
    const check = refusal({ challenge: { widget: WIDGET, check: () => true, verify: () => true }, csp: CSP });
    expect(check.option).to.equal("pages.challenge.check");
    expect(check.message).to.include("`pages.challenge.verify`");
  });

  it("names a misspelt key with the closest real one", () => {
    const cases: Array<[unknown, string, string]> = [
      [{ signinUrl: "/login" }, "pages.signinUrl", "signInUrl"],
      [{ renderpage: () => "" }, "pages.renderpage", "renderPage"],
      [{ challenge: { widget: WIDGET, chek: () => true } }, "pages.challenge.chek", "check"],
      [{ csp: { scripts: ["https://a.example"] } }, "pages.csp.scripts", "script"],
      [{ messages: { en: { resetTitel: "x" } } }, 'pages.messages["en"].resetTitel', "resetTitle"],
    ];
    for (const [pages, option, closest] of cases) {
      const error = refusal(pages);
      expect(error.option, option).to.equal(option);
      expect(error.message, option).to.include(`Did you mean \`${closest}\`?`);
    }
  });

  it("refuses a wildcard CSP source at construction, naming the exact origin to list instead", () => {
    for (const wildcard of ["https://*", "https://*.example.com", "*", "https://challenges.*"]) {
      for (const directive of ["script", "frame", "connect", "style", "img"]) {
        const error = refusal({ csp: { [directive]: ["https://challenges.example.com", wildcard] } });
        expect(error.option, wildcard).to.equal(`pages.csp.${directive}`);
        expect(error.message, wildcard)
          .to.include(JSON.stringify(wildcard))
          .and.include("no wildcard")
          .and.include('"https://challenges.cloudflare.com"');
      }
    }
  });

  it("refuses function options that are not functions, and a challenge without its check", () => {
    expect(refusal({ renderPage: "<p>" }).message).to.include(
      "must be a function ({ page, context, helpers })",
    );
    expect(refusal({ render: "<p>" }).option).to.equal("pages.render");
    expect(refusal({ challenge: { widget: WIDGET } }).option).to.equal("pages.challenge.check");
    expect(refusal({ challenge: { check: () => true } }).option).to.equal("pages.challenge.widget");
    expect(refusal({ csp: { script: "https://a.example" } }).option).to.equal("pages.csp.script");
    expect(refusal({ logo: { body: Buffer.from("not an image") } }).option).to.equal("pages.logo");
    expect(refusal("yes").option).to.equal("pages");
  });
});

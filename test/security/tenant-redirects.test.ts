// Redirect origins per tenant: `delivery.allowedRedirectOrigins` as a function of `{ tenant }`.
// A redirect URL rides in the mailed link and ends on the success page, so a tenant must not be
// able to send its users (or, with a crafted link, another tenant's users) to an origin only some
// other tenant trusts: the URL allowed in tenant a is refused in tenant b, by the JSON API (the
// 400 envelope of any disallowed redirect), by `sendResetLink`, and by the hosted pages.
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import request from "supertest";
import { createPasswordResetRouter, PasswordResetConfigError } from "../../lib/index.js";
import type { AccountContext, Identifier, ResetUser, UserAdapter } from "../../lib/types.js";
import { EXPRESS_VERSIONS, createTestApp, type TestApp, type TestAppOptions } from "../helpers/app.js";
import { BASE } from "../helpers/client.js";
import { expectError, expectFieldError, expectOk } from "../helpers/expect.js";
import { BROWSER_ACCEPT, Jar, csrfOf, postForm } from "../helpers/page-forms.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { SECRET } from "../helpers/fixtures.js";
import { FakeUsers } from "../helpers/users.js";

const version = EXPRESS_VERSIONS[1];
const PASSWORD = "violet harbour lantern 1";
const RESET_URL = "https://app.example.com/auth/password/reset";

/** Each tenant's own origin; tenant c has none listed (the function answers `undefined`). */
const ORIGINS: Record<string, string[]> = { a: ["https://a.example"], b: ["https://b.example"] };

/** Sam, in every tenant the router is asked about. */
class EveryTenant implements UserAdapter {
  async findUser(identifier: Identifier, context: AccountContext): Promise<ResetUser | null> {
    if (context.tenant === undefined || identifier.value !== "sam@example.com") return null;
    return { id: "1", email: "sam@example.com" };
  }
  async updatePassword(): Promise<void> {}
}

describe("security: redirect origins per tenant", () => {
  let apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((t) => t.router.close()));
    apps = [];
  });

  function tenantApp(options: TestAppOptions = {}): TestApp & { asked: Array<string | undefined> } {
    const asked: Array<string | undefined> = [];
    const t = createTestApp(version, {
      users: new EveryTenant(),
      secret: randomBytes(32).toString("hex"),
      accounts: { tenant: ({ req }) => req.get("X-Tenant") },
      delivery: {
        allowedRedirectOrigins: ({ tenant }) => {
          asked.push(tenant);
          return tenant === undefined ? undefined : ORIGINS[tenant];
        },
      },
      ...options,
    });
    apps.push(t);
    return Object.assign(t, { asked });
  }

  const forgot = (t: TestApp, tenant: string, body: object) =>
    request(t.app)
      .post(`${BASE}/forgot`)
      .set("X-Tenant", tenant)
      .send({ email: "sam@example.com", ...body });

  it("a redirect allowed in tenant a is refused in tenant b with the 400 envelope, by either spelling", async () => {
    const t = tenantApp();
    expectOk(await forgot(t, "a", { redirectUrl: "https://a.example/done" }));
    await t.router.drain();
    expect(t.mailer.resets).to.have.length(1);
    expect(t.mailer.last?.redirectUrl).to.equal("https://a.example/done");
    expect(new URL(t.mailer.last?.link ?? "").searchParams.get("redirect")).to.equal(
      "https://a.example/done",
    );

    expectFieldError(await forgot(t, "b", { redirectUrl: "https://a.example/done" }), "redirectUrl");
    expectFieldError(await forgot(t, "b", { redirect_url: "https://a.example/done" }), "redirect_url");
    expectFieldError(await forgot(t, "c", { redirectUrl: "https://a.example/done" }), "redirectUrl");
    expectOk(await forgot(t, "b", { redirectUrl: "https://b.example/" }));
    await t.router.drain();
    expect(t.mailer.resets.map((mail) => mail.redirectUrl)).to.deep.equal([
      "https://a.example/done",
      "https://b.example/",
    ]);
  });

  it("asks the function only for a request that carries a redirect, never for a malformed tenant", async () => {
    const t = tenantApp();
    expectOk(await forgot(t, "a", {}));
    expect(t.asked).to.deep.equal([]);
    // A malformed tenant is refused every redirect; the function is not asked about it.
    expectFieldError(await forgot(t, "a/b", { redirectUrl: "https://a.example/" }), "redirectUrl");
    expect(t.asked).to.deep.equal([]);
    // A URL no origin could allow is refused before the function is asked.
    expectFieldError(await forgot(t, "a", { redirectUrl: "https://a.example@evil.example/" }), "redirectUrl");
    expect(t.asked).to.deep.equal([]);
  });

  it("a function answering something other than bare origins refuses the redirect and logs the fix", async () => {
    const t = tenantApp({ delivery: { allowedRedirectOrigins: () => ["https://a.example/path"] } });
    expectFieldError(await forgot(t, "a", { redirectUrl: "https://a.example/path" }), "redirectUrl");
    const line = t.logs.find((entry) => entry.includes("delivery.allowedRedirectOrigins"));
    expect(line).to.match(/^error:.*bare origins/);
  });

  it("a function that fails answers 500 and is reported, like any hook", async () => {
    const t = tenantApp({
      delivery: {
        allowedRedirectOrigins: () => {
          throw new Error("origins table unreachable");
        },
      },
    });
    expectError(await forgot(t, "a", { redirectUrl: "https://a.example/" }), "INTERNAL_ERROR");
    expect(
      t.events.some((e) => e.type === "adapter.failed" && e.operation === "delivery.allowedRedirectOrigins"),
    ).to.equal(true);
  });

  it("sendResetLink checks the redirect in the tenant it sends for", async () => {
    const t = tenantApp();
    const options = { tenant: "a", redirectUrl: "https://a.example/welcome" };
    expect(await t.router.sendResetLink("sam@example.com", options)).to.deep.equal({ sent: true });
    let thrown: unknown;
    try {
      await t.router.sendResetLink("sam@example.com", { ...options, tenant: "b" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(TypeError);
    expect(String(thrown)).to.match(/redirectUrl.*not on an allowed redirect origin/);
    expect(t.mailer.resets).to.have.length(1);
  });

  it("the OpenAPI document says the origins are the tenant's", () => {
    const t = tenantApp();
    const text = JSON.stringify(t.router.openapi());
    expect(text).to.include("allowed for the request's tenant");
    expect(text).not.to.include("no redirect origin is allowed");
  });

  it("refuses at construction a value that is neither a list nor a function, naming both", () => {
    const construct = (origins: unknown) => () =>
      createPasswordResetRouter({
        secret: SECRET,
        users: new FakeUsers(),
        mailer: new CapturingMailer(),
        resetUrl: "https://app.example.com/reset",
        delivery: { allowedRedirectOrigins: origins as string[] },
      });
    for (const value of [{ a: ["https://a.example"] }, "https://a.example", 1]) {
      expect(construct(value)).to.throw(
        PasswordResetConfigError,
        /array of origins.*or a function of \{ tenant \}/,
      );
    }
    expect(construct(() => [])).not.to.throw();
  });

  describe("on the hosted pages", () => {
    const pagesApp = () => tenantApp({ resetUrl: RESET_URL, pages: true });

    /** A link mailed under `tenant`, with `redirect` set to `target` as a crafted link would. */
    async function linkOf(t: TestApp, tenant: string, target: string): Promise<string> {
      expectOk(await forgot(t, tenant, {}));
      await t.router.drain();
      const link = new URL(t.mailer.last?.link ?? "");
      link.searchParams.set("redirect", target);
      return link.pathname + link.search;
    }

    /** Opens `path` under `tenant` and resets there; the page the browser ends on. */
    async function resetUnder(t: TestApp, tenant: string, path: string) {
      const jar = new Jar();
      const handoff = await request(t.app).get(path).set("X-Tenant", tenant).expect(303);
      jar.take(handoff.headers["set-cookie"]);
      const form = await request(t.app)
        .get(new URL(RESET_URL).pathname)
        .set("X-Tenant", tenant)
        .set("Accept", BROWSER_ACCEPT)
        .set("Cookie", jar.header);
      jar.take(form.headers["set-cookie"]);
      const posted = await postForm(t.app, new URL(RESET_URL).pathname, jar, {
        csrf: csrfOf(form.text),
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      })
        .set("X-Tenant", tenant)
        .set("Sec-Fetch-Site", "same-origin");
      jar.take(posted.headers["set-cookie"]);
      return { form, posted, jar };
    }

    const successUnder = (t: TestApp, tenant: string, jar: Jar) =>
      request(t.app)
        .get(new URL(RESET_URL).pathname)
        .set("X-Tenant", tenant)
        .set("Accept", BROWSER_ACCEPT)
        .set("Cookie", jar.header);

    it("a link from tenant a opened under tenant b shows the invalid page and changes nothing; in a it resets", async () => {
      const t = pagesApp();
      const link = await linkOf(t, "a", "https://a.example/home");
      const inB = await resetUnder(t, "b", link);
      expect(inB.form.text).to.include("This link can’t be used");
      expect(inB.posted.status).to.not.equal(303);
      expect(t.events.some((e) => e.type === "reset.succeeded")).to.equal(false);
      const inA = await resetUnder(t, "a", link);
      expect(inA.posted.status).to.equal(303);
      expect(t.events.filter((e) => e.type === "reset.succeeded").map((e) => e.tenant)).to.deep.equal(["a"]);
    });

    it("the success page offers tenant a's redirect in a, and not in b", async () => {
      const t = pagesApp();
      const inA = await resetUnder(t, "a", await linkOf(t, "a", "https://a.example/home"));
      expect(inA.posted.status).to.equal(303);
      const successA = await successUnder(t, "a", inA.jar);
      expect(successA.text).to.include('href="https://a.example/home"');

      const inB = await resetUnder(t, "b", await linkOf(t, "b", "https://a.example/home"));
      expect(inB.posted.status).to.equal(303);
      const successB = await successUnder(t, "b", inB.jar);
      expect(successB.status).to.equal(200);
      expect(successB.text).not.to.include("a.example");
    });

    it("a success cookie planted with another tenant's redirect offers no link to it", async () => {
      const t = pagesApp();
      const flash = Buffer.from(JSON.stringify({ page: "success", redirect: "https://a.example/home" }));
      const planted = `__Secure-epr-flash=${flash.toString("base64url")}`;
      const inB = await successUnder(t, "b", new Jar()).set("Cookie", planted);
      expect(inB.status).to.equal(200);
      expect(inB.text).not.to.include("a.example");
      const inA = await successUnder(t, "a", new Jar()).set("Cookie", planted);
      expect(inA.text).to.include('href="https://a.example/home"');
    });
  });
});

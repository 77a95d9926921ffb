// The hosted pages through the real router, over HTTP: what changes with `pages` on, and that
// nothing changes for the JSON API or with pages off.
import { expect } from "chai";
import express5 from "express";
import request from "supertest";
import { createPasswordResetRouter, PasswordResetConfigError } from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { createTestApp, EXPRESS_VERSIONS, type TestApp, type TestAppOptions } from "../helpers/app.js";
import { FakeUsers } from "../helpers/users.js";
import { BROWSER_ACCEPT, FORM, Jar, postForm } from "../helpers/page-forms.js";

const RESET_URL = "https://app.example.com/auth/password/reset";
const NEW_PASSWORD = "correct horse battery staple";

for (const version of EXPRESS_VERSIONS) {
  describe(`hosted pages through the router (${version.name})`, () => {
    const pagesApp = (options: TestAppOptions = {}): TestApp =>
      createTestApp(version, { resetUrl: RESET_URL, pages: true, ...options });

    /** A forgot for Alice through the JSON API; the link's token. */
    async function mailedToken(t: TestApp): Promise<string> {
      await request(t.app).post("/auth/password/forgot").send({ email: "alice@example.com" }).expect(200);
      await t.router.drain();
      const token = t.mailer.lastToken();
      if (token === undefined) throw new Error("no link was mailed");
      return token;
    }

    /** What a browser does with the mailed link: the hand-off GET, then the page it is sent to. */
    async function openLink(t: TestApp, token: string, jar = new Jar()) {
      const handoff = await request(t.app).get(`/auth/password/reset?token=${token}`).expect(303);
      jar.take(handoff.headers["set-cookie"]);
      const page = await request(t.app)
        .get("/auth/password/reset")
        .set("Cookie", jar.header)
        .set("Accept", BROWSER_ACCEPT);
      jar.take(page.headers["set-cookie"]);
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1];
      return { handoff, page, jar, csrf };
    }

    describe("pages off", () => {
      it("answers GET with 405 and the envelope, as before", async () => {
        const t = createTestApp(version);
        const res = await request(t.app)
          .get("/auth/password/forgot")
          .set("Accept", BROWSER_ACCEPT)
          .expect(405);
        expect(res.headers["allow"]).to.equal("OPTIONS, POST");
        expect(res.body.error.type).to.equal("METHOD_NOT_ALLOWED");
        await request(t.app).get("/auth/password/pages-assets/style.css").expect(404);
      });

      it("answers a form post from a browser with JSON, demanding no CSRF token", async () => {
        const t = createTestApp(version);
        const res = await request(t.app)
          .post("/auth/password/forgot")
          .set("Content-Type", FORM)
          .set("Accept", BROWSER_ACCEPT)
          .send("email=alice%40example.com")
          .expect(200);
        expect(res.headers["content-type"]).to.match(/^application\/json/);
        expect(res.body).to.deep.equal({ success: true, data: {} });
        await t.router.drain();
        expect(t.mailer.resets).to.have.length(1);
      });
    });

    describe("pages on", () => {
      it("serves the forgot form with the pages' security headers, and its stylesheet", async () => {
        const t = pagesApp();
        const res = await request(t.app)
          .get("/auth/password/forgot")
          .set("Accept-Language", "fr")
          .expect(200);
        expect(res.headers["content-type"]).to.equal("text/html; charset=utf-8");
        const csp = res.headers["content-security-policy"] as string;
        expect(csp).to.include("default-src 'none'").and.include("frame-ancestors 'none'");
        expect(csp).to.include("form-action 'self'").and.not.include("script-src");
        expect(res.headers).to.include({
          "cache-control": "no-store",
          "referrer-policy": "no-referrer",
          "x-content-type-options": "nosniff",
          "x-frame-options": "DENY",
        });
        expect(res.text).to.include('<html lang="fr"');
        const href = /<link rel="stylesheet" href="([^"]+)"/.exec(res.text)?.[1];
        expect(href).to.match(/^pages-assets\/style\.css\?v=/);
        const css = await request(t.app).get(`/auth/password/${href}`).expect(200);
        expect(css.headers["content-type"]).to.match(/^text\/css/);
        expect(css.headers["cache-control"]).to.include("immutable");
      });

      it("says where pages answer GET in Allow", async () => {
        const t = pagesApp();
        const options = await request(t.app).options("/auth/password/reset").expect(204);
        expect(options.headers["allow"]).to.equal("GET, HEAD, OPTIONS, POST");
        const verify = await request(t.app).get("/auth/password/verify").expect(405);
        expect(verify.headers["allow"]).to.equal("OPTIONS, POST");
        const put = await request(t.app).put("/auth/password/forgot").expect(405);
        expect(put.headers["allow"]).to.equal("GET, HEAD, OPTIONS, POST");
      });

      it("moves the link's token into an HttpOnly, SameSite=Lax cookie and redirects without it", async () => {
        const t = pagesApp();
        const token = await mailedToken(t);
        expect(t.mailer.last?.link).to.equal(`${RESET_URL}?token=${encodeURIComponent(token)}`);
        const res = await request(t.app).get(`/auth/password/reset?token=${token}`).expect(303);
        expect(res.headers["location"]).to.equal("reset").and.not.include(token);
        const [cookie] = res.headers["set-cookie"] as unknown as string[];
        expect(cookie).to.match(/^__Secure-epr-reset=/);
        expect(cookie).to.include("HttpOnly").and.include("SameSite=Lax").and.include("Secure");
        expect(cookie).to.include("Path=/auth/password/reset");
        expect(res.headers["referrer-policy"]).to.equal("no-referrer");
      });

      it("lets the user reset in the browser after a scanner opened the link (GET and HEAD spend nothing)", async () => {
        const t = pagesApp();
        const token = await mailedToken(t);
        // The scanner: a plain HTTP client that follows the redirect with the cookie, twice, and a HEAD.
        for (let i = 0; i < 2; i++) {
          const { page } = await openLink(t, token);
          expect(page.status).to.equal(200);
          expect(page.text).to.include("Choose a new password");
        }
        const scanner = new Jar();
        scanner.take((await request(t.app).get(`/auth/password/reset?token=${token}`)).headers["set-cookie"]);
        await request(t.app).head("/auth/password/reset").set("Cookie", scanner.header).expect(200);
        expect(t.users.updates).to.deep.equal([]);

        const { jar, csrf } = await openLink(t, token);
        const posted = await request(t.app)
          .post("/auth/password/reset")
          .set("Content-Type", FORM)
          .set("Accept", BROWSER_ACCEPT)
          .set("Sec-Fetch-Site", "same-origin")
          .set("Cookie", jar.header)
          .send(
            new URLSearchParams({
              csrf: csrf ?? "",
              password: NEW_PASSWORD,
              passwordConfirm: NEW_PASSWORD,
            }).toString(),
          )
          .expect(303);
        expect(posted.headers["location"]).to.equal("reset");
        jar.take(posted.headers["set-cookie"]);
        expect(t.users.updates.map((u) => u.userId)).to.deep.equal(["u1"]);
        const success = await request(t.app)
          .get("/auth/password/reset")
          .set("Cookie", jar.header)
          .expect(200);
        expect(success.text).to.include("Password changed");

        const again = await openLink(t, token); // the used link
        expect(again.page.text).to.include("This link can’t be used");
        expect(again.page.text).to.include('href="forgot"');
      });

      it("refuses a form post without the form's CSRF token with a 403 page, running no flow", async () => {
        const t = pagesApp();
        const res = await request(t.app)
          .post("/auth/password/forgot")
          .set("Content-Type", FORM)
          .set("Accept", BROWSER_ACCEPT)
          .send("identifier=alice%40example.com")
          .expect(403);
        expect(res.headers["content-type"]).to.equal("text/html; charset=utf-8");
        expect(res.text).to.include("This form has expired");
        await t.router.drain();
        expect(t.mailer.resets).to.deep.equal([]);
      });

      it("walks forgot by form: post/redirect/get to 'check your inbox', the same for an unknown account", async () => {
        const t = pagesApp();
        for (const identifier of ["alice@example.com", "nobody@example.com"]) {
          const jar = new Jar();
          const form = await request(t.app).get("/auth/password/forgot");
          jar.take(form.headers["set-cookie"]);
          const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? "";
          const posted = await request(t.app)
            .post("/auth/password/forgot")
            .set("Content-Type", FORM)
            .set("Accept", BROWSER_ACCEPT)
            .set("Cookie", jar.header)
            .send(new URLSearchParams({ csrf, identifier }).toString())
            .expect(303);
          expect(posted.headers["location"]).to.equal("forgot");
          jar.take(posted.headers["set-cookie"]);
          const sent = await request(t.app)
            .get("/auth/password/forgot")
            .set("Cookie", jar.header)
            .expect(200);
          expect(sent.text, identifier).to.include("Check your inbox");
        }
        await t.router.drain();
        expect(t.mailer.resets.map((m) => m.to)).to.deep.equal(["alice@example.com"]);
      });

      it("takes a form the host app's urlencoded parser already read", async () => {
        const t = pagesApp();
        const app = version.create();
        app.use(express5.urlencoded({ extended: true }));
        app.use("/auth/password", t.router);
        const jar = new Jar();
        const form = await request(app).get("/auth/password/forgot");
        jar.take(form.headers["set-cookie"]);
        const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? "";
        await postForm(app, "/auth/password/forgot", jar, { csrf, identifier: "alice@example.com" }).expect(
          303,
        );
        // Nested fields (qs) still meet the hostile-input check before the pages see them.
        const nested = await request(app)
          .post("/auth/password/forgot")
          .set("Content-Type", FORM)
          .set("Accept", BROWSER_ACCEPT)
          .set("Cookie", jar.header)
          .send(`csrf=${csrf}&identifier[$gt]=a`);
        expect(nested.status).to.equal(400);
        expect(nested.headers["content-type"]).to.equal("text/html; charset=utf-8");
        expect(nested.text).to.include("error-summary").and.include('name="identifier"');
        await t.router.drain();
        expect(t.mailer.resets.map((m) => m.to)).to.deep.equal(["alice@example.com"]);
      });

      it("answers a form too large to read with its page again, status 413", async () => {
        const t = pagesApp();
        const res = await request(t.app)
          .post("/auth/password/forgot")
          .set("Content-Type", FORM)
          .set("Accept", BROWSER_ACCEPT)
          .send(`identifier=${"a".repeat(20_000)}`)
          .expect(413);
        expect(res.headers["content-type"]).to.equal("text/html; charset=utf-8");
        expect(res.text).to.include("error-summary").and.include('name="identifier"');
        expect(res.text).not.to.include("a".repeat(100)); // nothing posted is shown back
      });

      it("keeps the JSON API exactly as it was", async () => {
        const t = pagesApp();
        const json = await request(t.app).post("/auth/password/forgot").send({ email: "alice@example.com" });
        expect(json.status).to.equal(200);
        expect(json.body).to.deep.equal({ success: true, data: {} });
        // A urlencoded API client (curl -d: Accept */*) still gets JSON, and no CSRF token is asked of it.
        const curl = await request(t.app)
          .post("/auth/password/forgot")
          .set("Content-Type", FORM)
          .set("Accept", "*/*")
          .send("email=bob%40example.com")
          .expect(200);
        expect(curl.body).to.deep.equal({ success: true, data: {} });
        const bad = await request(t.app)
          .post("/auth/password/reset")
          .send({ token: "nope", password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
        expect(bad.status).to.equal(400);
        expect(bad.body.error.type).to.equal("INVALID_TOKEN");
      });

      it("checks the link on GET under the verify/reset per-IP limit", async () => {
        const t = pagesApp({ rateLimit: { verifyResetPerIp: { points: 2, durationSeconds: 60 } } });
        const token = await mailedToken(t);
        expect((await openLink(t, token)).page.status).to.equal(200);
        expect((await openLink(t, token)).page.status).to.equal(200);
        const limited = await openLink(t, token);
        expect(limited.page.status).to.equal(429);
        expect(limited.page.text).to.include("Too many attempts");
        const api = await request(t.app).post("/auth/password/reset").send({ token, password: NEW_PASSWORD });
        expect(api.body.error.type).to.equal("RATE_LIMITED");
      });

      it("shows the invalid-link page for a bogus or expired link, offering a new one", async () => {
        const t = pagesApp();
        const bogus = await openLink(t, "bogus-token");
        expect(bogus.page.status).to.equal(200);
        expect(bogus.page.text).to.include("This link can’t be used");
        const token = await mailedToken(t);
        t.clock.now += 2 * 3600 * 1000;
        const expired = await openLink(t, token);
        expect(expired.page.text).to.include("This link can’t be used");
        expect(expired.page.text).to.include('href="forgot"');
      });
    });
  });
}

describe("hosted pages: construction", () => {
  const users = new FakeUsers();
  const mailer = new CapturingMailer();

  it("warns once when resetUrl's path does not end with paths.reset", () => {
    const warnings: string[] = [];
    const router = createPasswordResetRouter({
      users,
      mailer,
      pages: true,
      resetUrl: "https://app.example.com/reset-password",
      logger: { warn: (m) => warnings.push(m), error: () => {} },
      secret: "s".repeat(32),
    });
    expect(warnings.filter((w) => w.includes("paths.reset"))).to.have.length(1);
    void router.close();
  });

  it("refuses a resetUrl ending in / with pages on, naming the address without it", () => {
    // With the slash, the page's redirect went to /reset/reset (404) and its cookies to a path the
    // forgot page is not on, so the forgot form always answered "This form has expired".
    for (const [resetUrl, fix] of [
      [`${RESET_URL}/`, RESET_URL],
      [`${RESET_URL}//`, RESET_URL],
      ["https://app.example.com/auth/password/", RESET_URL],
    ]) {
      expect(() =>
        createPasswordResetRouter({ users, mailer, pages: true, resetUrl, secret: "s".repeat(32) }),
      )
        .to.throw(PasswordResetConfigError)
        .with.property("message")
        .that.includes("`resetUrl`")
        .and.includes("ends with")
        .and.includes(`"${fix}"`);
    }
  });

  it("needs resetUrl as a string when pages are on", () => {
    expect(() =>
      createPasswordResetRouter({
        users,
        mailer,
        pages: true,
        resetUrl: ({ token }) => `https://x.example/r?t=${token}`,
      }),
    ).to.throw(/resetUrl.*pages/);
    expect(() =>
      createPasswordResetRouter({
        users,
        mailer,
        pages: { brandColor: "red" } as never,
        resetUrl: RESET_URL,
      }),
    ).to.throw(/pages/);
  });
});

describe("hosted pages: secret rotation", () => {
  it("takes a form opened before the secret was rotated, as reset sessions are", async () => {
    const OLD = "old-secret-of-at-least-thirty-two-bytes!";
    const NEW = "new-secret-of-at-least-thirty-two-bytes!";
    const version = EXPRESS_VERSIONS[1];
    const before = createTestApp(version, { resetUrl: RESET_URL, pages: true, secret: OLD });
    const jar = new Jar();
    const form = await request(before.app).get("/auth/password/forgot").expect(200);
    jar.take(form.headers["set-cookie"]);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? "";

    const after = createTestApp(version, { resetUrl: RESET_URL, pages: true, secret: [NEW, OLD] });
    await postForm(after.app, "/auth/password/forgot", jar, { csrf, identifier: "alice@example.com" }).expect(
      303,
    );
    await after.router.drain();
    expect(after.mailer.resets.map((m) => m.to)).to.deep.equal(["alice@example.com"]);
    await Promise.all([before.router.close(), after.router.close()]);
  });
});

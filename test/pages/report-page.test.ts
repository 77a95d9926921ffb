// The hosted "this wasn't me" page over HTTP, as a browser walks it: the notice's report link
// opens a confirm page that changes nothing (a mail scanner's GET and HEAD revoke nothing, run no
// hook); the button's post (CSRF-checked) revokes the account's links and sessions, runs the hook,
// and leads to a page offering a fresh reset; the link then works no more. In all five languages.
import { expect } from "chai";
import request from "supertest";
import type { PasswordResetEvent } from "../../lib/index.js";
import { SHIPPED_LOCALES } from "../../lib/pages/messages/index.js";
import { EXPRESS_VERSIONS, createTestApp, type TestApp } from "../helpers/app.js";
import { BASE, requestLink, reset } from "../helpers/client.js";
import { expectError, expectOk } from "../helpers/expect.js";
import { BROWSER_ACCEPT, Jar, csrfOf, postForm } from "../helpers/page-forms.js";

const RESET_URL = `https://app.example.com${BASE}/reset`;

describe('pages: the report page ("this wasn\'t me")', () => {
  let apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((t) => t.router.close()));
    apps = [];
  });

  function app(): TestApp & { reports: string[] } {
    const reports: string[] = [];
    const t = createTestApp(EXPRESS_VERSIONS[1], {
      resetUrl: RESET_URL,
      pages: true,
      hooks: { onCompromiseReported: ({ userId }) => void reports.push(userId) },
    });
    apps.push(t);
    return Object.assign(t, { reports });
  }

  /** Resets Alice's password through the API; resolves the notice's report link. */
  async function reportLink(t: TestApp): Promise<string> {
    expectOk(await reset(t, { token: await requestLink(t) }, "first new password 1"));
    await t.router.drain();
    return t.mailer.notices.at(-1)!.reportLink!;
  }

  const open = (t: TestApp, link: string, language = "en") => {
    const url = new URL(link);
    return request(t.app)
      .get(url.pathname + url.search)
      .set("Accept", BROWSER_ACCEPT)
      .set("Accept-Language", language);
  };
  const reported = (t: TestApp) => t.events.filter((e: PasswordResetEvent) => e.type === "reset.reported");

  it("the notice links to the hosted page at paths.report, next to the reset page", async () => {
    const t = app();
    expect(await reportLink(t)).to.match(
      /^https:\/\/app\.example\.com\/auth\/password\/report\?token=[\w-]+\.[\w-]+$/,
    );
  });

  it("GET and HEAD show a confirm button and change nothing; the post revokes, reports, then offers a reset", async () => {
    const t = app();
    const link = await reportLink(t);
    const outstanding = await requestLink(t);
    const jar = new Jar();
    const page = await open(t, link).expect(200);
    expect(page.headers["cache-control"]).to.equal("no-store");
    expect(page.headers["referrer-policy"]).to.equal("no-referrer");
    expect(page.text).to.include("This wasn’t me").and.include("I didn’t change my password");
    await open(t, link).expect(200); // a scanner opening it twice
    await request(t.app)
      .head(new URL(link).pathname + new URL(link).search)
      .expect(200);
    expect(t.reports).to.deep.equal([]);
    expect(reported(t)).to.deep.equal([]);
    jar.take(page.headers["set-cookie"]);

    const token = new URL(link).searchParams.get("token")!;
    const posted = await postForm(t.app, `${BASE}/report`, jar, { csrf: csrfOf(page.text), token })
      .set("Sec-Fetch-Site", "same-origin")
      .expect(303);
    expect(posted.headers.location).to.equal("report");
    jar.take(posted.headers["set-cookie"]);
    const after = await request(t.app)
      .get(`${BASE}/report`)
      .set("Accept", BROWSER_ACCEPT)
      .set("Cookie", jar.header)
      .expect(200);
    expect(after.text).to.include("Thank you, we’ve been told").and.include('href="forgot"');
    expect(t.reports).to.deep.equal(["u1"]);
    expect(reported(t)).to.have.length(1);
    expectError(await reset(t, { token: outstanding }, "attacker password 2"), "INVALID_TOKEN");

    // Used: the same link's page still only shows the button; its post says the link is spent.
    const again = await open(t, link).expect(200);
    jar.take(again.headers["set-cookie"]);
    const twice = await postForm(t.app, `${BASE}/report`, jar, { csrf: csrfOf(again.text), token })
      .set("Sec-Fetch-Site", "same-origin")
      .expect(400);
    expect(twice.text).to.include("This link can’t be used").and.include("already been used");
    expect(t.reports).to.have.length(1);
  });

  it("a post without the page's CSRF token changes nothing", async () => {
    const t = app();
    const link = await reportLink(t);
    const token = new URL(link).searchParams.get("token")!;
    const forged = await postForm(t.app, `${BASE}/report`, new Jar(), { csrf: "forged", token })
      .set("Sec-Fetch-Site", "cross-site")
      .expect(403);
    expect(forged.text).to.include("This form has expired");
    expect(t.reports).to.deep.equal([]);
  });

  it("without a token, or with a reset link's token, the page says the link cannot be used", async () => {
    const t = app();
    const none = await request(t.app).get(`${BASE}/report`).set("Accept", BROWSER_ACCEPT).expect(200);
    expect(none.text).to.include("This link can’t be used");
    const jar = new Jar();
    const page = await open(t, `https://app.example.com${BASE}/report?token=x`).expect(200);
    jar.take(page.headers["set-cookie"]);
    const resetToken = await requestLink(t);
    await postForm(t.app, `${BASE}/report`, jar, { csrf: csrfOf(page.text), token: resetToken })
      .set("Sec-Fetch-Site", "same-origin")
      .expect(400);
    expect(t.reports).to.deep.equal([]);
    // The reset link was not spent by the attempt.
    expectOk(await reset(t, { token: resetToken }, "second new password 2"));
  });

  for (const [tag, catalog] of Object.entries(SHIPPED_LOCALES)) {
    it(`speaks ${tag}: the confirm page and the page after it`, async () => {
      const t = app();
      const link = await reportLink(t);
      const page = await open(t, link, tag).expect(200);
      const m = catalog.messages;
      const escaped = (text: string) => text.replace(/'/g, "&#39;").replace(/"/g, "&quot;");
      expect(page.text).to.include(`lang="${tag}"`);
      for (const text of [m.reportTitle, m.reportSubmit]) expect(page.text).to.include(escaped(text));
      const jar = new Jar();
      jar.take(page.headers["set-cookie"]);
      const token = new URL(link).searchParams.get("token")!;
      const posted = await postForm(t.app, `${BASE}/report`, jar, { csrf: csrfOf(page.text), token })
        .set("Accept-Language", tag)
        .set("Sec-Fetch-Site", "same-origin")
        .expect(303);
      jar.take(posted.headers["set-cookie"]);
      const after = await request(t.app)
        .get(`${BASE}/report`)
        .set("Accept", BROWSER_ACCEPT)
        .set("Accept-Language", tag)
        .set("Cookie", jar.header)
        .expect(200);
      for (const text of [m.reportedTitle, m.reportedReset]) expect(after.text).to.include(escaped(text));
    });
  }

  it("the JSON API's POST /report answers the envelope, pages or not", async () => {
    const t = app();
    const link = await reportLink(t);
    const token = new URL(link).searchParams.get("token")!;
    const answer = await request(t.app).post(`${BASE}/report`).send({ token }).expect(200);
    expect(answer.body).to.deep.equal({ success: true, data: {} });
    expect(t.reports).to.deep.equal(["u1"]);
  });
});

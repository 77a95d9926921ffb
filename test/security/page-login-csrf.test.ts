// Login CSRF through the hosted reset page: any site can send a visitor to `reset?token=<the
// attacker's own token>`, and a sibling subdomain can plant the token's hand-off cookie outright.
// The visitor would then set the attacker's password (and, where `afterReset` signs in, land in the
// attacker's account). The reset page names the account it resets, masked, once the link's token
// is proven (never before: an unproven link says nothing about any account); and the token's cookie
// is tied to the browser's `__Host-` CSRF cookie, so one planted from elsewhere is refused with a
// clear page, the token neither checked nor spent. Guarantee: a reset changes the password of the
// account its secret names, and of no one the visitor did not see (CONTRACT.md, guarantee 5).
import { expect } from "chai";
import request from "supertest";
import { MemoryTokenStore } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { expectOk } from "../helpers/expect.js";
import { reset } from "../helpers/client.js";
import { ALICE, BOB, GOOD_PASSWORD } from "../helpers/fixtures.js";
import { BROWSER_ACCEPT, csrfOf, Jar, openLinkOnPage, postForm } from "../helpers/page-forms.js";

const RESET_URL = "https://app.example.com/auth/password/reset";
const PAGE = "/auth/password/reset";

for (const version of EXPRESS_VERSIONS) {
  describe(`security: the reset page shows whose password it changes, and takes only its own token cookie (${version.name})`, () => {
    const pagesApp = (options = {}): TestApp =>
      createTestApp(version, { resetUrl: RESET_URL, pages: true, ...options });

    /** A link's token for `body` (`{ email }`, `{ username }`), asked for through the JSON API. */
    async function tokenFor(t: TestApp, body: Record<string, string>): Promise<string> {
      t.mailer.clear();
      await request(t.app).post("/auth/password/forgot").send(body).expect(200);
      await t.router.drain();
      const token = t.mailer.lastToken();
      if (token === undefined) throw new Error("no link was mailed");
      return token;
    }

    it("names the link's account, masked, on the reset form: a visitor sent to an attacker's link sees it is not theirs", async () => {
      const t = pagesApp();
      const attackers = await tokenFor(t, { email: BOB.email });
      const page = await openLinkOnPage(t.app, `${RESET_URL}?token=${attackers}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.include("Choose a new password");
      expect(page.text).to.include("b•••@example.com").and.include("If it isn’t yours, close this page");
      expect(page.text).not.to.include(BOB.email);
      expect(page.text).not.to.include("a•••@example.com");

      const own = await openLinkOnPage(
        t.app,
        `${RESET_URL}?token=${await tokenFor(t, { email: ALICE.email })}`,
      );
      expect(own.text).to.include("a•••@example.com").and.not.include(ALICE.email);
      await t.router.close();
    });

    it("masks a username the link was asked for by, and keeps the name on the form shown again after an error", async () => {
      const t = pagesApp({ accounts: { identifiers: ["email", "username"] } });
      const jar = new Jar();
      const page = await openLinkOnPage(
        t.app,
        `${RESET_URL}?token=${await tokenFor(t, { username: "alice" })}`,
        jar,
      );
      expect(page.text).to.include("a•••e").and.not.include(">alice<");
      const refused = await postForm(t.app, PAGE, jar, {
        csrf: csrfOf(page.text),
        password: "short",
        passwordConfirm: "short",
      }).set("Sec-Fetch-Site", "same-origin");
      expect(refused.status).to.equal(400);
      expect(refused.text).to.include("a•••e");
      await t.router.close();
    });

    it("names no account for a link it cannot prove: unknown, used or expired links look alike", async () => {
      const t = pagesApp();
      const bogus = await openLinkOnPage(t.app, `${RESET_URL}?token=bogus`);
      const token = await tokenFor(t, { email: ALICE.email });
      t.clock.now += 2 * 3600 * 1000;
      const expired = await openLinkOnPage(t.app, `${RESET_URL}?token=${token}`);
      for (const page of [bogus, expired]) {
        expect(page.text).to.include("This link can’t be used");
        expect(page.text).not.to.include("•••");
      }
      await t.router.close();
    });

    it("refuses a token cookie tossed from a sibling subdomain: a clear page, the token neither checked nor spent", async () => {
      const clock = { now: Date.UTC(2026, 0, 1) }; // the test app's clock
      const store = new MemoryTokenStore({ now: () => clock.now });
      const find = store.find.bind(store);
      let lookups = 0;
      store.find = (kind, id) => {
        lookups += 1;
        return find(kind, id);
      };
      const t = pagesApp({ tokenStore: store });
      const attackers = await tokenFor(t, { email: BOB.email });
      // The attacker opens its own link in its own browser and keeps the hand-off cookie it gets...
      const own = await request(t.app).get(`${PAGE}?token=${attackers}`).expect(303);
      const tossed = ((own.headers["set-cookie"] as unknown as string[]) ?? [])
        .map((cookie) => cookie.split(";")[0] ?? "")
        .find((pair) => pair.startsWith("__Secure-epr-reset="));
      expect(tossed, "the hand-off cookie").to.be.a("string");
      // ...and, from evil.example.com, sets it with Domain=example.com in the visitor's browser,
      // which has its own __Host- CSRF cookie from an earlier visit.
      const victim = new Jar();
      victim.take((await request(t.app).get("/auth/password/forgot")).headers["set-cookie"]);
      victim.take(tossed);
      const before = lookups;
      const page = await request(t.app).get(PAGE).set("Accept", BROWSER_ACCEPT).set("Cookie", victim.header);
      expect(page.status).to.equal(400);
      expect(page.text).to.include("only be used in the browser that opened the link");
      expect(page.text).not.to.include("Choose a new password").and.not.include("b•••");
      const posted = await postForm(t.app, PAGE, victim, {
        csrf: csrfOf(page.text),
        password: GOOD_PASSWORD,
        passwordConfirm: GOOD_PASSWORD,
      }).set("Sec-Fetch-Site", "same-origin");
      expect(posted.status).to.equal(400);
      expect(posted.text).to.include("only be used in the browser that opened the link");
      expect(lookups, "the tossed token was never looked up").to.equal(before);
      expect(t.users.updates).to.have.length(0);
      // Nothing was spent: the attacker's own link still works for the attacker.
      expectOk(await reset(t, { token: attackers }, GOOD_PASSWORD));
      await t.router.close();
    });

    it("sends a browser that lost its CSRF cookie back to the link, and opening it again works", async () => {
      const t = pagesApp();
      const link = `${RESET_URL}?token=${await tokenFor(t, { email: ALICE.email })}`;
      const jar = new Jar();
      await openLinkOnPage(t.app, link, jar);
      // A restart dropped the session cookie (the CSRF one); the hand-off, with its Max-Age, stayed.
      const handoff = jar.header.split("; ").find((pair) => pair.startsWith("__Secure-epr-reset=")) ?? "";
      const lost = await request(t.app).get(PAGE).set("Accept", BROWSER_ACCEPT).set("Cookie", handoff);
      expect(lost.status).to.equal(400);
      expect(lost.text).to.include("Open that link again here");
      const again = await openLinkOnPage(t.app, link);
      expect(again.text).to.include("Choose a new password").and.include("a•••@example.com");
      await t.router.close();
    });

    it("still takes the visitor's own token cookie when a tossed one sits beside it", async () => {
      const t = pagesApp();
      const attackers = await tokenFor(t, { email: BOB.email });
      const own = await request(t.app).get(`${PAGE}?token=${attackers}`).expect(303);
      const tossed = ((own.headers["set-cookie"] as unknown as string[]) ?? [])
        .map((cookie) => cookie.split(";")[0] ?? "")
        .find((pair) => pair.startsWith("__Secure-epr-reset="));
      const victim = new Jar();
      const opened = await request(t.app)
        .get(`${PAGE}?token=${await tokenFor(t, { email: ALICE.email })}`)
        .expect(303);
      victim.take(opened.headers["set-cookie"]);
      // A browser sends both: the tossed one (Domain=example.com, set earlier) first.
      const page = await request(t.app)
        .get(PAGE)
        .set("Accept", BROWSER_ACCEPT)
        .set("Cookie", `${tossed}; ${victim.header}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.include("a•••@example.com").and.not.include("b•••");
      await t.router.close();
    });
  });
}

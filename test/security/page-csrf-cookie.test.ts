// The hosted pages' CSRF cookie holds a value the server minted and signed: a value a client
// chose (planted by a sibling over plain http, where the cookie cannot carry the `__Host-` prefix)
// gets no token, and a token minted for it is refused. Guarantee: a form post is the visitor's own
// (CONTRACT.md, the hosted pages' CSRF defence).
import { expect } from "chai";
import request from "supertest";
import { createTestApp, EXPRESS_VERSIONS } from "../helpers/app.js";
import { csrfOf, Jar, postForm } from "../helpers/page-forms.js";

/** A value of the cookie's old shape (43 base64url characters), chosen by the attacker. */
const CHOSEN = "attackerChosenValueOfFortyThreeCharacters__";

for (const version of EXPRESS_VERSIONS) {
  for (const [scheme, name] of [
    ["http", "epr-csrf"],
    ["https", "__Host-epr-csrf"],
  ] as const) {
    describe(`security: the pages' CSRF cookie is the server's own, over ${scheme} (${version.name})`, () => {
      const pagesApp = () =>
        createTestApp(version, { resetUrl: `${scheme}://127.0.0.1/auth/password/reset`, pages: true });

      it("replaces a cookie value the client chose, and refuses a form token minted for it", async () => {
        expect(CHOSEN).to.have.length(43);
        const t = pagesApp();
        // The attacker opens the form with the value it planted in the victim's browser...
        const form = await request(t.app).get("/auth/password/forgot").set("Cookie", `${name}=${CHOSEN}`);
        const set = (form.headers["set-cookie"] as unknown as string[] | undefined) ?? [];
        const minted = set.find((cookie) => cookie.startsWith(`${name}=`));
        expect(minted, "the server sets a value of its own").to.be.a("string");
        expect(minted).not.to.include(CHOSEN);
        // ...and posts the form's token with that value, as the victim's browser would.
        const jar = new Jar();
        jar.take(`${name}=${CHOSEN}`);
        const posted = await postForm(t.app, "/auth/password/forgot", jar, {
          csrf: csrfOf(form.text),
          identifier: "alice@example.com",
        }).set("Sec-Fetch-Site", "same-origin");
        expect(posted.status).to.equal(403);
        expect(posted.text).to.include("This form has expired");
        await t.router.drain();
        expect(t.mailer.resets).to.have.length(0);
        await t.router.close();
      });

      it("keeps the value it minted: the visitor's own form posts", async () => {
        const t = pagesApp();
        const jar = new Jar();
        const form = await request(t.app).get("/auth/password/forgot");
        jar.take(form.headers["set-cookie"]);
        const again = await request(t.app).get("/auth/password/forgot").set("Cookie", jar.header);
        expect(again.headers["set-cookie"], "no new cookie for a value the server minted").to.equal(
          undefined,
        );
        await postForm(t.app, "/auth/password/forgot", jar, {
          csrf: csrfOf(again.text),
          identifier: "alice@example.com",
        })
          .set("Sec-Fetch-Site", "same-origin")
          .expect(303);
        await t.router.drain();
        expect(t.mailer.resets.map((m) => m.to)).to.deep.equal(["alice@example.com"]);
        await t.router.close();
      });
    });
  }
}

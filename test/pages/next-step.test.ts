// The success page is never a dead end: with no `pages.signInUrl` and no redirect to continue to,
// it links to the app's home page, in every shipped language.
import { expect } from "chai";
import { resolveLocales, type LocaleCatalog } from "../../lib/pages/messages/index.js";
import { renderPage } from "../../lib/pages/render/index.js";
import { pageContext } from "./context.js";

const locales = resolveLocales();
const HOME_LINKS = {
  en: "Go to Acme",
  es: "Ir a Acme",
  fr: "Aller sur Acme",
  de: "Weiter zu Acme",
  pt: "Ir para Acme",
} as const;

/** The links of a page's body, as `[href, text]`. */
function linksOf(html: string): [string, string][] {
  return [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1]!, m[2]!]);
}

describe("pages: the success page's next step", () => {
  for (const [tag, text] of Object.entries(HOME_LINKS)) {
    it(`links to the app's home page when there is no sign-in page or redirect (${tag})`, () => {
      const locale = locales.byTag.get(tag) as LocaleCatalog;
      const html = renderPage({ name: "success" }, pageContext({ locale }));
      expect(linksOf(html)).to.deep.equal([["/", text]]);
      expect(html).to.include(`<a class="button" href="/">${text}</a>`);
    });
  }

  it("names the app in the home link escaped", () => {
    const html = renderPage({ name: "success" }, pageContext({ appName: "Acme <Notes> & Co" }));
    expect(linksOf(html)).to.deep.equal([["/", "Go to Acme &lt;Notes&gt; &amp; Co"]]);
  });

  it("offers the sign-in page instead, when the app gave one", () => {
    const html = renderPage({ name: "success" }, pageContext({ signInUrl: "/login" }));
    expect(linksOf(html)).to.deep.equal([["/login", "Sign in"]]);
  });

  it("offers the allowed redirect instead, when the reset was requested with one", () => {
    const html = renderPage({ name: "success", redirectUrl: "https://app.example.com/after" }, pageContext());
    expect(linksOf(html)).to.deep.equal([["https://app.example.com/after", "Continue to app.example.com"]]);
  });

  it("falls back to the home page when the sign-in link and the redirect are unusable", () => {
    const html = renderPage(
      { name: "success", redirectUrl: "javascript:alert(1)" },
      pageContext({ signInUrl: "//evil.example/login" }),
    );
    expect(linksOf(html)).to.deep.equal([["/", "Go to Acme"]]);
  });
});

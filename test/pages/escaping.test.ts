import { expect } from "chai";
import { renderPage } from "../../lib/pages/render/index.js";
import { brandColours } from "../../lib/pages/colour.js";
import { resolvePages } from "../../lib/pages/options.js";
import { pageContext } from "./context.js";

const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;

describe("pages: hostile values are escaped", () => {
  it("escapes a hostile app name in the title and the header", () => {
    const html = renderPage({ name: "invalid" }, pageContext({ appName: HOSTILE }));
    expect(html).not.to.include("<script>");
    expect(html).not.to.include("<img src=x");
    expect(html).to.include("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("escapes what the user typed when the form comes back with errors", () => {
    const html = renderPage(
      {
        name: "forgot",
        identifierTypes: ["email"],
        values: { identifier: HOSTILE },
        errors: [{ field: "identifier", key: "errorEmailInvalid" }],
      },
      pageContext({ pagePath: "/forgot" }),
    );
    expect(html).not.to.include("<script>");
    expect(html).to.include(`value="&quot;&gt;&lt;script&gt;`);
  });

  it("escapes an app's own error message (password.validate)", () => {
    const html = renderPage(
      { name: "reset", minLength: 8, errors: [{ field: "password", text: HOSTILE }] },
      pageContext(),
    );
    expect(html).not.to.include("<script>");
    expect(html.match(/&lt;script&gt;/g)).to.have.length(2); // summary and field
  });

  it("escapes a hostile CSRF token and account name in attributes", () => {
    const html = renderPage(
      { name: "reset", minLength: 8, accountName: HOSTILE },
      pageContext({ csrfToken: HOSTILE }),
    );
    expect(html).not.to.include(`"><script>`);
  });

  it("never makes a javascript: redirect or sign-in link clickable", () => {
    const html = renderPage(
      { name: "success", redirectUrl: "javascript:alert(1)" },
      pageContext({ signInUrl: "//evil.example/login" }),
    );
    expect(html).not.to.include("javascript:");
    expect(html).not.to.include("evil.example");
    expect(html).to.include("Password changed");
  });

  it("shows an allowed redirect with its host name", () => {
    const html = renderPage(
      { name: "success", redirectUrl: "https://app.example.com/after?x=1&y=2" },
      pageContext(),
    );
    expect(html).to.include(`href="https://app.example.com/after?x=1&amp;y=2"`);
    expect(html).to.include("Continue to app.example.com");
  });

  it("keeps event handlers and bad tag names out of a challenge widget", () => {
    const html = renderPage(
      {
        name: "forgot",
        identifierTypes: ["email"],
        challenge: {
          scriptUrl: "https://challenges.example.com/api.js",
          tag: "div",
          attributes: { class: "cf-turnstile", "data-sitekey": HOSTILE, onclick: "alert(1)" },
        },
      },
      pageContext({ pagePath: "/forgot" }),
    );
    expect(html).to.include(`<div class="cf-turnstile" data-sitekey="&quot;&gt;&lt;script&gt;`);
    expect(html).not.to.include("onclick");
    expect(html).to.include(`<script src="https://challenges.example.com/api.js" async defer></script>`);
    const bad = renderPage(
      {
        name: "forgot",
        identifierTypes: ["email"],
        challenge: { scriptUrl: "https://c.example/a.js", tag: "img src=x onerror=alert(1)" },
      },
      pageContext({ pagePath: "/forgot" }),
    );
    expect(bad).not.to.include("onerror");
    expect(bad).not.to.include("<script");
  });

  it("accepts only hex brand colours, so nothing can be injected into the stylesheet", () => {
    for (const colour of ["red", "#fff;}body{display:none", "url(https://x)", "#12345", "var(--x)"]) {
      expect(() => brandColours(colour), colour).to.throw(TypeError, /pages\.brandColor/);
      expect(() => resolvePages({ brandColor: colour }), colour).to.throw(TypeError);
    }
    expect(brandColours("#ABC").brand).to.equal("#aabbcc");
  });

  it("picks readable text and links for a pale brand colour", () => {
    const pale = brandColours("#ffe066");
    expect(pale.onBrand).to.equal("#000000");
    expect(pale.linkLight).not.to.equal("#ffe066"); // too pale for links on white
    expect(brandColours("#0f766e").onBrand).to.equal("#ffffff");
  });
});

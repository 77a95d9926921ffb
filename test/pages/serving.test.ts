import { expect } from "chai";
import { PasswordResetConfigError } from "../../lib/index.js";
import { assetResponse } from "../../lib/pages/assets.js";
import { contentSecurityPolicy, pageHeaders } from "../../lib/pages/headers.js";
import { createLogo } from "../../lib/pages/logo.js";
import { resolvePages } from "../../lib/pages/options.js";
import { createStylesheet } from "../../lib/pages/style.js";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("pages: headers and assets", () => {
  it("sends the strict page headers", () => {
    const headers = pageHeaders();
    expect(headers["Content-Security-Policy"]).to.equal(
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(headers).to.include({
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
      "Content-Type": "text/html; charset=utf-8",
    });
  });

  it("adds a challenge widget's origins only where asked", () => {
    const csp = contentSecurityPolicy({
      script: ["https://challenges.cloudflare.com"],
      frame: ["https://challenges.cloudflare.com"],
    });
    expect(csp)
      .to.include("script-src https://challenges.cloudflare.com")
      .and.include("frame-src https://challenges.cloudflare.com");
    expect(csp).not.to.include("unsafe");
  });

  it("refuses CSP sources that are not plain https origins", () => {
    for (const bad of [
      "'unsafe-inline'",
      "*",
      "https://a.example; script-src *",
      "http://a.example",
      "https://a.example/path",
    ]) {
      expect(() => contentSecurityPolicy({ script: [bad] }), bad).to.throw(TypeError, /pages\.csp\.script/);
    }
  });

  it("serves the stylesheet with a versioned href, a strong ETag and a 304", () => {
    const css = createStylesheet("#0f766e");
    expect(css.path).to.equal("/pages-assets/style.css");
    expect(css.href).to.match(/^\/pages-assets\/style\.css\?v=[\w-]{22}$/);
    expect(css.body.toString()).to.include("--brand: #0f766e");
    expect(css.headers["Cache-Control"]).to.include("immutable");
    expect(assetResponse(css, undefined).status).to.equal(200);
    expect(assetResponse(css, css.etag).status).to.equal(304);
    expect(assetResponse(css, css.etag).body).to.equal(undefined);
    expect(assetResponse(css, `"other", W/${css.etag}`).status).to.equal(304);
    expect(assetResponse(css, `"other"`).status).to.equal(200);
    expect(createStylesheet("#000000").href).not.to.equal(css.href);
  });

  it("serves a logo from bytes with its sniffed type, an SVG sandboxed", () => {
    const png = createLogo({ body: PNG });
    expect(png.headers["Content-Type"]).to.equal("image/png");
    const svg = createLogo({
      body: Buffer.from(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>`),
    });
    expect(svg.headers["Content-Type"]).to.equal("image/svg+xml");
    expect(svg.headers["Content-Security-Policy"]).to.include("sandbox");
  });

  it("refuses a logo that is not an image, too big, or not what it claims", () => {
    expect(() => createLogo({ body: Buffer.from("<html><script>") })).to.throw(TypeError, /pages\.logo/);
    expect(() => createLogo({ body: Buffer.alloc(600 * 1024, 0x89) })).to.throw(TypeError, /bytes/);
    expect(() => createLogo({ body: PNG, contentType: "image/svg+xml" })).to.throw(TypeError, /image\/png/);
    expect(() => createLogo({ file: "/nonexistent/logo.png" })).to.throw(TypeError, /pages\.logo\.file/);
  });

  it("resolves pages: true with defaults, reports unknown options", () => {
    const pages = resolvePages(true);
    expect(pages?.locales.defaultTag).to.equal("en");
    expect(pages?.logo).to.equal(undefined);
    expect(resolvePages(false)).to.equal(undefined);
    expect(() => resolvePages({ brandColour: "#fff" } as never)).to.throw(
      PasswordResetConfigError,
      /`pages\.brandColour` is not an option\. Did you mean `brandColor`\?/,
    );
    expect(() => resolvePages({ signInUrl: "javascript:alert(1)" })).to.throw(TypeError, /signInUrl/);
  });
});

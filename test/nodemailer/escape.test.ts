// The helpers template authors use: escaping, the `html` tag, the href guard and expiry words.
import { expect } from "chai";
import { escapeHtml, expiresInWords, html, safeHref, SafeHtml } from "../../lib/nodemailer.js";

describe("nodemailer helpers", () => {
  it("escapeHtml escapes the five characters that matter in text and quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).to.equal(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });

  it("the html tag escapes values, keeps nested html, joins arrays and drops empty values", () => {
    const items = ["<1>", "2"].map((item) => html`<li>${item}</li>`);
    // prettier-ignore
    const out = html`<p title="${'"x"'}">${"<b>"}</p><ul>${items}</ul>${undefined}${null}${false}${0}`;
    expect(out).to.be.instanceOf(SafeHtml);
    expect(String(out)).to.equal(
      '<p title="&quot;x&quot;">&lt;b&gt;</p><ul><li>&lt;1&gt;</li><li>2</li></ul>0',
    );
  });

  it("safeHref lets only absolute http(s) URLs into an href", () => {
    expect(safeHref("https://app.acme.test/reset?token=a&b=c")).to.equal(
      "https://app.acme.test/reset?token=a&b=c",
    );
    expect(safeHref("http://localhost:3000/reset")).to.equal("http://localhost:3000/reset");
    for (const link of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\nscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "//evil.test/reset",
      "/reset?token=x",
      "myapp://reset?token=x",
    ]) {
      expect(safeHref(link), link).to.equal(undefined);
    }
  });

  it("expiresInWords rounds to the nearest minute and names the units", () => {
    const now = Date.UTC(2030, 0, 1);
    const words = (ms: number) => expiresInWords(new Date(now + ms), now);
    expect(words(-5_000)).to.equal("less than a minute");
    expect(words(20_000)).to.equal("less than a minute");
    expect(words(60_000)).to.equal("1 minute");
    expect(words(15 * 60_000)).to.equal("15 minutes");
    expect(words(60 * 60_000 - 200)).to.equal("1 hour");
    expect(words(61 * 60_000)).to.equal("1 hour and 1 minute");
    expect(words(150 * 60_000)).to.equal("2 hours and 30 minutes");
    expect(words(24 * 3600_000)).to.equal("1 day");
    expect(words(26 * 3600_000 + 10 * 60_000)).to.equal("1 day and 2 hours");
    expect(words(7 * 24 * 3600_000)).to.equal("7 days");
    expect(expiresInWords(new Date(Number.NaN), now)).to.equal("less than a minute");
  });
});

// The reset message as it arrives at a real SMTP server: both parts, the exact link, the expiry
// in words, escaped user data, and a plain accessible HTML part.
import { expect } from "chai";
import { createNodemailerMailer } from "../../lib/nodemailer.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

const NOW = Date.UTC(2030, 0, 15, 12, 0, 0);
const LINK = "https://app.acme.test/reset?token=tok_abc123XYZ-_&redirect=https%3A%2F%2Fapp.acme.test%2Fhome";

describe("nodemailer mailer: the reset message", () => {
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.close());

  function mailer(appName?: string) {
    return createNodemailerMailer({
      transport: sink.transport,
      from: "Acme <no-reply@acme.test>",
      ...(appName ? { appName } : {}),
      now: () => NOW,
    });
  }

  it("sends text and HTML with the link exactly as given, to the user's address only", async () => {
    await mailer("Acme").sendPasswordReset({
      to: "ada@example.test",
      user: { id: "u1", email: "ada@example.test", name: "Ada" },
      link: LINK,
      expiresAt: new Date(NOW + 3600_000),
    });
    const { parsed, recipients } = await sink.next();

    expect(recipients).to.deep.equal(["ada@example.test"]);
    expect(parsed.from?.text).to.equal('"Acme" <no-reply@acme.test>');
    expect(parsed.subject).to.equal("Reset your Acme password");
    expect(parsed.headers.get("auto-submitted")).to.equal("auto-generated");
    expect(parsed.text).to.be.a("string");
    expect(parsed.html).to.be.a("string");
    expect(parsed.text?.split("\n")).to.include(LINK);
    expect(parsed.text).to.match(/^Hi Ada,/);
    expect(parsed.text).to.include("The link expires in 1 hour and works only once.");
    const html = parsed.html as string;
    // A real anchor to the link (attribute-escaped) and the link again as copyable text.
    const escaped = LINK.replace(/&/g, "&amp;");
    expect(html).to.include(`<a href="${escaped}"`);
    expect(html.split(escaped)).to.have.length(3);
    expect(html).to.include("The link expires in 1 hour");
  });

  it("says how long the link lasts in words, from the expiry and the clock", async () => {
    const cases: [number, string][] = [
      [15 * 60_000, "15 minutes"],
      [90 * 60_000, "1 hour and 30 minutes"],
      [3600_000 - 150, "1 hour"], // mailed a moment after it was issued
      [2 * 86_400_000, "2 days"],
    ];
    for (const [ms, words] of cases) {
      await mailer().sendPasswordReset({
        to: "ada@example.test",
        user: { id: "u1" },
        link: LINK,
        expiresAt: new Date(NOW + ms),
      });
      const { parsed } = await sink.next();
      expect(parsed.text).to.include(`expires in ${words} `);
      expect(parsed.html).to.include(`expires in ${words} `);
    }
  });

  it("sends a code instead of a link, with the code's expiry and no link", async () => {
    await mailer("Acme").sendPasswordReset({
      to: "ada@example.test",
      user: { id: "u1", name: "Ada" },
      code: "482913",
      expiresAt: new Date(NOW + 15 * 60_000),
    });
    const { parsed } = await sink.next();
    expect(parsed.subject).to.equal("Your Acme password reset code");
    expect(parsed.subject).not.to.include("482913");
    expect(parsed.text?.split("\n")).to.include("482913");
    expect(parsed.text).to.include("The code expires in 15 minutes.");
    expect(parsed.html).to.include(">482913</p>");
    expect(parsed.html).not.to.include("<a ");
  });

  it("escapes a hostile name, app name and address in the HTML and never lets them through raw", async () => {
    const name = "<script>alert(1)</script>";
    await mailer('Acme "<b>Corp</b>"').sendPasswordReset({
      to: "o'hara+x@example.test",
      user: { id: "u1", name },
      link: LINK,
      expiresAt: new Date(NOW + 3600_000),
    });
    const { parsed } = await sink.next();
    const html = parsed.html as string;
    expect(html).to.include("Hi &lt;script&gt;alert(1)&lt;/script&gt;,");
    expect(html).not.to.include("<script");
    expect(html).to.include("Acme &quot;&lt;b&gt;Corp&lt;/b&gt;&quot; account");
    expect(html).not.to.include("<b>");
    expect(html).to.include("(o&#39;hara+x@example.test)");
    // The text part is plain text: the name appears as written.
    expect(parsed.text).to.include(`Hi ${name},`);
  });

  it("never turns a non-http(s) link into a clickable href", async () => {
    const link = "javascript:alert(document.cookie)//?token=abc";
    await mailer().sendPasswordReset({
      to: "ada@example.test",
      user: { id: "u1" },
      link,
      expiresAt: new Date(NOW + 3600_000),
    });
    const { parsed } = await sink.next();
    expect(parsed.html).not.to.match(/href=/i);
    expect(parsed.html).to.include(link);
    expect(parsed.text?.split("\n")).to.include(link);
  });

  it("keeps the HTML self-contained and accessible: lang, title, layout tables, no remote content or script", async () => {
    await mailer("Acme").sendPasswordReset({
      to: "ada@example.test",
      user: { id: "u1" },
      link: LINK,
      expiresAt: new Date(NOW + 3600_000),
    });
    const { parsed } = await sink.next();
    const html = parsed.html as string;
    expect(html).to.match(/^<!doctype html>\s*<html lang="en" dir="ltr">/);
    expect(html).to.include("<title>Reset your Acme password</title>");
    expect(html).to.include('<meta name="color-scheme" content="light dark">');
    // Layout tables say they are layout, so screen readers do not announce rows and cells.
    expect(html.match(/<table\b/g)?.length).to.equal(html.match(/<table role="presentation"/g)?.length);
    expect(html).not.to.match(/<img|<script|<link |<iframe|url\(|@import/i);
    // The only URL in the message is the reset link itself: nothing to track the reader with.
    const urls = html.match(/https?:\/\/[^\s"<]+/g) ?? [];
    expect(new Set(urls.map((url) => url.replace(/&amp;/g, "&")))).to.deep.equal(new Set([LINK]));
    expect(parsed.attachments).to.have.length(0);
  });

  it("writes a greeting without a name (or with a null one from the database) and without an app name", async () => {
    await mailer().sendPasswordReset({
      to: "ada@example.test",
      user: { id: "u1", name: null as unknown as string },
      link: LINK,
      expiresAt: new Date(NOW + 3600_000),
    });
    const { parsed } = await sink.next();
    expect(parsed.subject).to.equal("Reset your password");
    expect(parsed.text).to.match(/^Hi,\n/);
    expect(parsed.text).to.include("the password for your account (ada@example.test)");
  });
});

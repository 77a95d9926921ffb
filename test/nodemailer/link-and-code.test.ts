// The reset message of `delivery.email: "link+code"` as it arrives at a real SMTP server, in each
// shipped language: the link (a button in HTML, the address in text), then the code for another
// device, and one expiry saying that using either ends both.
import { expect } from "chai";
import { createNodemailerMailer } from "../../lib/nodemailer.js";
import { de } from "../../lib/nodemailer/messages/de.js";
import { en } from "../../lib/nodemailer/messages/en.js";
import { es } from "../../lib/nodemailer/messages/es.js";
import { fr } from "../../lib/nodemailer/messages/fr.js";
import { pt } from "../../lib/nodemailer/messages/pt.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

const NOW = Date.UTC(2030, 0, 15, 12, 0, 0);
const LINK = "https://app.acme.test/reset?token=tok_abc123XYZ-_";
const CODE = "048213";

describe('nodemailer mailer: a "link+code" reset message', () => {
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.close());

  for (const catalog of [en, es, fr, de, pt]) {
    it(`lays out the link, then the code, and one expiry for both (${catalog.tag})`, async () => {
      const mailer = createNodemailerMailer({
        transport: sink.transport,
        from: "Acme <no-reply@acme.test>",
        appName: "Acme",
        now: () => NOW,
      });
      await mailer.sendPasswordReset({
        to: "ada@example.test",
        user: { id: "u1", email: "ada@example.test", name: "Ada" },
        link: LINK,
        code: CODE,
        expiresAt: new Date(NOW + 15 * 60_000),
        locale: catalog.tag,
      });
      const { parsed } = await sink.next();
      const words = catalog.messages;
      expect(parsed.subject).to.equal(words.resetLinkSubject.replace("{appName}", "Acme"));
      const text = parsed.text!;
      const lines = text.split("\n");
      expect(lines).to.include(LINK);
      expect(lines).to.include(CODE);
      expect(lines.indexOf(LINK), "the link comes first").to.be.below(lines.indexOf(CODE));
      expect(lines).to.include(words.codeAlsoLead);
      const expiry = words.linkAndCodeExpiry.split("{expiresIn}")[0]!;
      expect(text).to.include(expiry);
      expect(text, "not the single-secret expiry").to.not.include(words.linkExpiry.split("{expiresIn}")[0]!);
      const html = parsed.html as string;
      expect(html).to.include(`<a href="${LINK}"`);
      expect(html).to.include(`>${CODE}</p>`);
      expect(html.indexOf(`<a href="${LINK}"`)).to.be.below(html.indexOf(`>${CODE}</p>`));
      expect(html).to.include(escapeHtml(words.codeAlsoLead));
      expect(html).to.include(escapeHtml(expiry));
    });
  }
});

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

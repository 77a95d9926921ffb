// The password-changed notice: it tells the user what happened and when, and carries nothing an
// attacker reading the mailbox could use (no link, token or code).
import { expect } from "chai";
import { createNodemailerMailer } from "../../lib/nodemailer.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

describe("nodemailer mailer: the password-changed notice", () => {
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.close());

  it("says whose password changed and when, in text and HTML, with no link, token or code", async () => {
    const mailer = createNodemailerMailer({
      transport: sink.transport,
      from: "no-reply@acme.test",
      appName: "Acme",
    });
    // Extra fields a caller might pass by mistake must not reach the message.
    const message = {
      to: "ada@example.test",
      user: { id: "u1", name: "Ada <b>" },
      changedAt: new Date(Date.UTC(2030, 0, 15, 9, 5)),
      link: "https://app.acme.test/reset?token=leaked-token",
      token: "leaked-token",
      code: "123456",
    };
    await mailer.sendPasswordChanged(message);
    const { parsed, raw, recipients } = await sink.next();

    expect(recipients).to.deep.equal(["ada@example.test"]);
    expect(parsed.subject).to.equal("Your Acme password was changed");
    expect(parsed.text).to.match(/^Hi Ada <b>,/);
    expect(parsed.text).to.include(
      "The password for your Acme account (ada@example.test) was changed on January 15, 2030 at 9:05 AM UTC.",
    );
    expect(parsed.text).to.include("If you did not, someone else may know your password");
    const html = parsed.html as string;
    expect(html).to.include("Hi Ada &lt;b&gt;,");
    expect(html).to.include("January 15, 2030 at 9:05 AM UTC");
    expect(html).not.to.match(/<a\b|href=/i);
    for (const secret of ["leaked-token", "123456", "token=", "http://", "https://"]) {
      expect(raw).not.to.include(secret);
    }
  });
});

describe("nodemailer mailer: the notice's report link (\"this wasn't me\")", () => {
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.close());

  const LINK = "https://app.acme.test/auth/password/report?token=sel.verifier";
  const WORDS: Record<string, { button: string; expiry: string }> = {
    en: { button: "This wasn’t me", expiry: "The link works once, for 7 days." },
    es: { button: "No fui yo", expiry: "El enlace funciona una vez, durante 7 días." },
    fr: { button: "Ce n’était pas moi", expiry: "Le lien ne sert qu’une fois, pendant 7 jours." },
    de: { button: "Das war ich nicht", expiry: "Der Link funktioniert einmal, 7 Tage lang." },
    pt: { button: "Não fui eu", expiry: "O link funciona uma vez, durante 7 dias." },
  };
  for (const [locale, words] of Object.entries(WORDS)) {
    it(`shows the link as a button and as text, in ${locale}`, async () => {
      const mailer = createNodemailerMailer({
        transport: sink.transport,
        from: "no-reply@acme.test",
        appName: "Acme",
      });
      await mailer.sendPasswordChanged({
        to: "ada@example.test",
        user: { id: "u1", name: "Ada" },
        changedAt: new Date(Date.UTC(2030, 0, 15, 9, 5)),
        reportLink: LINK,
        locale,
      });
      const { parsed } = await sink.next();
      expect(parsed.text).to.include(LINK).and.include(words.expiry);
      const html = parsed.html as string;
      expect(html)
        .to.include(`href="${LINK.replace(/&/g, "&amp;")}"`)
        .and.include(words.button);
      expect(html).to.include(`lang="${locale}"`);
    });
  }

  it("without a report link, the notice holds no link at all (as before)", async () => {
    const mailer = createNodemailerMailer({ transport: sink.transport, from: "no-reply@acme.test" });
    await mailer.sendPasswordChanged({ to: "ada@example.test", user: { id: "u1" }, changedAt: new Date() });
    const { parsed } = await sink.next();
    expect(parsed.html as string).not.to.match(/<a\b|href=/i);
    expect(parsed.text).to.include("If you did not, someone else may know your password");
  });
});

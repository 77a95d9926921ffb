// Line breaks in a user's name, the app name, a subject template or the recipient must never
// become SMTP headers (a smuggled Bcc would copy the reset link to an attacker).
import { expect } from "chai";
import { createNodemailerMailer, MailDeliveryError, type OutgoingMail } from "../../lib/nodemailer.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

const LINK = "https://app.acme.test/reset?token=secret-token-value";

function headerBlock(raw: string): string[] {
  return raw.slice(0, raw.indexOf("\r\n\r\n")).split("\r\n");
}

describe("nodemailer mailer: header injection", () => {
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.close());

  it("a name and an app name holding CRLF + Bcc add no header and no recipient", async () => {
    const mailer = createNodemailerMailer({
      transport: sink.transport,
      from: "Acme <no-reply@acme.test>",
      appName: "Acme\r\nBcc: evil@x.test",
    });
    await mailer.sendPasswordReset({
      to: "eve@example.test",
      user: { id: "u1", name: "Eve\r\nBcc: evil@x.test" },
      link: LINK,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const { raw, parsed, recipients } = await sink.next();

    expect(recipients).to.deep.equal(["eve@example.test"]);
    expect(parsed.bcc).to.equal(undefined);
    expect(parsed.headers.has("bcc")).to.equal(false);
    expect(headerBlock(raw).filter((line) => /^bcc:/i.test(line))).to.deep.equal([]);
    expect(parsed.subject).to.equal("Reset your Acme Bcc: evil@x.test password");
    expect(parsed.to).to.deep.include({ text: "eve@example.test" });
  });

  it("a subject template that interpolates a hostile name still yields a one-line subject", async () => {
    const mailer = createNodemailerMailer({
      transport: sink.transport,
      from: { name: "Acme", address: "no-reply@acme.test" },
      templates: { reset: { subject: ({ user }) => `Hello ${user.name ?? ""}, reset your password` } },
    });
    await mailer.sendPasswordReset({
      to: "eve@example.test",
      user: { id: "u1", name: "Eve\r\nBcc: evil@x.test\r\n\r\n<html>" },
      link: LINK,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const { raw, parsed, recipients } = await sink.next();
    expect(recipients).to.deep.equal(["eve@example.test"]);
    expect(parsed.headers.has("bcc")).to.equal(false);
    expect(headerBlock(raw).some((line) => /^bcc:/i.test(line))).to.equal(false);
    expect(parsed.subject).to.equal("Hello Eve Bcc: evil@x.test <html>, reset your password");
  });

  const hostileRecipients = [
    "eve@example.test\r\nBcc: evil@x.test",
    "eve@example.test\nevil@x.test",
    "eve@example.test, evil@x.test",
    "Eve <evil@x.test>",
  ];
  for (const to of hostileRecipients) {
    it(`refuses the recipient ${JSON.stringify(to)} and sends nothing`, async () => {
      const mailer = createNodemailerMailer({ transport: sink.transport, from: "no-reply@acme.test" });
      const error = await mailer
        .sendPasswordReset({ to, user: { id: "u1" }, link: LINK, expiresAt: new Date(Date.now() + 3600_000) })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).to.be.instanceOf(MailDeliveryError);
      expect((error as MailDeliveryError).code).to.equal("EENVELOPE");
      expect((error as Error).message).not.to.include("evil");
      expect(sink.attempts).to.equal(0);
    });
  }

  it("hands any transport a one-line subject, not only nodemailer (which also guards)", async () => {
    const sent: OutgoingMail[] = [];
    const mailer = createNodemailerMailer({
      transport: { sendMail: async (mail) => sent.push(mail) },
      from: "no-reply@acme.test",
      appName: "Acme\u2028Bcc: evil@x.test\r\n",
      templates: { changed: { subject: ({ user }) => `Changed for ${user.name ?? ""}` } },
    });
    const user = { id: "u1", name: "Eve\r\nBcc: evil@x.test\u0085X-Evil: 1\u202E" };
    await mailer.sendPasswordReset({ to: "eve@example.test", user, link: LINK, expiresAt: new Date() });
    await mailer.sendPasswordChanged({ to: "eve@example.test", user, changedAt: new Date() });
    expect(sent.map((mail) => mail.subject)).to.deep.equal([
      "Reset your Acme Bcc: evil@x.test password",
      "Changed for Eve Bcc: evil@x.test X-Evil: 1",
    ]);
    expect(sent.map((mail) => mail.to)).to.deep.equal([
      { name: "", address: "eve@example.test" },
      { name: "", address: "eve@example.test" },
    ]);
  });
});

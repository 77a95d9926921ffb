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

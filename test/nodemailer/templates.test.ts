// Template overrides: each part can be replaced on its own, receives a typed context, and the
// exported `html` tag escapes what a custom template interpolates.
import { expect } from "chai";
import { createNodemailerMailer, html, MailDeliveryError } from "../../lib/nodemailer.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

const NOW = Date.UTC(2030, 0, 15, 12, 0, 0);
const LINK = "https://app.acme.test/reset?token=tpl-token";

describe("nodemailer mailer: template overrides", () => {
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.close());

  it("replaces subject, text and HTML of the reset message with the context the templates get", async () => {
    const seen: unknown[] = [];
    const mailer = createNodemailerMailer({
      transport: sink.transport,
      from: "no-reply@acme.test",
      appName: "Acme",
      now: () => NOW,
      templates: {
        reset: {
          subject: (ctx) => {
            seen.push(ctx);
            return `[${ctx.appName ?? ""}] Passwort zurücksetzen`;
          },
          text: async ({ link, expiresIn }) => `Link: ${link ?? ""}\nGültig: ${expiresIn}\n`,
          // prettier-ignore
          html: ({ user, link }) => html`<p>Hallo ${user.name}</p><a href="${link}">Los</a>`,
        },
      },
    });
    await mailer.sendPasswordReset({
      to: "ada@example.test",
      user: { id: "u1", name: "<i>Ada</i>" },
      link: LINK,
      expiresAt: new Date(NOW + 30 * 60_000),
      redirectUrl: "https://app.acme.test/after",
    });
    const { parsed } = await sink.next();

    expect(parsed.subject).to.equal("[Acme] Passwort zurücksetzen");
    expect(parsed.text).to.equal(`Link: ${LINK}\nGültig: 30 minutes\n`);
    expect(parsed.html).to.equal(`<p>Hallo &lt;i&gt;Ada&lt;/i&gt;</p><a href="${LINK}">Los</a>`);
    expect(seen).to.deep.equal([
      {
        appName: "Acme",
        user: { id: "u1", name: "<i>Ada</i>" },
        to: "ada@example.test",
        link: LINK,
        expiresAt: new Date(NOW + 30 * 60_000),
        expiresIn: "30 minutes",
        redirectUrl: "https://app.acme.test/after",
        locale: "en",
      },
    ]);
  });

  it("keeps the default parts that are not overridden, and overrides the notice separately", async () => {
    const mailer = createNodemailerMailer({
      transport: sink.transport,
      from: "no-reply@acme.test",
      appName: "Acme",
      templates: { changed: { subject: ({ appName }) => `${appName ?? ""}: security notice` } },
    });
    await mailer.sendPasswordChanged({ to: "ada@example.test", user: { id: "u1" }, changedAt: new Date() });
    await mailer.sendPasswordReset({
      to: "ada@example.test",
      user: { id: "u1" },
      link: LINK,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const notice = await sink.next();
    const reset = await sink.next();
    expect(notice.parsed.subject).to.equal("Acme: security notice");
    expect(notice.parsed.text).to.include(
      "The password for your Acme account (ada@example.test) was changed",
    );
    expect(reset.parsed.subject).to.equal("Reset your Acme password");
  });

  it("a template that throws rejects with a safe error naming the template, and sends nothing", async () => {
    const mailer = createNodemailerMailer({
      transport: sink.transport,
      from: "no-reply@acme.test",
      templates: {
        reset: {
          text: ({ link }) => {
            throw new Error(`cannot render ${link ?? ""}`);
          },
        },
      },
    });
    const error: unknown = await mailer
      .sendPasswordReset({ to: "ada@example.test", user: { id: "u1" }, link: LINK, expiresAt: new Date() })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MailDeliveryError);
    expect((error as MailDeliveryError).code).to.equal("ETEMPLATE");
    expect((error as Error).message).to.include("`templates.reset.text` threw (Error)");
    expect((error as Error).message).not.to.include("tpl-token");
    expect(sink.attempts).to.equal(0);
  });
});

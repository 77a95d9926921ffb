// The brand over real SMTP: the logo travels inside the message as an inline part the HTML names
// by Content-ID (never a remote image), and the button wears the brand colour with readable text.
import { expect } from "chai";
import { createNodemailerMailer, html } from "../../lib/nodemailer.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

// The smallest PNG: one transparent pixel.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const LINK = "https://app.acme.test/reset?token=brand-token";

describe("nodemailer mailer: the brand shared with the pages", () => {
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.close());

  const send = (mailer: ReturnType<typeof createNodemailerMailer>) =>
    mailer.sendPasswordReset({
      to: "ada@example.test",
      user: { id: "u1" },
      link: LINK,
      expiresAt: new Date(Date.now() + 3600_000),
    });

  it("attaches the logo inline and shows it by cid:, beside the app name", async () => {
    await send(
      createNodemailerMailer({
        transport: sink.transport,
        from: "a@acme.test",
        appName: "Acme",
        logo: { body: PNG },
      }),
    );
    const { parsed } = await sink.next();
    expect(parsed.attachments).to.have.length(1);
    const [logo] = parsed.attachments;
    expect(logo?.contentType).to.equal("image/png");
    expect(logo?.contentDisposition).to.equal("inline");
    expect(logo?.content.equals(PNG)).to.equal(true);
    expect(logo?.cid).to.be.a("string");
    // mailparser, like a mail client, puts the part where the HTML names its Content-ID.
    expect(parsed.html).to.include(`<img src="data:image/png;base64,${PNG.toString("base64")}"`);
    // The name is written beside it, so the image itself is decoration to a screen reader.
    expect(parsed.html).to.match(/<img [^>]*alt=""/);
    expect(parsed.html).to.include(">Acme</span>");
  });

  it("paints the button in the brand colour with the text colour that contrasts", async () => {
    await send(
      createNodemailerMailer({ transport: sink.transport, from: "a@acme.test", brandColor: "#fc3" }),
    );
    const light = (await sink.next()).parsed.html as string;
    expect(light).to.match(
      /bgcolor="#ffcc33" style="border-radius:6px;background:#ffcc33"><a href="[^"]+"[^>]*color:#000000/,
    );

    await send(createNodemailerMailer({ transport: sink.transport, from: "a@acme.test" }));
    const standard = (await sink.next()).parsed.html as string;
    expect(standard).to.match(/background:#2454c5"><a href="[^"]+"[^>]*color:#ffffff/);
  });

  it("sends no logo with an app's own HTML that does not show it", async () => {
    await send(
      createNodemailerMailer({
        transport: sink.transport,
        from: "a@acme.test",
        logo: { body: PNG },
        templates: { reset: { html: ({ link }) => html`<p><a href="${link}">Reset</a></p>` } },
      }),
    );
    expect((await sink.next()).parsed.attachments).to.have.length(0);
  });
});

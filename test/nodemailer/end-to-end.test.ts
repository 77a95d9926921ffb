// The whole story over real SMTP: an Express app with the password-reset router and the
// nodemailer mailer; the link is read out of the message the SMTP server received and used to
// reset the password, and the password-changed notice follows. A server that refuses the mail
// shows up as a `delivery.failed` event that carries no token.
import bcrypt from "bcryptjs";
import { expect } from "chai";
import request from "supertest";
import { createPasswordResetRouter, type PasswordResetEvent } from "../../lib/index.js";
import { createNodemailerMailer } from "../../lib/nodemailer.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { startSmtpSink, type SinkOptions, type SmtpSink } from "../helpers/smtp-sink.js";
import { FakeUsers } from "../helpers/users.js";

const RESET_URL = "https://app.acme.test/reset";
const PASSWORD = "correct horse battery staple";

function linkIn(text: string | undefined): string {
  const link = text?.split("\n").find((line) => line.startsWith(`${RESET_URL}?`));
  if (!link) throw new Error(`no reset link in the message:\n${text ?? ""}`);
  return link;
}

for (const version of EXPRESS_VERSIONS) {
  describe(`nodemailer mailer end to end (${version.name})`, () => {
    let sink: SmtpSink;
    let events: PasswordResetEvent[];
    let logs: string[];

    function setup(sinkOptions?: SinkOptions) {
      return startSmtpSink(sinkOptions).then((started) => {
        sink = started;
        events = [];
        logs = [];
        const users = new FakeUsers();
        const router = createPasswordResetRouter({
          users,
          mailer: createNodemailerMailer({
            transport: sink.transport,
            from: "Acme <no-reply@acme.test>",
            appName: "Acme",
          }),
          resetUrl: RESET_URL,
          rateLimit: false,
          bcryptRounds: 4,
          onEvent: (event) => events.push(event),
          logger: { warn: (line) => logs.push(line), error: (line) => logs.push(line) },
        });
        const app = version.create();
        app.use("/auth/password", router);
        return { app, router, users };
      });
    }

    afterEach(() => sink.close());

    it("mails a working link over SMTP, resets the password with it, then mails the notice", async () => {
      const { app, router, users } = await setup();

      const forgot = await request(app).post("/auth/password/forgot").send({ email: "Alice@Example.com" });
      expect(forgot.status).to.equal(200);
      expect(forgot.body).to.deep.equal({ success: true, data: {} });
      await router.drain();

      const resetMail = await sink.next();
      expect(resetMail.recipients).to.deep.equal(["alice@example.com"]);
      expect(resetMail.parsed.subject).to.equal("Reset your Acme password");
      const link = linkIn(resetMail.parsed.text);
      expect(resetMail.parsed.html).to.include(`<a href="${link.replace(/&/g, "&amp;")}"`);
      expect(resetMail.parsed.text).to.include("The link expires in 1 hour");
      const token = new URL(link).searchParams.get("token");
      expect(token).to.be.a("string").with.length.above(40);

      const reset = await request(app)
        .post("/auth/password/reset")
        .send({ token, password: PASSWORD, passwordConfirm: PASSWORD });
      expect(reset.status).to.equal(200);
      expect(reset.body).to.deep.equal({ success: true, data: {} });
      expect(await bcrypt.compare(PASSWORD, users.hashOf("u1") ?? "")).to.equal(true);
      await router.drain();

      const notice = await sink.next();
      expect(notice.recipients).to.deep.equal(["alice@example.com"]);
      expect(notice.parsed.subject).to.equal("Your Acme password was changed");
      expect(notice.parsed.text).to.include(
        "The password for your Acme account (alice@example.com) was changed",
      );
      expect(notice.raw).not.to.include(token as string);
      expect(notice.raw).not.to.include(RESET_URL);
      expect(notice.raw).not.to.include(PASSWORD);

      // The link is spent: a second use is refused.
      const again = await request(app)
        .post("/auth/password/reset")
        .send({ token, password: PASSWORD, passwordConfirm: PASSWORD });
      expect(again.status).to.equal(400);
      expect(events.map((event) => event.type)).to.include.members(["delivery.sent", "notice.sent"]);
      await router.close();
    });

    it("a server refusing the mail with 550 yields a delivery.failed event without the token", async () => {
      let seenToken: string | undefined;
      const { app, router } = await setup({
        refuseData: (_attempt, message) => {
          const link = linkIn(message.text);
          seenToken = new URL(link).searchParams.get("token") ?? undefined;
          // Echo the link back, as some servers quote what they refuse.
          return { responseCode: 550, message: `Policy rejection for ${link}` };
        },
      });

      const forgot = await request(app).post("/auth/password/forgot").send({ email: "alice@example.com" });
      expect(forgot.status).to.equal(200);
      expect(forgot.body).to.deep.equal({ success: true, data: {} });
      await router.drain();

      expect(seenToken).to.be.a("string").with.length.above(40);
      expect(sink.received).to.have.length(0);
      const failed = events.filter((event) => event.type === "delivery.failed");
      expect(failed).to.have.length(1);
      expect(failed[0]).to.deep.include({ channel: "email", userId: "u1" });
      expect(failed[0]?.error?.message).to.include("SMTP 550");
      const everything = JSON.stringify({ events, logs });
      expect(everything).not.to.include(seenToken as string);
      expect(everything).not.to.include("token=");
      expect(events.map((event) => event.type)).not.to.include("delivery.sent");
      await router.close();
    });
  });
}

// Delivery failures against a real SMTP server: permanent (5xx) refusals fail at once, transient
// (4xx, refused connections) ones are retried with growing waits, and the error a caller gets
// never carries the link, even when the server echoes it.
import { createServer, type AddressInfo } from "node:net";
import { expect } from "chai";
import nodemailer from "nodemailer";
import { createNodemailerMailer, MailDeliveryError, type NodemailerMailer } from "../../lib/nodemailer.js";
import { startSmtpSink, type SinkOptions, type SmtpSink } from "../helpers/smtp-sink.js";

const TOKEN = "dlv_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
const LINK = `https://app.acme.test/reset?token=${TOKEN}`;

function resetMessage() {
  return {
    to: "ada@example.test",
    user: { id: "u1" },
    link: LINK,
    expiresAt: new Date(Date.now() + 3600_000),
  };
}

async function failure(promise: Promise<unknown>): Promise<MailDeliveryError> {
  const error = await promise.then(
    () => expect.fail("the send should have failed"),
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(MailDeliveryError);
  return error as MailDeliveryError;
}

// A server that echoes part of the message in its refusal, as some do.
function echoing(responseCode: number): SinkOptions["refuseData"] {
  return (_attempt, message) => ({
    responseCode,
    message: `Rejected: ${message.text?.match(/https:\/\/\S+/)?.[0] ?? "no link"}`,
  });
}

describe("nodemailer mailer: delivery failures and retries", () => {
  let sink: SmtpSink | undefined;

  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });

  function mailerFor(
    server: SmtpSink,
    retry?: { attempts?: number; baseDelayMs?: number },
  ): NodemailerMailer {
    return createNodemailerMailer({
      transport: server.transport,
      from: "no-reply@acme.test",
      ...(retry ? { retry } : {}),
    });
  }

  it("a 550 refusal of the message fails at once, without the link the server echoed", async () => {
    sink = await startSmtpSink({ refuseData: echoing(550) });
    // The raw nodemailer error does carry the echoed link: this is what the mailer must not pass on.
    const raw: unknown = await sink.transport
      .sendMail({ from: "a@b.test", to: "c@d.test", text: LINK })
      .catch((e) => e);
    expect((raw as Error).message).to.include(TOKEN);
    const before = sink.attempts;

    const error = await failure(
      mailerFor(sink, { attempts: 3, baseDelayMs: 1 }).sendPasswordReset(resetMessage()),
    );
    expect(sink.attempts - before).to.equal(1);
    expect(error.responseCode).to.equal(550);
    expect(error.code).to.equal("EMESSAGE");
    expect(error.attempts).to.equal(1);
    expect(error.transient).to.equal(false);
    expect(error.message).to.equal(
      "express-password-reset: sending the password reset email failed (SMTP 550, EMESSAGE) after 1 attempt",
    );
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    expect(everything).not.to.include(TOKEN);
    expect(error).not.to.have.property("cause");
    expect(error).not.to.have.property("response");
  });

  it("a 550 refusal of the recipient fails at once too", async () => {
    let rcptAttempts = 0;
    sink = await startSmtpSink({
      refuseRecipient: () => {
        rcptAttempts += 1;
        return { responseCode: 550, message: "No such user" };
      },
    });
    const error = await failure(
      mailerFor(sink, { attempts: 3, baseDelayMs: 1 }).sendPasswordReset(resetMessage()),
    );
    expect(rcptAttempts).to.equal(1);
    expect(error.responseCode).to.equal(550);
    expect(error.code).to.equal("EENVELOPE");
    expect(error.command).to.equal("RCPT TO");
  });

  it("a 451 is retried and the message is delivered on the third attempt", async () => {
    sink = await startSmtpSink({
      refuseData: (attempt) => (attempt < 3 ? { responseCode: 451, message: "Try again later" } : undefined),
    });
    await mailerFor(sink, { attempts: 3, baseDelayMs: 1 }).sendPasswordReset(resetMessage());
    expect(sink.attempts).to.equal(3);
    expect(sink.received).to.have.length(1);
    expect(sink.received[0]?.parsed.text).to.include(LINK);
  });

  it("waits longer before each retry (exponential back-off)", async () => {
    const at: number[] = [];
    sink = await startSmtpSink({
      refuseData: (attempt) => {
        at.push(performance.now());
        return attempt < 3 ? { responseCode: 451, message: "Try again later" } : undefined;
      },
    });
    await mailerFor(sink, { attempts: 3, baseDelayMs: 40 }).sendPasswordReset(resetMessage());
    const [first = 0, second = 0, third = 0] = at;
    expect(second - first).to.be.at.least(40);
    expect(third - second).to.be.at.least(80);
  });

  it("stops after the attempts allowed and reports a transient failure without the link", async () => {
    sink = await startSmtpSink({ refuseData: echoing(451) });
    const error = await failure(
      mailerFor(sink, { attempts: 2, baseDelayMs: 1 }).sendPasswordReset(resetMessage()),
    );
    expect(sink.attempts).to.equal(2);
    expect(error.responseCode).to.equal(451);
    expect(error.attempts).to.equal(2);
    expect(error.transient).to.equal(true);
    expect(error.message).not.to.include(TOKEN);
  });

  it("does not retry by default", async () => {
    sink = await startSmtpSink({ refuseData: () => ({ responseCode: 451, message: "Try again later" }) });
    const error = await failure(mailerFor(sink).sendPasswordReset(resetMessage()));
    expect(sink.attempts).to.equal(1);
    expect(error.attempts).to.equal(1);
  });

  it("retries a refused connection, then fails with a safe error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const real = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
    let calls = 0;
    const mailer = createNodemailerMailer({
      transport: { sendMail: (mail) => (calls++, real.sendMail(mail)) },
      from: "no-reply@acme.test",
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    const error = await failure(
      mailer.sendPasswordChanged({ to: "ada@example.test", user: { id: "u1" }, changedAt: new Date() }),
    );
    expect(calls).to.equal(2);
    expect(error.transient).to.equal(true);
    expect(error.code).to.be.oneOf(["ESOCKET", "ECONNECTION", "ECONNREFUSED"]);
    expect(error.message).to.match(
      /^express-password-reset: sending the password-changed notice failed \(E[A-Z]+\) after 2 attempts$/,
    );
  });
});

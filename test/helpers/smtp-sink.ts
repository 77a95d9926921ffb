// A real SMTP server on loopback for the nodemailer tests: it keeps every message it accepts
// (parsed with mailparser) and can refuse messages with a chosen SMTP reply.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer, { type Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";

/** One message the server accepted. */
export interface ReceivedMail {
  /** The message as sent over the wire. */
  raw: string;
  /** The message parsed by mailparser. */
  parsed: ParsedMail;
  /** RCPT TO addresses of the SMTP envelope. */
  recipients: string[];
}

/** A refusal: the reply code and the text the server answers with. */
export interface Refusal {
  responseCode: number;
  message: string;
}

export interface SmtpSink {
  port: number;
  /** Messages accepted, oldest first. */
  received: ReceivedMail[];
  /** DATA transactions seen, accepted or refused. */
  attempts: number;
  /** A nodemailer SMTP transport pointed at this server. */
  transport: Transporter;
  /** Resolves with the next accepted message (or the oldest one not taken yet). */
  next(): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface SinkOptions {
  /**
   * Asked after each message's data arrives and is parsed (attempt 1 for the first); a refusal
   * makes the server answer it instead of accepting.
   */
  refuseData?: (attempt: number, message: ParsedMail) => Refusal | undefined;
  /** Asked at each RCPT TO; a refusal rejects that recipient. */
  refuseRecipient?: (address: string) => Refusal | undefined;
}

function smtpError(refusal: Refusal): Error {
  return Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode });
}

/** Starts the server on a random loopback port. */
export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiting: ((mail: ReceivedMail) => void)[] = [];
  let taken = 0;
  let attempts = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 500,
    // No reverse DNS of 127.0.0.1: it only slows each connection down.
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuseRecipient?.(address.address);
      callback(refusal ? smtpError(refusal) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const attempt = (attempts += 1);
        const raw = Buffer.concat(chunks).toString("utf8");
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        simpleParser(raw).then(
          (parsed) => {
            const refusal = options.refuseData?.(attempt, parsed);
            if (refusal) {
              callback(smtpError(refusal));
              return;
            }
            const mail = { raw, parsed, recipients };
            received.push(mail);
            const waiter = waiting.shift();
            if (waiter) {
              taken += 1;
              waiter(mail);
            }
            callback(null);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });

  return {
    port,
    received,
    get attempts() {
      return attempts;
    },
    transport,
    next() {
      const ready = received[taken];
      if (ready) {
        taken += 1;
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      transport.close();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

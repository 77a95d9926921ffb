// The mail transport: SMTP from the environment (`SMTP_URL`), or, when none is set, nodemailer's
// jsonTransport, which builds each message exactly as it would be sent and the example prints it,
// so the example runs with no mail server.
import nodemailer from "nodemailer";
import type { MailTransport } from "../../lib/nodemailer.js";

/** A transport the mailer sends through, and how to check and close it. */
export interface ExampleTransport {
  transport: MailTransport;
  /** Connects and greets the server: fails at startup rather than on the first reset. */
  verify(): Promise<void>;
  close(): void;
}

/** SMTP when `smtpUrl` is given; otherwise printed messages through `print`. */
export function createTransport(
  smtpUrl: string | undefined,
  print: (text: string) => void,
): ExampleTransport {
  if (smtpUrl !== undefined) {
    // `smtp://` upgrades with STARTTLS when the server offers it; `smtps://` is TLS from the start.
    const smtp = nodemailer.createTransport(smtpUrl);
    return {
      transport: smtp,
      verify: async () => {
        await smtp.verify();
      },
      close: () => smtp.close(),
    };
  }
  const json = nodemailer.createTransport({ jsonTransport: true });
  return {
    transport: {
      async sendMail(mail) {
        const info = await json.sendMail(mail);
        print(`[mail] to ${mail.to.address}: ${mail.subject}\n${mail.text}`);
        return info;
      },
    },
    verify: async () => {},
    close: () => json.close(),
  };
}

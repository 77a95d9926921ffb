/**
 * Development senders that print reset links and codes instead of delivering them.
 * They warn once when `NODE_ENV` is `production`, where printing secrets to a log is a leak.
 */
import type {
  Logger,
  Mailer,
  PasswordChangedMessage,
  PasswordResetCodeSms,
  PasswordResetMessage,
  SmsSender,
} from "./types.js";

/** Options of the console senders. */
export interface ConsoleSenderOptions {
  /** Where lines go. [console] */
  logger?: Pick<Logger, "warn"> & {
    /** Where the links and codes are printed; `console.log` when absent. */
    info?(message: string): void;
  };
}

function warnOnceInProduction(logger: Pick<Logger, "warn">, what: string): () => void {
  let warned = false;
  return () => {
    if (warned || process.env.NODE_ENV !== "production") return;
    warned = true;
    logger.warn(
      `express-password-reset: ${what} prints reset secrets to the log; do not use it in production.`,
    );
  };
}

function printer(options: ConsoleSenderOptions): (line: string) => void {
  const logger = options.logger;
  if (logger?.info) return (line) => logger.info?.(line);
  return (line) => console.log(line);
}

/** A {@link Mailer} that prints each message (with its link or code) to the console. */
export class ConsoleMailer implements Mailer {
  readonly #print: (line: string) => void;
  readonly #warn: () => void;

  /** Creates a mailer printing through `options.logger.info`, or `console.log`. */
  constructor(options: ConsoleSenderOptions = {}) {
    this.#print = printer(options);
    this.#warn = warnOnceInProduction(options.logger ?? console, "ConsoleMailer");
  }

  /** Prints the reset link, code, or both. */
  async sendPasswordReset(message: PasswordResetMessage): Promise<void> {
    this.#warn();
    const secret = [
      message.link !== undefined ? `link: ${message.link}` : "",
      message.code !== undefined || message.link === undefined ? `code: ${message.code ?? ""}` : "",
    ]
      .filter((part) => part !== "")
      .join(", ");
    this.#print(`[password reset] to ${message.to}, ${secret} (expires ${message.expiresAt.toISOString()})`);
  }

  /** Prints the password-changed notice, with its "this wasn't me" link when it has one. */
  async sendPasswordChanged(message: PasswordChangedMessage): Promise<void> {
    this.#print(
      `[password changed] to ${message.to} at ${message.changedAt.toISOString()}${reportPart(message)}`,
    );
  }
}

/** The notice's report link as the console senders print it, or nothing. */
function reportPart(message: PasswordChangedMessage): string {
  return message.reportLink !== undefined ? `, not you? ${message.reportLink}` : "";
}

/** An {@link SmsSender} that prints each code to the console. */
export class ConsoleSmsSender implements SmsSender {
  readonly #print: (line: string) => void;
  readonly #warn: () => void;

  /** Creates a sender printing through `options.logger.info`, or `console.log`. */
  constructor(options: ConsoleSenderOptions = {}) {
    this.#print = printer(options);
    this.#warn = warnOnceInProduction(options.logger ?? console, "ConsoleSmsSender");
  }

  /** Prints the reset code. */
  async sendPasswordResetCode(message: PasswordResetCodeSms): Promise<void> {
    this.#warn();
    this.#print(
      `[password reset sms] to ${message.to}, code: ${message.code} (expires ${message.expiresAt.toISOString()})`,
    );
  }

  /** Prints the password-changed notice sent by SMS, with its "this wasn't me" link when it has one. */
  async sendPasswordChanged(message: PasswordChangedMessage): Promise<void> {
    this.#print(
      `[password changed sms] to ${message.to} at ${message.changedAt.toISOString()}${reportPart(message)}`,
    );
  }
}

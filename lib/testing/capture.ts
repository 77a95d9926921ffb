/**
 * Capturing senders for users' own tests: they keep every message in memory instead of sending
 * it, so a test can read the link or code and carry on the flow.
 */
import type {
  Mailer,
  PasswordChangedMessage,
  PasswordResetCodeSms,
  PasswordResetMessage,
  SmsSender,
} from "../types.js";

/** A {@link Mailer} that records messages. */
export class CapturingMailer implements Mailer {
  /** Every reset message sent, oldest first. */
  readonly resets: PasswordResetMessage[] = [];
  /** Every password-changed notice sent, oldest first. */
  readonly notices: PasswordChangedMessage[] = [];

  /** Records the reset message. */
  async sendPasswordReset(message: PasswordResetMessage): Promise<void> {
    this.resets.push(message);
  }

  /** Records the notice. */
  async sendPasswordChanged(message: PasswordChangedMessage): Promise<void> {
    this.notices.push(message);
  }

  /** The newest reset message, or `undefined`. */
  get last(): PasswordResetMessage | undefined {
    return this.resets.at(-1);
  }

  /** The `token` query parameter of the newest link, or `undefined`. */
  lastToken(): string | undefined {
    const link = this.last?.link;
    return link ? (new URL(link).searchParams.get("token") ?? undefined) : undefined;
  }

  /** Forgets every recorded message. */
  clear(): void {
    this.resets.length = 0;
    this.notices.length = 0;
  }
}

/** An {@link SmsSender} that records messages. */
export class CapturingSmsSender implements SmsSender {
  /** Every code sent, oldest first. */
  readonly messages: PasswordResetCodeSms[] = [];
  /** Every password-changed notice sent by SMS, oldest first. */
  readonly notices: PasswordChangedMessage[] = [];

  /** Records the code. */
  async sendPasswordResetCode(message: PasswordResetCodeSms): Promise<void> {
    this.messages.push(message);
  }

  /** Records the notice. */
  async sendPasswordChanged(message: PasswordChangedMessage): Promise<void> {
    this.notices.push(message);
  }

  /** The newest message, or `undefined`. */
  get last(): PasswordResetCodeSms | undefined {
    return this.messages.at(-1);
  }

  /** Forgets every recorded message. */
  clear(): void {
    this.messages.length = 0;
    this.notices.length = 0;
  }
}

/**
 * Capturing senders for users' own tests: they keep every message in memory instead of sending
 * it, so a test can read the link or code and carry on the flow.
 */
import type {
  Mailer,
  PasswordChangedMessage,
  PasswordResetCodeSms,
  PasswordResetMessage,
  ResetUser,
  SmsSender,
} from "../types.js";

/**
 * A {@link Mailer} that records messages. `User` is the app's user row type, so a test reads the
 * row's own fields from `last.user` (`new CapturingMailer<AccountRow>()`).
 */
export class CapturingMailer<User extends ResetUser = ResetUser> implements Mailer<User> {
  /** Every reset message sent, oldest first. */
  readonly resets: PasswordResetMessage<User>[] = [];
  /** Every password-changed notice sent, oldest first. */
  readonly notices: PasswordChangedMessage<User>[] = [];

  /** Records the reset message. */
  async sendPasswordReset(message: PasswordResetMessage<User>): Promise<void> {
    this.resets.push(message);
  }

  /** Records the notice. */
  async sendPasswordChanged(message: PasswordChangedMessage<User>): Promise<void> {
    this.notices.push(message);
  }

  /** The newest reset message, or `undefined`. */
  get last(): PasswordResetMessage<User> | undefined {
    return this.resets.at(-1);
  }

  /** The `token` query parameter of the newest link, or `undefined`. */
  lastToken(): string | undefined {
    const link = this.last?.link;
    return link ? (new URL(link).searchParams.get("token") ?? undefined) : undefined;
  }

  /** The `token` query parameter of the newest notice's report link ("this wasn't me"), or `undefined`. */
  lastReportToken(): string | undefined {
    const link = this.notices.at(-1)?.reportLink;
    return link ? (new URL(link).searchParams.get("token") ?? undefined) : undefined;
  }

  /** Forgets every recorded message. */
  clear(): void {
    this.resets.length = 0;
    this.notices.length = 0;
  }
}

/** An {@link SmsSender} that records messages; `User` as for {@link CapturingMailer}. */
export class CapturingSmsSender<User extends ResetUser = ResetUser> implements SmsSender<User> {
  /** Every code sent, oldest first. */
  readonly messages: PasswordResetCodeSms<User>[] = [];
  /** Every password-changed notice sent by SMS, oldest first. */
  readonly notices: PasswordChangedMessage<User>[] = [];

  /** Records the code. */
  async sendPasswordResetCode(message: PasswordResetCodeSms<User>): Promise<void> {
    this.messages.push(message);
  }

  /** Records the notice. */
  async sendPasswordChanged(message: PasswordChangedMessage<User>): Promise<void> {
    this.notices.push(message);
  }

  /** The newest message, or `undefined`. */
  get last(): PasswordResetCodeSms<User> | undefined {
    return this.messages.at(-1);
  }

  /** The `token` query parameter of the newest notice's report link ("this wasn't me"), or `undefined`. */
  lastReportToken(): string | undefined {
    const link = this.notices.at(-1)?.reportLink;
    return link ? (new URL(link).searchParams.get("token") ?? undefined) : undefined;
  }

  /** Forgets every recorded message. */
  clear(): void {
    this.messages.length = 0;
    this.notices.length = 0;
  }
}

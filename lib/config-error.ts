/**
 * The configuration error every option check throws. It has a file of its own, importing nothing,
 * so a feature that checks its own options (the hosted pages) can throw it without reaching the
 * public types, which import that feature's options: no import circle.
 */

/** Thrown by `createPasswordResetRouter` when an option is missing or wrong. */
export class PasswordResetConfigError extends TypeError {
  /** The option at fault, e.g. `users.findUser`. */
  readonly option: string;

  /** `message` says what is wrong and how to fix it. */
  constructor(option: string, message: string) {
    super(`express-password-reset: \`${option}\` ${message}`);
    this.name = "PasswordResetConfigError";
    this.option = option;
  }
}

/**
 * The new-password policy: length in characters, a byte limit that is refused rather than
 * silently truncated (bcrypt reads only 72 bytes), and the app's own rule, whose message wins.
 */
import { validationError } from "./errors.js";
import type { PasswordSettings } from "./settings/settings.js";

/** Refuses a password shorter than `minLength` characters or longer than `maxBytes` UTF-8 bytes. */
export function checkPasswordLength(password: string, policy: PasswordSettings, field: string): void {
  if ([...password].length < policy.minLength) {
    throw validationError([
      { field, message: `${field} must be at least ${policy.minLength} characters long` },
    ]);
  }
  if (Buffer.byteLength(password, "utf8") > policy.maxBytes) {
    throw validationError([{ field, message: `${field} must be at most ${policy.maxBytes} bytes long` }]);
  }
}

/** Refuses the password when the app's `password.validate` rule returned a message. */
export function refuseByRule(problem: string | void | undefined): void {
  if (typeof problem === "string" && problem !== "") {
    throw validationError([{ field: "password", message: problem }]);
  }
}

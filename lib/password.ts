/**
 * The new-password policy: length in characters, a byte limit that is refused rather than
 * silently truncated (bcrypt reads only 72 bytes), the confirmation, and the app's own rule.
 */
import { fieldReader, stringField } from "./input.js";
import { validationError } from "./errors.js";
import type { ResolvedConfig } from "./options.js";

// Generous cap on characters before the byte check, so a huge string is refused cheaply.
const MAX_PASSWORD_CHARACTERS = 1024;

const readPasswordFields = fieldReader<{
  password: string;
  passwordConfirm: string;
  confirmPassword: string;
}>({
  password: stringField(MAX_PASSWORD_CHARACTERS).required(),
  passwordConfirm: stringField(MAX_PASSWORD_CHARACTERS),
  confirmPassword: stringField(MAX_PASSWORD_CHARACTERS),
});

/** Reads `password` and its confirmation (`passwordConfirm`, alias `confirmPassword`) and checks the policy. */
export function readNewPassword(body: Record<string, unknown>, policy: ResolvedConfig["password"]): string {
  const fields = readPasswordFields(body);
  const password = fields.password as string;
  if ([...password].length < policy.minLength) {
    throw validationError([
      { field: "password", message: `password must be at least ${policy.minLength} characters long` },
    ]);
  }
  if (Buffer.byteLength(password, "utf8") > policy.maxBytes) {
    throw validationError([
      { field: "password", message: `password must be at most ${policy.maxBytes} bytes long` },
    ]);
  }
  const { passwordConfirm, confirmPassword } = fields;
  if (passwordConfirm !== undefined && confirmPassword !== undefined && passwordConfirm !== confirmPassword) {
    throw validationError([
      { field: "confirmPassword", message: "passwordConfirm and confirmPassword differ" },
    ]);
  }
  const confirmation = passwordConfirm ?? confirmPassword;
  const confirmField = passwordConfirm !== undefined ? "passwordConfirm" : "confirmPassword";
  if (confirmation === undefined && policy.requireConfirmation) {
    throw validationError([{ field: "passwordConfirm", message: "passwordConfirm is required" }]);
  }
  if (confirmation !== undefined && confirmation !== password) {
    throw validationError([{ field: confirmField, message: `${confirmField} does not match password` }]);
  }
  return password;
}

/** Refuses the password when the app's `password.validate` rule returned a message. */
export function refuseByRule(problem: string | void | undefined): void {
  if (typeof problem === "string" && problem !== "") {
    throw validationError([{ field: "password", message: problem }]);
  }
}

/** The password policy and hashing helpers (NIST SP 800-63B, ASVS 5.0 V6.2). */
export { createPasswordChecks } from "./checks.js";
export { checkPassword } from "./check-password.js";
export { haveIBeenPwned } from "./hibp.js";
export { bcryptHasher } from "./bcrypt.js";
export { scryptHasher } from "./scrypt.js";
export { argon2Hasher } from "./argon2.js";
export { hashPassword, needsRehash, verifyPassword } from "./hashing.js";
export { PASSWORD_POLICY_MESSAGES } from "./messages.js";
export type * from "./types.js";

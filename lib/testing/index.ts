/** express-password-reset/testing: helpers for users' own tests. */
export { CapturingMailer, CapturingSmsSender } from "./capture.js";

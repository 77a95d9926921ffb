/** express-password-reset/testing: helpers for users' own tests. */
export { CapturingMailer, CapturingSmsSender } from "./capture.js";
export { describeTokenStoreContract } from "./contract.js";
export type { TokenStoreContractOptions, TokenStoreContractSubject } from "./contract.js";
export {
  checkEnumeration,
  type EnumerationBody,
  type EnumerationCheckOptions,
  type EnumerationReport,
} from "./enumeration.js";

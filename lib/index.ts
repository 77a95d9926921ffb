/** express-password-reset: a complete, secure forgot/reset-password API for Express. */
export { createPasswordResetRouter } from "./router.js";
export { MemoryTokenStore, type MemoryTokenStoreOptions } from "./stores/memory.js";
export { ConsoleMailer, ConsoleSmsSender, type ConsoleSenderOptions } from "./console.js";
export { PasswordResetConfigError, ERROR_TABLE } from "./errors.js";
export { normalizeIdentifier } from "./requests/identifiers.js";
export type * from "./types.js";
export type * from "./openapi/types.js";
export { IDENTIFIER_TYPES, RATE_LIMIT_NAMES, REQUEST_FIELDS, ROUTE_NAMES } from "./vocabulary.js";
export {
  argon2Hasher,
  bcryptHasher,
  checkPassword,
  hashPassword,
  haveIBeenPwned,
  needsRehash,
  scryptHasher,
  verifyPassword,
} from "./policy/index.js";
export type * from "./policy/types.js";
export type {
  PagesOptions,
  Messages,
  MessageKey,
  TextDirection,
  Page,
  PageName,
  PageContext,
  PageError,
  PageField,
  PageRenderer,
  RenderPageFunction,
  RenderPageInput,
  RenderHelpers,
  ChallengeWidget,
  ChallengeOptions,
  ChallengeCheckInput,
  CspSources,
  LogoSource,
  LogoType,
  ForgotPage,
  SentPage,
  ResetPage,
  CodePage,
  SuccessPage,
  InvalidPage,
  ReportPage,
  ReportedPage,
  LocaleCatalog,
} from "./pages/index.js";

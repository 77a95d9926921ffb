/**
 * The public types of express-password-reset, one file per option group under `types/`:
 * everything a user types against is re-exported here.
 */
export type * from "./types/adapters.js";
export type * from "./types/accounts.js";
export type * from "./types/delivery.js";
export type * from "./types/codes.js";
export type * from "./types/password.js";
export type * from "./types/rate-limit.js";
export type * from "./types/http.js";
export type * from "./types/hooks.js";
export type * from "./types/advanced.js";
export type * from "./types/options.js";
export type * from "./types/deprecated.js";
export type * from "./types/router.js";

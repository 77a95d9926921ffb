/**
 * `PasswordResetOptions`: at most 16 top-level keys — four adapters, three core values and nine
 * feature groups — so everything about one feature is found in one place, and a new option has an
 * obvious home. The 0.2 flat spellings live on in {@link DeprecatedOptions}.
 */
import type { PagesOptions } from "../pages/index.js";
import type { AccountsOptions } from "./accounts.js";
import type { AdvancedOptions } from "./advanced.js";
import type { Mailer, ResetUser, SmsSender, TokenStore, UserAdapter } from "./adapters.js";
import type { CodesOptions } from "./codes.js";
import type { DeliveryOptions, ResetUrlContext } from "./delivery.js";
import type { DeprecatedOptions } from "./deprecated.js";
import type { HooksOptions } from "./hooks.js";
import type { HttpOptions } from "./http.js";
import type { PasswordPolicy } from "./password.js";
import type { RateLimitOptions } from "./rate-limit.js";

/**
 * Options of {@link createPasswordResetRouter}. `undefined` always means "use the default"; the
 * object is read, never changed. `User` is the app's user row type, inferred from `users`: it
 * reaches the mailer, the SMS sender, a `resetUrl` function and every hook.
 */
export interface PasswordResetOptions<User extends ResetUser = ResetUser> extends DeprecatedOptions<User> {
  /** The app's user table. Required. */
  users: UserAdapter<User>;
  /** Sends reset mail; required when email delivery is possible. [none] */
  mailer?: Mailer<NoInfer<User>>;
  /** Sends reset codes by SMS; required when `accounts.identifiers` includes `mobile`. [none] */
  sms?: SmsSender<NoInfer<User>>;
  /** Where grants live. [a {@link MemoryTokenStore} of the router's own] */
  tokenStore?: TokenStore;
  /**
   * The page the emailed link opens. A string gets `?token=…` (and `redirect=…`) appended; a
   * function returns the whole link, or a Promise of it (awaited within
   * `advanced.adapterTimeoutSeconds`). Never built from the request's Host header. Required when
   * the router can mail links. [none]
   */
  resetUrl?: string | ((context: ResetUrlContext<NoInfer<User>>) => string | Promise<string>);
  /**
   * Key for reset sessions (HS256), code hashes and counter names, at least 32 bytes, the same on
   * every instance. A list, newest first, rotates keys: the first signs and hashes, every one
   * verifies, so outstanding codes and sessions survive the roll. Required with
   * `NODE_ENV=production` and any `tokenStore` but a `MemoryTokenStore` (a
   * `PasswordResetConfigError` otherwise). [random per process, warned in production]
   */
  secret?: string | string[];
  /** The app's name: shown on the hosted pages, and refused as part of a new password. [none] */
  appName?: string;
  /** Which identifiers find an account, and what `forgot` reveals. */
  accounts?: AccountsOptions<NoInfer<User>>;
  /** Link or code by email, link lifetime, redirect origins, SMS countries. */
  delivery?: DeliveryOptions<NoInfer<User>>;
  /** Code lifetime, length, guess budget, request tokens. */
  codes?: CodesOptions;
  /** The new-password policy and the hasher. */
  password?: PasswordPolicy<NoInfer<User>>;
  /** Rate limits and how clients are grouped, or `false` to turn every limit off. */
  rateLimit?: RateLimitOptions | false;
  /** Paths, field names, request and response shapes, body limits, reset sessions. */
  http?: HttpOptions;
  /** `afterReset` and `onEvent`: what the router tells the app. */
  hooks?: HooksOptions<NoInfer<User>>;
  /**
   * Hosted pages: `GET` on `http.paths.forgot` and `http.paths.reset` answer HTML forms (translated, no
   * script, strict CSP, CSRF-protected), and a browser's form post gets a page back
   * (post/redirect/get); JSON clients get the envelope as before. Needs `resetUrl` as a string
   * naming the hosted reset page: public origin + mount path + `http.paths.reset`. `true` takes every
   * default; an object sets {@link PagesOptions}. [false]
   */
  pages?: boolean | PagesOptions;
  /** Logger, clock and adapter time limit. */
  advanced?: AdvancedOptions;
}

/** The `delivery` option group: how a reset reaches the user — by link or code, for how long, where to. */
import type { ResetUser } from "./adapters.js";

/** What a `resetUrl` function receives. */
export interface ResetUrlContext<User extends ResetUser = ResetUser> {
  /** The link token to put in the URL. */
  token: string;
  /** The user the link is for, as `findUser` returned it. */
  user: User;
  /** The allowed redirect URL of the request, if any. */
  redirectUrl?: string;
  /**
   * The request's tenant (`accounts.tenant`), absent without tenants: pick the tenant's own base
   * URL from your configuration, never from the request's Host.
   */
  tenant?: string;
}

/** What a `delivery.reportUrl` function receives. */
export interface ReportUrlContext<User extends ResetUser = ResetUser> {
  /** The report token to put in the URL (send it back as `{ token }` to the `report` route). */
  token: string;
  /** The user whose password changed, as `findUser` returned it. */
  user: User;
  /** The tenant of the reset (`accounts.tenant`), absent without tenants. */
  tenant?: string;
}

/** What a `delivery.allowedRedirectOrigins` function receives. */
export interface RedirectOriginsContext {
  /** The request's tenant (`accounts.tenant`), absent without tenants or without one named. */
  tenant?: string;
}

/**
 * The origins a tenant's redirects may go to, as a `delivery.allowedRedirectOrigins` function
 * answers them: bare origins, or `undefined` for none. Sync or async, bounded like any hook.
 */
export type RedirectOriginsFunction = (
  context: RedirectOriginsContext,
) => readonly string[] | undefined | Promise<readonly string[] | undefined>;

/** `delivery`: how a reset reaches the user. Mobile numbers always get a code, by SMS. */
export interface DeliveryOptions<User extends ResetUser = ResetUser> {
  /**
   * What an email carries: a link to `resetUrl`, a code, or both (`"link+code"`: the link for the
   * browser that opens the mail, the code for another device, typed with the identifier). Both are
   * one grant: using either spends the other, and both stop working at the same time, the sooner
   * of `delivery.linkTtlSeconds` and `codes.ttlSeconds`. `"link+code"` needs a `tokenStore` with
   * `linkAndCode` (every built-in store has it). [`"link"`]
   */
  email?: "link" | "code" | "link+code";
  /** Lifetime of an emailed link, in seconds, from 60 to 604800 (7 days). [3600] */
  linkTtlSeconds?: number;
  /**
   * Exact origins (`https://app.example.com`) a request's `redirectUrl` may point to; any other
   * redirect is refused. With tenants (`accounts.tenant`), a function of `{ tenant }` answering the
   * tenant's own list (or `undefined` for none): a redirect one tenant allows is then refused in
   * another. It is asked only for a request that carries a redirect, never for a malformed tenant;
   * an answer that is not a list of bare origins refuses the redirect and is logged once.
   * [none: every redirectUrl is refused]
   */
  allowedRedirectOrigins?: string[] | RedirectOriginsFunction;
  /**
   * Country calling-code prefixes SMS may go to, e.g. `["+1", "+44"]`; a code for a number elsewhere
   * is not sent (a `delivery.failed` event, `reason: "sms_country"`). [every country]
   */
  smsCountries?: string[];
  /**
   * The app's "this wasn't me" page, for the report link of password-changed notices when `pages`
   * is off (with pages on, the hosted page at `http.paths.report` is used). A string gets
   * `?token=`; a function returns the whole link (or a Promise of it). The page shows a confirm
   * button and `POST`s `{ token }` to the `report` route; a `GET` must change nothing. Without
   * either, notices carry no report link (a warning is logged once). [none]
   */
  reportUrl?: string | ((context: ReportUrlContext<User>) => string | Promise<string>);
}

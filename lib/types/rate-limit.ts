/** The `rateLimit` option group: fixed-window limits on the token store's own counter. */
import type { RATE_LIMIT_NAMES } from "../vocabulary.js";

/** A rate limit: `points` requests per `durationSeconds`. */
export interface RateLimitRule {
  /** Requests allowed per window. */
  points: number;
  /** Window length in seconds. */
  durationSeconds: number;
}

/** The names of the router's rate limits. */
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

/** `rateLimit`: each limit may be `false` to turn it off; `rateLimit: false` turns them all off. */
export interface RateLimitOptions {
  /** `POST /forgot` per normalised identifier, and deliveries per account. [3 per 900 s] */
  forgotPerIdentifier?: RateLimitRule | false;
  /** `POST /forgot` per client network (`req.ip`). [20 per 900 s] */
  forgotPerIp?: RateLimitRule | false;
  /** `POST /verify`, `/reset`, `/check` and `/report` together, per client network. [20 per 900 s] */
  verifyResetPerIp?: RateLimitRule | false;
  /**
   * Reset codes sent by SMS, all accounts together, so nobody can pump SMS to registered numbers at
   * your expense faster than this; refusals are `rate_limited` events (`reason: "sms_budget"`). [1000 per 3600 s]
   */
  smsPerWindow?: RateLimitRule | false;
  /**
   * How per-IP limits and code guess budgets group IPv6 clients: by this prefix length (16 to 128),
   * since one subscriber holds a whole /56 or /64. IPv4-mapped IPv6 addresses always count as IPv4.
   * [56]
   */
  ipv6Subnet?: number;
}

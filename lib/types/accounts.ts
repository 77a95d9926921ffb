/** The `accounts` option group: which identifiers find an account, and what `forgot` reveals. */
import type { IdentifierType } from "./adapters.js";

/** What {@link AccountsOptions.normalizeIdentifier} receives: an identifier as the client sent it. */
export interface RawIdentifier {
  /** Which kind of identifier it is. */
  type: IdentifierType;
  /** The value as sent, not yet trimmed or normalised. */
  value: string;
}

/** `accounts`: how a request names an account. */
export interface AccountsOptions {
  /** Identifier types accepted: any of `"email"`, `"mobile"`, `"username"`. [`["email"]`] */
  identifiers?: IdentifierType[];
  /**
   * Replaces the contract's normalisation (trim; NFKC + lower case for email and username; `+` and
   * digits for mobile), e.g. to turn national phone numbers into E.164 with a default country. The
   * result is still checked (a mobile must come out as `+` and 7 to 15 digits). The default is
   * exported as `normalizeIdentifier({ type, value })`, to wrap. [the contract's]
   */
  normalizeIdentifier?: (identifier: RawIdentifier) => string;
  /**
   * Answer `forgot` for an unknown account with `NOT_FOUND` (and a failed delivery with
   * `OPERATION_FAILED`) synchronously. Reveals which accounts exist. [false]
   */
  revealUnknown?: boolean;
  /**
   * Tells apart routers that share a `secret` and a token store (say a customer and a staff
   * router): links, codes and reset sessions of one are refused by the other, and one's `forgot`
   * and `revokeUser` leave the other's alone. Routers with different secrets are told apart
   * already. Instances of one app use the same value. 1 to 64 characters: letters, digits, `.`,
   * `_`, `-`. [`"default"`]
   */
  namespace?: string;
  // Reserved for issue 24: `tenant({ req })`, `secondFactor`.
}

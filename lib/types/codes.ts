/** The `codes` option group: the numeric codes sent by SMS (and by email with `delivery.email: "code"` or `"link+code"`). */

/** `codes`: how codes look, live and are guessed. */
export interface CodesOptions {
  /** Lifetime of a code, in seconds, from 30 to 86400; also the window of the guess budget. [900] */
  ttlSeconds?: number;
  /** Digits in a code, from 4 to 12. [6] */
  length?: number;
  /**
   * Wrong guesses per identifier and client network per window before that network is refused; all
   * networks together get 4× this before the code dies for everyone. From 1 to 100. [5]
   */
  maxAttempts?: number;
  /**
   * Answer forgot with `data.requestToken`: a signed token naming the identifier (not the account,
   * so known and unknown accounts get the same kind of answer). A code may then be presented with
   * it (body `requestToken` or `Authorization: Bearer`) instead of the identifier. [false]
   */
  requestTokens?: boolean;
  /**
   * UNSAFE opt-in for clients that send a code back without any identifier: codes are then looked
   * up by themselves, across all accounts. A guess is then a guess against every outstanding code,
   * so use a long `length` and tight limits; guesses are budgeted per IP. [false]
   */
  withoutIdentifier?: boolean;
}

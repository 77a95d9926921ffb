/**
 * The language of a message to a user: the user row's `locale` when it is a valid BCP 47 tag,
 * else what the `Accept-Language` of the request that caused the message prefers among the
 * languages the sender writes. The row wins because it is what the user chose; the header is
 * only the browser of whoever asked (for a notice, whoever reset the password).
 */
import { canonicalLocale, negotiateLanguage, SHIPPED_LANGUAGES } from "../locale.js";
import type { Scope } from "../scope.js";
import type { ResetUser } from "../types.js";

/** The `locale` of a message to `user` from a sender that writes `locales`; see the module comment. */
export function readerLocale(
  scope: Scope,
  user: ResetUser,
  locales: readonly string[] = SHIPPED_LANGUAGES,
): string | undefined {
  const stored: unknown = (user as { locale?: unknown }).locale;
  if (stored !== undefined && stored !== null && stored !== "") {
    const tag = canonicalLocale(stored);
    if (tag !== undefined) return tag;
    // A bad value in the user table is the app's to fix; the message falls back to the header.
    scope.runtime.events.warnOnce(
      "user-locale",
      () =>
        'a user record\'s `locale` is not a BCP 47 language tag (such as "fr" or "pt-BR"), so the ' +
        "request's Accept-Language chose the message's language: store tags in that column.",
    );
  }
  return negotiateLanguage(scope.client.acceptLanguage, locales);
}

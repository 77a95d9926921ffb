/**
 * The account a reset page names, masked: enough for its owner to recognise it (and for a visitor
 * sent to someone else's link to see it is not theirs), not enough to read an address off a
 * screen or a screenshot. The page shows it only once the link's token was proven.
 */
import type { IdentifierType } from "./types.js";

/** The mask: one character for every hidden run. */
const HIDDEN = "•••";

/**
 * `a•••@example.com` for an email (the local part's first character, the domain whole),
 * `+•••••••••00` for a number (its last two digits), `a•••e` for a username (its first and last
 * character; only the first for a name under four characters).
 */
export function maskAccount(account: { readonly type: IdentifierType; readonly value: string }): string {
  const chars = [...account.value];
  switch (account.type) {
    case "email": {
      const at = account.value.lastIndexOf("@");
      if (at <= 0) return maskName(chars);
      const [first = ""] = account.value.slice(0, at);
      return `${first}${HIDDEN}${account.value.slice(at)}`;
    }
    case "mobile": {
      const digits = account.value.replace(/\D/g, "");
      return `${account.value.startsWith("+") ? "+" : ""}${"•".repeat(Math.max(3, digits.length - 2))}${digits.slice(-2)}`;
    }
    case "username":
      return maskName(chars);
  }
}

function maskName(chars: readonly string[]): string {
  const [first = ""] = chars;
  return chars.length < 4 ? `${first}${HIDDEN}` : `${first}${HIDDEN}${chars.at(-1) ?? ""}`;
}

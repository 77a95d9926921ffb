/** `accounts`: the identifier types accepted, their normalisation, and whether forgot reveals accounts. */
import { PasswordResetConfigError } from "../config-error.js";
import { normalizeIdentifier } from "../requests/identifiers.js";
import type { IdentifierType, RawIdentifier } from "../types.js";
import { IDENTIFIER_TYPES } from "../vocabulary.js";
import { boolean, optionalFunction, suggest } from "./checks.js";
import type { GivenOptions } from "./given.js";
import type { AccountSettings } from "./settings.js";

/** Resolves `accounts`. */
export function resolveAccounts(given: GivenOptions): AccountSettings {
  const [name, normalize] = given.entry("accounts.normalizeIdentifier");
  return {
    identifiers: resolveIdentifiers(...given.entry("accounts.identifiers")),
    normalizeIdentifier:
      optionalFunction(name, normalize as ((identifier: RawIdentifier) => string) | undefined) ??
      ((identifier) => normalizeIdentifier(identifier)),
    revealUnknown: boolean(...given.entry("accounts.revealUnknown"), false),
  };
}

/** `accounts.identifiers` (spelled `name`): a non-empty list of known types [`["email"]`]. */
function resolveIdentifiers(name: string, value: unknown): ReadonlySet<IdentifierType> {
  if (value === undefined) return new Set(["email"]);
  if (!Array.isArray(value) || value.length === 0) {
    throw new PasswordResetConfigError(name, 'must be a non-empty array of "email", "mobile", "username".');
  }
  for (const type of value) {
    if (!(IDENTIFIER_TYPES as readonly unknown[]).includes(type)) {
      // `phone` is a request field (an alias of mobile), not a type: point at the type it means.
      const hint =
        suggest(String(type), ["phone"]) !== ""
          ? ' Did you mean `mobile`? ("phone" is accepted as a request field for it.)'
          : suggest(String(type), IDENTIFIER_TYPES);
      throw new PasswordResetConfigError(
        name,
        `has an unknown type ${JSON.stringify(type)}; use "email", "mobile" or "username".${hint}`,
      );
    }
  }
  return new Set(value as IdentifierType[]);
}

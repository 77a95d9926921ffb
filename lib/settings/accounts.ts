/** `accounts`: the identifier types accepted, their normalisation, and whether forgot reveals accounts. */
import { PasswordResetConfigError } from "../config-error.js";
import { normalizeIdentifier } from "../requests/identifiers.js";
import type { IdentifierType, RawIdentifier, SecondFactorOptions } from "../types.js";
import { IDENTIFIER_TYPES } from "../vocabulary.js";
import { boolean, isObject, optionalFunction, rejectUnknownKeys, suggest } from "./checks.js";
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
    secondFactor: resolveSecondFactor(...given.entry("accounts.secondFactor")),
    namespace: resolveNamespace(...given.entry("accounts.namespace")),
    tenant: optionalFunction(...(given.entry("accounts.tenant") as [string, AccountSettings["tenant"]])),
  };
}

/** `accounts.secondFactor`: `{ required, verify }`, both functions, nothing else. */
function resolveSecondFactor(name: string, value: unknown): SecondFactorOptions | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    throw new PasswordResetConfigError(
      name,
      "must be an object { required({ user }), verify({ user, answer, req }) }.",
    );
  }
  rejectUnknownKeys(`${name}.`, value, ["required", "verify"]);
  for (const key of ["required", "verify"] as const) {
    if (typeof value[key] !== "function") {
      throw new PasswordResetConfigError(
        `${name}.${key}`,
        "must be a function: the second factor needs both `required({ user })` and `verify({ user, answer, req })`.",
      );
    }
  }
  return value as unknown as SecondFactorOptions;
}

const NAMESPACE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * `accounts.namespace` (spelled `name`) [`"default"`]. A short, plain name: it shows in reset
 * sessions' `aud` (`password-reset/<namespace>`), where a `/` or a space would make it ambiguous.
 */
function resolveNamespace(name: string, value: unknown): string {
  if (value === undefined) return "default";
  if (typeof value !== "string" || !NAMESPACE_PATTERN.test(value)) {
    throw new PasswordResetConfigError(
      name,
      `must be 1 to 64 letters, digits, ".", "_" or "-" naming this router among those sharing its \`secret\` and token store, e.g. "customers" or "staff" (got ${typeof value === "string" ? JSON.stringify(value) : typeof value}).`,
    );
  }
  return value;
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

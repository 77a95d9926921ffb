/**
 * The secret a verify or reset request presents: a link token, an identifier (or request token)
 * with a code, or a reset session. A credential in the body wins; the `Authorization: Bearer`
 * header is read only when the body has none, since apps send their own Bearer token everywhere.
 */
import { RequestError, validationError } from "../errors.js";
import { readIdentifier } from "../requests/identifiers.js";
import type { Credential, RequestIdentifier } from "../requests/types.js";
import type { Settings } from "../settings/settings.js";
import type { Realm } from "../realm.js";
import { checkRequestToken } from "../sessions.js";
import { FIELD_MAX_LENGTHS } from "../vocabulary.js";
import { fieldReader, stringField } from "./fields.js";

/** The settings a credential is read with. */
export type CredentialSettings = Pick<Settings, "accounts" | "codes" | "keys" | "advanced">;

const readCredentialFields = fieldReader<{
  token: string;
  code: string;
  resetToken: string;
  requestToken: string;
}>({
  token: stringField(FIELD_MAX_LENGTHS.token),
  code: stringField(FIELD_MAX_LENGTHS.code),
  resetToken: stringField(FIELD_MAX_LENGTHS.resetToken),
  requestToken: stringField(FIELD_MAX_LENGTHS.requestToken),
});

/**
 * Reads the credential of a verify (`allowSession` false) or reset request; `authorization` is the
 * header, `realm` the request's (a request token is read only in the realm that issued it).
 */
export function readCredential(
  settings: CredentialSettings,
  body: Record<string, unknown>,
  sentAs: (field: string) => string,
  { authorization, realm }: { authorization: string | undefined; realm: Realm },
  allowSession: boolean,
): Credential {
  const fields = readCredentialFields(body, sentAs);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  const identifier =
    readIdentifier(
      body,
      settings.accounts.identifiers,
      false,
      settings.accounts.normalizeIdentifier,
      sentAs,
    ) ??
    (fields.code !== undefined
      ? identifierFromRequestToken(settings, realm, fields.requestToken ?? bearer)
      : null);
  const present = (["token", "code", "resetToken"] as const).filter((name) => fields[name] !== undefined);
  if (present.length > 1) {
    throw validationError(
      present.map((field) => ({
        field: sentAs(field),
        message: "send exactly one of token, code or resetToken",
      })),
    );
  }
  if (fields.token !== undefined) return { kind: "link", token: fields.token, identifier };
  if (fields.resetToken !== undefined) {
    if (!allowSession) {
      throw validationError([{ field: sentAs("resetToken"), message: "resetToken is not accepted here" }]);
    }
    return { kind: "session", token: fields.resetToken, identifier };
  }
  if (fields.code !== undefined) {
    const field = sentAs("code");
    if (!identifier && !settings.codes.withoutIdentifier) {
      throw validationError([{ field, message: "a code must come with the identifier it was sent to" }]);
    }
    if (!/^\d{1,12}$/.test(fields.code.trim()))
      throw validationError([{ field, message: "code must be digits" }]);
    return { kind: "code", identifier, code: fields.code.trim() };
  }
  if (allowSession && bearer !== undefined) return { kind: "session", token: bearer, identifier };
  if (identifier) throw validationError([{ field: sentAs("code"), message: "code is required" }]);
  throw validationError([{ field: sentAs("token"), message: "token is required" }]);
}

/** The identifier named by a request token (the `codes.requestTokens` option), or `null`. */
function identifierFromRequestToken(
  settings: CredentialSettings,
  realm: Realm,
  token: string | undefined,
): RequestIdentifier | null {
  if (!settings.codes.requestTokens || token === undefined) return null;
  const identifier = checkRequestToken(realm, token, settings.advanced.now());
  if (!identifier) throw new RequestError("INVALID_TOKEN");
  return { ...identifier, field: "requestToken" };
}

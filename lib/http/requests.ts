/**
 * The readers of the typed requests (`requests/types.ts`), one per route, over a body that has
 * passed the hostile-input check and had its aliases applied: the flows get `{ identifier,
 * redirectUrl }`, `{ credential }` or `{ credential, password }` and never see Express or a raw body.
 */
import { validationError } from "../errors.js";
import { checkPasswordLength } from "../password.js";
import type { Realm } from "../realm.js";
import { readIdentifier } from "../requests/identifiers.js";
import type { RouteRequests } from "../requests/types.js";
import type { PasswordSettings, Settings } from "../settings/settings.js";
import type { RouteName } from "../types.js";
import { FIELD_MAX_LENGTHS } from "../vocabulary.js";
import type { CanonicalBody } from "./aliases.js";
import { readCredential, type CredentialSettings } from "./credential.js";
import { fieldReader, stringField } from "./fields.js";
import { readRedirectUrl } from "./redirect.js";

/** The settings the readers are compiled from. */
export type ReaderSettings = CredentialSettings & Pick<Settings, "delivery" | "password" | "http">;

/** What a request carries besides its body. */
export interface RequestExtras {
  /** The `Authorization` header, if any. */
  authorization: string | undefined;
  /** The request's realm (`Scope.realm`): a request token is read only in the realm that issued it. */
  realm: Realm;
}

/** Readers compiled once per router. */
export interface RequestReaders {
  /** Checks the `fields` option's extra fields of `route` (a no-op when it has none). */
  checkExtraFields(route: RouteName, body: CanonicalBody): void;
  /** Reads the typed request of `route`. */
  read<R extends RouteName>(route: R, body: CanonicalBody, extras: RequestExtras): RouteRequests[R];
}

// Generous cap on characters before the policy's byte check, so a huge string is refused cheaply.
const readPasswordFields = fieldReader<{ password: string; passwordConfirm: string }>({
  password: stringField(FIELD_MAX_LENGTHS.password).required(),
  passwordConfirm: stringField(FIELD_MAX_LENGTHS.passwordConfirm),
});
const readReportToken = fieldReader<{ token: string }>({
  token: stringField(FIELD_MAX_LENGTHS.token).required(),
});
const readOtp = fieldReader<{ otp: string }>({ otp: stringField(FIELD_MAX_LENGTHS.otp) });

/** Compiles the readers of `settings` (joi schemas of the `http.fields` option included). */
export function createRequestReaders(settings: ReaderSettings): RequestReaders {
  const { accounts, delivery, password } = settings;
  const extraFields = Object.fromEntries(
    Object.entries(settings.http.fields).map(([route, schemas]) => [route, fieldReader({ ...schemas })]),
  ) as Partial<Record<RouteName, ReturnType<typeof fieldReader>>>;

  const readers: { [R in RouteName]: (body: CanonicalBody, extras: RequestExtras) => RouteRequests[R] } = {
    forgot: ({ body, sentAs }) => {
      const identifier = readIdentifier(
        body,
        accounts.identifiers,
        true,
        accounts.normalizeIdentifier,
        sentAs,
      );
      if (!identifier) throw validationError([]);
      const origins = delivery.allowedRedirectOrigins;
      const redirectUrl = readRedirectUrl(body, origins, sentAs);
      // A list was checked right here; a tenant's origins are the flow's to ask (tenants.ts).
      return typeof origins === "function" && redirectUrl !== undefined
        ? { identifier, redirectUrl, redirectField: sentAs("redirectUrl") }
        : { identifier, redirectUrl };
    },
    verify: ({ body, sentAs }, extras) => ({
      credential: readCredential(settings, body, sentAs, extras, false),
    }),
    check: ({ body, sentAs }, extras) => ({
      credential: readCredential(settings, body, sentAs, extras, false),
    }),
    report: ({ body, sentAs }) => ({ token: (readReportToken(body, sentAs) as { token: string }).token }),
    reset: ({ body, sentAs }, extras) => {
      const credential = readCredential(settings, body, sentAs, extras, true);
      const otp = (readOtp(body, sentAs) as { otp?: string }).otp;
      return { credential, password: readConfirmedPassword(password, body, sentAs), otp };
    },
  };

  return {
    checkExtraFields: (route, { body, sentAs }) => void extraFields[route]?.(body, sentAs),
    read: (route, body, extras) => readers[route](body, extras),
  };
}

function readConfirmedPassword(
  policy: PasswordSettings,
  body: Record<string, unknown>,
  sentAs: (field: string) => string,
): string {
  const { password, passwordConfirm } = readPasswordFields(body, sentAs) as {
    password: string;
    passwordConfirm?: string;
  };
  checkPasswordLength(password, policy, sentAs("password"));
  const field = sentAs("passwordConfirm");
  if (passwordConfirm === undefined && policy.requireConfirmation) {
    throw validationError([{ field, message: `${field} is required` }]);
  }
  if (passwordConfirm !== undefined && passwordConfirm !== password) {
    throw validationError([{ field, message: `${field} does not match password` }]);
  }
  return password;
}

/**
 * The secrets a request carries, hidden (`scope.hide`) before any app hook sees the request.
 * `parseRequest`, `authorize` and `bindTo` run before the package has read a single field, and a
 * hook that fails likes to quote what it was given ("cannot map {…body…}"); its error goes to
 * `onEvent` and the logger (guarantee 10). So the raw body, whatever its shape, the query and the
 * `Authorization` header are searched for secret-bearing fields first: any key that names a
 * secret (`token`, `code`, `password`, `otp`, …, and the app's aliases of the package's secret
 * fields), and the `value` of an `{ id: "token", value }` pair, as `parseRequest` bodies often
 * send. Every string under such a key is hidden. Hiding more than needed costs only a
 * `[redacted]` in an error message; hiding less leaks a credential.
 */
import type { Request } from "express";
import type { Scope } from "../scope.js";
import type { AliasSetting } from "../settings/settings.js";

/** Key names that carry a secret, by any spelling a client is likely to use. */
const SECRET_KEY = /token|code|passw|otp|secret|session|credential|authori[sz]|^pin$/iu;

/** The package's own fields that carry a secret; the app's aliases of them are secret too. */
const SECRET_FIELDS: ReadonlySet<string> = new Set([
  "token",
  "code",
  "resetToken",
  "requestToken",
  "password",
  "passwordConfirm",
]);

/** Keys that name the field a sibling `value` holds (`{ id: "token", value: "…" }`). */
const NAMING_KEYS = ["id", "name", "field", "key", "type"] as const;

/** How far into a body the search goes; the body is bounded in size (`http.maxBodyBytes`) anyway. */
const MAX_DEPTH = 32;

/** The test of a key name under a router's aliases, made once per router (its aliases never change). */
const secretKeyTests = new WeakMap<readonly AliasSetting[], (key: string) => boolean>();

function secretKeyTest(aliases: readonly AliasSetting[]): (key: string) => boolean {
  let test = secretKeyTests.get(aliases);
  if (!test) {
    const secretAliases = new Set(aliases.filter((a) => SECRET_FIELDS.has(a.field)).map((a) => a.alias));
    test = (key) => SECRET_KEY.test(key) || secretAliases.has(key);
    secretKeyTests.set(aliases, test);
  }
  return test;
}

/** Hides every secret of `req`'s query and `Authorization` header, and of `body` (read or mapped). */
export function hideRequestSecrets(scope: Scope, req: Request, body: unknown): void {
  const isSecretKey = secretKeyTest(scope.runtime.settings.http.aliases);
  const found: string[] = [];
  collect(body, false, isSecretKey, found, 0);
  collect(req.query, false, isSecretKey, found, 0);
  const authorization = req.headers.authorization;
  if (typeof authorization === "string") {
    found.push(authorization, authorization.replace(/^\S+\s+/u, ""));
  }
  if (found.length > 0) scope.hide(...found);
}

function collect(
  value: unknown,
  secret: boolean,
  isSecretKey: (key: string) => boolean,
  found: string[],
  depth: number,
): void {
  if (typeof value === "string") {
    if (secret) found.push(value);
    return;
  }
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, secret, isSecretKey, found, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  const named = NAMING_KEYS.some((key) => {
    const name = record[key];
    return typeof name === "string" && isSecretKey(name);
  });
  for (const key of Object.keys(record)) {
    const below = secret || isSecretKey(key) || (named && key === "value");
    collect(record[key], below, isSecretKey, found, depth + 1);
  }
}

/**
 * `users.findUser`, with its row checked before anything is built on it. The row is the app's own
 * query, and a query that leaves out the id (`SELECT email FROM users …`) would otherwise mail a
 * link, answer the reset with success and call `updatePassword(undefined, …)`, which changes no
 * row; and every id-less row would share the one grant namespace `"undefined"`, so one user's
 * request would supersede another's. Such a row is a failure of `users.findUser`: reported as
 * `adapter.failed` with an error naming the fix, nothing sent, nothing changed.
 */
import type { Scope } from "../scope.js";
import type { Identifier, ResetUser } from "../types.js";

/** The user `findUser` returns for `identifier`, or `null`; throws for a row without a usable `id`. */
export async function findUser(scope: Scope, identifier: Identifier): Promise<ResetUser | null> {
  const { users } = scope.runtime.settings.core;
  if (scope.unknownTenant) return null; // A malformed tenant: no account, and no question to the app.
  const context = { tenant: scope.realm.tenant };
  return scope.call("users.findUser", async () => {
    const row: unknown = await users.findUser({ type: identifier.type, value: identifier.value }, context);
    if (row === null || row === undefined) return null;
    if (typeof row !== "object") {
      throw new TypeError(`findUser must resolve a user row object or null, not a ${typeof row}.`);
    }
    const id: unknown = (row as { id?: unknown }).id;
    const usable = (typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id));
    if (!usable) {
      // The message names only the type of what came back, never the row's values (an address).
      throw new TypeError(
        `findUser returned a user row without \`id\` (got ${id === "" ? "an empty string" : typeof id}): ` +
          "return the user's id with the row, e.g. `SELECT id, email FROM users WHERE lower(email) = $1`. " +
          "updatePassword receives it, and it tells one user's reset from another's.",
      );
    }
    return row as ResetUser;
  });
}

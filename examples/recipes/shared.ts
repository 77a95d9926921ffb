// What every user-table recipe shares: the columns it reads, the mapping from a row to the user the
// package needs, and the one rule for a lookup that matches more than one row.
import type { IdentifierType, PasswordResetRouter, ResetUser, UserAdapter } from "../../lib/index.js";

/**
 * The columns of the app's `users` table the recipes read (see `schema.sql` in this folder). `id` is
 * a `serial`: the package takes a number id as it is and hands it back to `updatePassword` unchanged.
 */
export interface UserRow {
  id: number;
  email: string;
  username: string | null;
  name: string | null;
}

/** The part of the router an app's own account code needs: `revokeUser`. */
export type Revoker = Pick<PasswordResetRouter, "revokeUser">;

/**
 * The columns a reset may look a user up by, per identifier type. The table has no phone number, so
 * `mobile` finds nobody. Both columns have a unique index on `lower(column)`.
 */
export const LOOKUP_COLUMNS: Partial<Record<IdentifierType, "email" | "username">> = {
  email: "email",
  username: "username",
};

/** The user as the package needs it: the id, the stored address (mail goes there) and a name. */
export function toResetUser(row: UserRow): ResetUser {
  const user: ResetUser = { id: row.id, email: row.email };
  if (row.username !== null) user.username = row.username;
  if (row.name !== null) user.name = row.name;
  return user;
}

/**
 * The one user a lookup found, or `null`. Two rows (a table without the unique `lower()` index, where
 * `Bob@x.com` and `bob@x.com` are two accounts) give `null` too: guessing which account to reset
 * would mail one person a link to another's account.
 */
export function onlyOne(rows: readonly UserRow[]): ResetUser | null {
  const [row, ...others] = rows;
  return row !== undefined && others.length === 0 ? toResetUser(row) : null;
}

/** `updatePassword` receives the id `findUser` gave (a number here); `Number()` also takes a string. */
export function rowId(id: ResetUser["id"]): number {
  const value = Number(id);
  if (!Number.isSafeInteger(value)) throw new TypeError(`not a users.id: ${JSON.stringify(id)}`);
  return value;
}

/**
 * Throws when an update touched no row: the account is gone, and a reset that answered success
 * without storing the password would leave the user locked out believing it worked.
 */
export function expectOneRow(count: number, userId: ResetUser["id"]): void {
  if (count !== 1) throw new Error(`users.id ${String(userId)}: ${count} rows updated, expected 1`);
}

/** One recipe, connected: what `integrations/examples/recipes/run.ts` serves and the recipe tests drive. */
export interface Recipe {
  /** The adapter the router is given. */
  users: UserAdapter;
  /** The app's change-email code, which revokes the user's outstanding reset links. */
  changeEmail(resets: Revoker, userId: number, email: string): Promise<void>;
  /** Closes the ORM's connections. */
  close(): Promise<void>;
}

/** Where PostgreSQL is, in the shape `pg` takes; `options` is passed to the server (`-c search_path=…`). */
export interface PgConnection {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  options?: string;
}

/** Connects one recipe's ORM to PostgreSQL. */
export type OpenRecipe = (connection: PgConnection) => Promise<Recipe>;

// Recipe: the reset's UserAdapter in plain SQL over node-postgres (`pg`), no ORM. The session
// examples in `sessions/` build on it.
import pg from "pg";
import { normalizeIdentifier, type UserAdapter } from "../../lib/index.js";
import {
  LOOKUP_COLUMNS,
  expectOneRow,
  onlyOne,
  rowId,
  type OpenRecipe,
  type Revoker,
  type UserRow,
} from "./shared.js";

/** The package's view of the `users` table: a case-insensitive lookup and the password column. */
export function pgUserAdapter(pool: pg.Pool): UserAdapter {
  return {
    async findUser({ type, value }) {
      const column = LOOKUP_COLUMNS[type];
      if (!column) return null;
      // `value` is already lower-cased; `lower(column)` meets it, served by the lower() index.
      const { rows } = await pool.query<UserRow>(
        `SELECT id, email, username, name FROM users WHERE lower(${column}) = $1 LIMIT 2`,
        [value],
      );
      return onlyOne(rows);
    },
    async updatePassword(userId, passwordHash) {
      const { rowCount } = await pool.query("UPDATE users SET password_hash = $2 WHERE id = $1", [
        rowId(userId),
        passwordHash,
      ]);
      expectOneRow(rowCount ?? 0, userId);
    },
  };
}

/** What the app's login form needs: the id and the stored hash of the account with that email. */
export async function findLogin(
  pool: pg.Pool,
  email: string,
): Promise<{ id: number; passwordHash: string } | null> {
  // The login normalises the address as the reset does, so both find the same account.
  const { rows } = await pool.query<{ id: number; password_hash: string }>(
    "SELECT id, password_hash FROM users WHERE lower(email) = $1 LIMIT 2",
    [normalizeIdentifier("email", email)],
  );
  const [row, ...others] = rows;
  return row !== undefined && others.length === 0 ? { id: row.id, passwordHash: row.password_hash } : null;
}

/**
 * The app's own change-email code. After the new address is stored, every outstanding reset link
 * of the user dies: one mailed to the old address must not outlive the change.
 */
export async function changeEmail(
  pool: pg.Pool,
  resets: Revoker,
  userId: number,
  email: string,
): Promise<void> {
  await pool.query("UPDATE users SET email = $2 WHERE id = $1", [userId, email]);
  await resets.revokeUser(userId);
}

/** Connects a `pg` Pool. */
export const openPgRecipe: OpenRecipe = async (connection) => {
  const pool = new pg.Pool(connection);
  return {
    users: pgUserAdapter(pool),
    changeEmail: (resets, userId, email) => changeEmail(pool, resets, userId, email),
    close: () => pool.end(),
  };
};

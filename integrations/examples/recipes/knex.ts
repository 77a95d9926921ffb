// Recipe: the reset's UserAdapter over Knex (with the `pg` client).
import knex, { type Knex } from "knex";
import type { UserAdapter } from "../../../lib/index.js";
import {
  LOOKUP_COLUMNS,
  expectOneRow,
  onlyOne,
  rowId,
  type OpenRecipe,
  type Revoker,
  type UserRow,
} from "../../../examples/recipes/shared.js";

/** A row of the app's `users` table (`schema.ts` has the SQL). */
interface UserRecord extends UserRow {
  password_hash: string;
}

/** The package's view of the table: a case-insensitive lookup and the password column. */
export function knexUserAdapter(db: Knex): UserAdapter {
  return {
    async findUser({ type, value }) {
      const column = LOOKUP_COLUMNS[type];
      if (!column) return null;
      // `value` is already lower-cased; `lower(column)` meets it, served by the lower() index.
      const rows: UserRow[] = await db<UserRecord>("users")
        .select("id", "email", "username", "name")
        .whereRaw("lower(??) = ?", [column, value])
        .limit(2);
      return onlyOne(rows);
    },
    async updatePassword(userId, passwordHash) {
      const count = await db<UserRecord>("users")
        .where({ id: rowId(userId) })
        .update({ password_hash: passwordHash });
      expectOneRow(count, userId);
    },
  };
}

/**
 * The app's own change-email code. After the new address is stored, every outstanding reset link
 * of the user dies: one mailed to the old address must not outlive the change.
 */
export async function changeEmail(db: Knex, resets: Revoker, userId: number, email: string): Promise<void> {
  await db<UserRecord>("users").where({ id: userId }).update({ email });
  await resets.revokeUser(userId);
}

/** Connects Knex with the `pg` client. */
export const openKnexRecipe: OpenRecipe = async (connection) => {
  const db = knex({ client: "pg", connection, pool: { min: 0, max: 4 } });
  return {
    users: knexUserAdapter(db),
    changeEmail: (resets, userId, email) => changeEmail(db, resets, userId, email),
    close: () => db.destroy(),
  };
};

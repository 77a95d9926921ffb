// Recipe: the reset's UserAdapter over a Drizzle schema (drizzle-orm with node-postgres).
import { eq, sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { pgTable, serial, text } from "drizzle-orm/pg-core";
import pg from "pg";
import type { UserAdapter } from "../../../lib/index.js";
import {
  LOOKUP_COLUMNS,
  expectOneRow,
  onlyOne,
  rowId,
  type OpenRecipe,
  type Revoker,
} from "../../../examples/recipes/shared.js";

/** The app's `users` table as Drizzle sees it (`schema.ts` has the SQL). */
export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull(),
  username: text("username"),
  name: text("name"),
  passwordHash: text("password_hash").notNull(),
});

/** The package's view of the table: a case-insensitive lookup and the password column. */
export function drizzleUserAdapter(db: NodePgDatabase): UserAdapter {
  return {
    async findUser({ type, value }) {
      const column = LOOKUP_COLUMNS[type];
      if (!column) return null;
      // `value` is already lower-cased; `lower(column)` meets it, served by the lower() index.
      const rows = await db
        .select({ id: users.id, email: users.email, username: users.username, name: users.name })
        .from(users)
        .where(sql`lower(${users[column]}) = ${value}`)
        .limit(2);
      return onlyOne(rows);
    },
    async updatePassword(userId, passwordHash) {
      const result = await db
        .update(users)
        .set({ passwordHash })
        .where(eq(users.id, rowId(userId)));
      expectOneRow(result.rowCount ?? 0, userId);
    },
  };
}

/**
 * The app's own change-email code. After the new address is stored, every outstanding reset link
 * of the user dies: one mailed to the old address must not outlive the change.
 */
export async function changeEmail(
  db: NodePgDatabase,
  resets: Revoker,
  userId: number,
  email: string,
): Promise<void> {
  await db.update(users).set({ email }).where(eq(users.id, userId));
  await resets.revokeUser(userId);
}

/** Connects Drizzle over a `pg` Pool. */
export const openDrizzleRecipe: OpenRecipe = async (connection) => {
  const pool = new pg.Pool(connection);
  const db = drizzle(pool);
  return {
    users: drizzleUserAdapter(db),
    changeEmail: (resets, userId, email) => changeEmail(db, resets, userId, email),
    close: () => pool.end(),
  };
};

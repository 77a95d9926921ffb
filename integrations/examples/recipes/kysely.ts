// Recipe: the reset's UserAdapter over Kysely (with its PostgresDialect and a `pg` Pool).
import { Kysely, PostgresDialect, sql, type Generated } from "kysely";
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

/** The app's `users` table as Kysely types it (`schema.ts` has the SQL). */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  username: string | null;
  name: string | null;
  password_hash: string;
}

/** The tables of the app's database that the recipe touches. */
export interface Database {
  users: UsersTable;
}

/** The package's view of the table: a case-insensitive lookup and the password column. */
export function kyselyUserAdapter(db: Kysely<Database>): UserAdapter {
  return {
    async findUser({ type, value }) {
      const column = LOOKUP_COLUMNS[type];
      if (!column) return null;
      // `value` is already lower-cased; `lower(column)` meets it, served by the lower() index.
      const rows = await db
        .selectFrom("users")
        .select(["id", "email", "username", "name"])
        .where(sql<string>`lower(${sql.ref(column)})`, "=", value)
        .limit(2)
        .execute();
      return onlyOne(rows);
    },
    async updatePassword(userId, passwordHash) {
      const result = await db
        .updateTable("users")
        .set({ password_hash: passwordHash })
        .where("id", "=", rowId(userId))
        .executeTakeFirst();
      expectOneRow(Number(result.numUpdatedRows), userId);
    },
  };
}

/**
 * The app's own change-email code. After the new address is stored, every outstanding reset link
 * of the user dies: one mailed to the old address must not outlive the change.
 */
export async function changeEmail(
  db: Kysely<Database>,
  resets: Revoker,
  userId: number,
  email: string,
): Promise<void> {
  await db.updateTable("users").set({ email }).where("id", "=", userId).execute();
  await resets.revokeUser(userId);
}

/** Connects Kysely through its PostgreSQL dialect over a `pg` Pool. */
export const openKyselyRecipe: OpenRecipe = async (connection) => {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool(connection) }) });
  return {
    users: kyselyUserAdapter(db),
    changeEmail: (resets, userId, email) => changeEmail(db, resets, userId, email),
    close: () => db.destroy(),
  };
};

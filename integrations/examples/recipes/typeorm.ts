// Recipe: the reset's UserAdapter over TypeORM (an EntitySchema, so no decorators or
// `experimentalDecorators` are needed; decorated entity classes work the same way).
import { DataSource, EntitySchema, Raw, type Repository } from "typeorm";
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

/** A row of the app's `users` table as TypeORM loads it. */
export interface User extends UserRow {
  passwordHash: string;
}

/** The `User` entity over the app's existing `users` table (`schema.ts` has the SQL). */
export const UserEntity = new EntitySchema<User>({
  name: "User",
  tableName: "users",
  columns: {
    id: { type: "int", primary: true, generated: "increment" },
    email: { type: "text" },
    username: { type: "text", nullable: true },
    name: { type: "text", nullable: true },
    passwordHash: { type: "text", name: "password_hash" },
  },
});

/** The package's view of the entity: a case-insensitive lookup and the password column. */
export function typeormUserAdapter(dataSource: DataSource): UserAdapter {
  const repository: Repository<User> = dataSource.getRepository(UserEntity);
  return {
    async findUser({ type, value }) {
      const column = LOOKUP_COLUMNS[type];
      if (!column) return null;
      // `value` is already lower-cased; `lower(column)` meets it, served by the lower() index.
      const rows = await repository.find({
        select: { id: true, email: true, username: true, name: true },
        where: { [column]: Raw((alias) => `lower(${alias}) = :value`, { value }) },
        take: 2,
      });
      return onlyOne(rows);
    },
    async updatePassword(userId, passwordHash) {
      const result = await repository.update({ id: rowId(userId) }, { passwordHash });
      expectOneRow(result.affected ?? 0, userId);
    },
  };
}

/**
 * The app's own change-email code. After the new address is stored, every outstanding reset link
 * of the user dies: one mailed to the old address must not outlive the change.
 */
export async function changeEmail(
  dataSource: DataSource,
  resets: Revoker,
  userId: number,
  email: string,
): Promise<void> {
  await dataSource.getRepository(UserEntity).update({ id: userId }, { email });
  await resets.revokeUser(userId);
}

/** Connects a TypeORM DataSource; `extra` goes to the `pg` Pool underneath. */
export const openTypeormRecipe: OpenRecipe = async (connection) => {
  const { host, port, user, password, database, options } = connection;
  const dataSource = new DataSource({
    type: "postgres",
    host,
    port,
    username: user,
    password,
    database,
    extra: options === undefined ? {} : { options },
    entities: [UserEntity],
    synchronize: false, // the table is the app's: TypeORM maps it and never alters it
  });
  await dataSource.initialize();
  return {
    users: typeormUserAdapter(dataSource),
    changeEmail: (resets, userId, email) => changeEmail(dataSource, resets, userId, email),
    close: () => dataSource.destroy(),
  };
};

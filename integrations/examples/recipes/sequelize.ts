// Recipe: the reset's UserAdapter over a Sequelize model (Sequelize 6 with `pg`).
import type { Model } from "sequelize";
import {
  DataTypes,
  col,
  fn,
  where,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type ModelStatic,
  Sequelize,
} from "sequelize";
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

/** An instance of the `User` model. */
export interface UserModel extends Model<InferAttributes<UserModel>, InferCreationAttributes<UserModel>> {
  id: CreationOptional<number>;
  email: string;
  username: string | null;
  name: string | null;
  passwordHash: string;
}

/** Defines the `User` model over the app's existing `users` table (`schema.ts` has the SQL). */
export function defineUser(sequelize: Sequelize): ModelStatic<UserModel> {
  return sequelize.define<UserModel>(
    "User",
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      email: { type: DataTypes.TEXT, allowNull: false },
      username: { type: DataTypes.TEXT, allowNull: true },
      name: { type: DataTypes.TEXT, allowNull: true },
      passwordHash: { type: DataTypes.TEXT, allowNull: false, field: "password_hash" },
    },
    { tableName: "users", timestamps: false },
  );
}

/** The package's view of the model: a case-insensitive lookup and the password column. */
export function sequelizeUserAdapter(User: ModelStatic<UserModel>): UserAdapter {
  return {
    async findUser({ type, value }) {
      const column = LOOKUP_COLUMNS[type];
      if (!column) return null;
      // `value` is already lower-cased; `lower(column)` meets it, served by the lower() index.
      const rows = await User.findAll({
        attributes: ["id", "email", "username", "name"],
        where: where(fn("lower", col(column)), value),
        limit: 2,
        raw: true,
      });
      return onlyOne(rows satisfies UserRow[]);
    },
    async updatePassword(userId, passwordHash) {
      const [count] = await User.update({ passwordHash }, { where: { id: rowId(userId) } });
      expectOneRow(count, userId);
    },
  };
}

/**
 * The app's own change-email code. After the new address is stored, every outstanding reset link
 * of the user dies: one mailed to the old address must not outlive the change.
 */
export async function changeEmail(
  User: ModelStatic<UserModel>,
  resets: Revoker,
  userId: number,
  email: string,
): Promise<void> {
  await User.update({ email }, { where: { id: userId } });
  await resets.revokeUser(userId);
}

/** Connects Sequelize to PostgreSQL (it loads `pg` and `pg-hstore` itself). */
export const openSequelizeRecipe: OpenRecipe = async (connection) => {
  const { host, port, user, password, database, options } = connection;
  const sequelize = new Sequelize({
    dialect: "postgres",
    host,
    port,
    username: user,
    password,
    database,
    dialectOptions: options === undefined ? {} : { options },
    logging: false,
  });
  const User = defineUser(sequelize);
  return {
    users: sequelizeUserAdapter(User),
    changeEmail: (resets, userId, email) => changeEmail(User, resets, userId, email),
    close: () => sequelize.close(),
  };
};

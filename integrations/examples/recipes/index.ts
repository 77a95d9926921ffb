// Every user-table recipe by name, for `run.ts` and the tests in `integrations/test/recipes/`.
import { openDrizzleRecipe } from "./drizzle.js";
import { openKnexRecipe } from "./knex.js";
import { openKyselyRecipe } from "./kysely.js";
import { openPgRecipe } from "../../../examples/recipes/pg.js";
import { openSequelizeRecipe } from "./sequelize.js";
import type { OpenRecipe } from "../../../examples/recipes/shared.js";
import { openTypeormRecipe } from "./typeorm.js";

/** The recipes, each connecting its ORM to the same `users` table. */
export const RECIPES = {
  drizzle: openDrizzleRecipe,
  knex: openKnexRecipe,
  kysely: openKyselyRecipe,
  pg: openPgRecipe,
  sequelize: openSequelizeRecipe,
  typeorm: openTypeormRecipe,
} as const satisfies Record<string, OpenRecipe>;

/** A recipe's name. */
export type RecipeName = keyof typeof RECIPES;

// The host app every recipe plugs into: the reset router over the recipe's user table, mounted at
// /auth/password. `integrations/examples/recipes/run.ts` serves it; the recipe tests drive it over HTTP.
import express, { type Express } from "express";
import {
  createPasswordResetRouter,
  type Mailer,
  type PasswordResetOptions,
  type PasswordResetRouter,
  type UserAdapter,
} from "../../lib/index.js";

/** What {@link createRecipeApp} needs besides the adapter. */
export interface RecipeAppOptions extends Partial<PasswordResetOptions> {
  /** Sends the reset links. */
  mailer: Mailer;
  /** The page the link opens. */
  resetUrl: string;
}

/** A host app and the router in it. */
export interface RecipeApp {
  app: Express;
  router: PasswordResetRouter;
}

/** Mounts the router over `users`, accepting an email address or a username. */
export function createRecipeApp(users: UserAdapter, options: RecipeAppOptions): RecipeApp {
  const router = createPasswordResetRouter({
    accounts: { identifiers: ["email", "username"] },
    ...options,
    users,
  });
  const app = express();
  app.use("/auth/password", router);
  return { app, router };
}

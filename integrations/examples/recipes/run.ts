// Serves one recipe against a real PostgreSQL, so the flow can be tried by hand:
//
//   npx tsx integrations/examples/recipes/run.ts drizzle     # or knex, kysely, sequelize, typeorm
//
// It creates the `users` table when missing (DATABASE_URL, [postgres://postgres@127.0.0.1:5432/test]),
// adds Bob.Smith@Example.COM, and prints reset links instead of mailing them.
import pg from "pg";
import { ConsoleMailer, hashPassword } from "../../../lib/index.js";
import { createRecipeApp } from "../../../examples/recipes/app.js";
import { RECIPES, type RecipeName } from "./index.js";
import { createUsersTable } from "../../../examples/recipes/schema.js";
import type { PgConnection } from "../../../examples/recipes/shared.js";

const name = process.argv[2] ?? "";
if (!(name in RECIPES)) {
  console.error(`usage: npx tsx integrations/examples/recipes/run.ts <${Object.keys(RECIPES).join("|")}>`);
  process.exit(2);
}
const url = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");
const connection: PgConnection = {
  host: url.hostname,
  port: Number(url.port || 5432),
  user: decodeURIComponent(url.username) || "postgres",
  database: decodeURIComponent(url.pathname.slice(1)) || "test",
};
if (url.password) connection.password = decodeURIComponent(url.password);

async function main(): Promise<void> {
  const pool = new pg.Pool(connection);
  await createUsersTable(pool);
  await pool.query(
    `INSERT INTO users (email, username, name, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    ["Bob.Smith@Example.COM", "bobsmith", "Bob", await hashPassword("an old password")],
  );
  await pool.end();

  const recipe = await RECIPES[name as RecipeName](connection);
  const port = Number(process.env.PORT ?? 3000);
  const { app } = createRecipeApp(recipe.users, {
    mailer: new ConsoleMailer(),
    resetUrl: `http://localhost:${port}/reset-password`,
  });
  // Loopback only: this demo prints working reset links.
  app.listen(port, "127.0.0.1", () => {
    console.log(`${name} recipe on http://127.0.0.1:${port}; try:`);
    console.log(
      `  curl -X POST 127.0.0.1:${port}/auth/password/forgot -H 'Content-Type: application/json' -d '{"email":"bob.smith@example.com"}'`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// What the recipe tests share: a users table of their own in a schema no other run uses, Bob with
// his mixed-case address, and the two stories every recipe must pass over HTTP.
import { expect } from "chai";
import pg from "pg";
import { bcryptHasher, hashPassword, verifyPassword } from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { createRecipeApp, type RecipeApp } from "../../examples/recipes/app.js";
import { USERS_TABLE_SQL } from "../../examples/recipes/schema.js";
import type { OpenRecipe, PgConnection, Recipe } from "../../examples/recipes/shared.js";
import { forgot, reset } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import { requireService, services, uniqueName } from "../helpers/services.js";

export const OLD_PASSWORD = "an old password";
export const NEW_PASSWORD = "violet tugboat ledger 0417";
export const BOB = { email: "Bob.Smith@Example.COM", username: "BobSmith", name: "Bob" };

let oldHash: Promise<string> | undefined;

/**
 * A `users` table (`schema.ts`) in a schema of its own. The recipes name their table `users`, as an
 * app does; a connection whose `search_path` is the schema makes that name this table.
 */
export interface UsersTable {
  /** Connection settings pointing at the schema, for the ORM under test. */
  connection: PgConnection;
  /** A plain pool on the same schema, to seed and read rows behind the ORM's back. */
  pool: pg.Pool;
  /** Drops the schema and its table, and closes the pool. */
  drop(): Promise<void>;
}

/** Creates the table; `drop()` removes it. */
export async function createUsersTable(): Promise<UsersTable> {
  const schema = uniqueName("recipes");
  const connection: PgConnection = { ...services.postgres, options: `-c search_path=${schema}` };
  const pool = new pg.Pool({ ...connection, max: 2 });
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(USERS_TABLE_SQL);
  return {
    connection,
    pool,
    async drop() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}

/** Adds a user whose password is {@link OLD_PASSWORD}; resolves the new row's `serial` id. */
export async function addUser(pool: pg.Pool, user: typeof BOB): Promise<number> {
  // Cost 4: seeding stays fast, and the hash is still the bcrypt an app's login verifies.
  oldHash ??= hashPassword(OLD_PASSWORD, { hasher: bcryptHasher({ rounds: 4 }) });
  const { rows } = await pool.query<{ id: number }>(
    "INSERT INTO users (email, username, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id",
    [user.email, user.username, user.name, await oldHash],
  );
  return rows[0]!.id;
}

/** The row's stored password hash. */
export async function passwordHashOf(pool: pg.Pool, id: number): Promise<string> {
  const { rows } = await pool.query<{ password_hash: string }>(
    "SELECT password_hash FROM users WHERE id = $1",
    [id],
  );
  return rows[0]!.password_hash;
}

/** A recipe's world for one test: its table, the ORM connected to it, and the app over it. */
interface World extends RecipeApp {
  table: UsersTable;
  recipe: Recipe;
  mailer: CapturingMailer;
  bobId: number;
}

/** Registers the two stories every recipe passes, against a fresh table per test. */
export function describeRecipe(title: string, open: OpenRecipe): void {
  describe(`user-table recipe: ${title}`, function () {
    let w: World | undefined;

    before(async function () {
      await requireService(this, "postgres");
    });

    beforeEach(async () => {
      const table = await createUsersTable();
      const bobId = await addUser(table.pool, BOB);
      const recipe = await open(table.connection);
      const mailer = new CapturingMailer();
      // Cost 4 keeps the test fast; the hash is still bcrypt, which the app's login verifies.
      const app = createRecipeApp(recipe.users, {
        mailer,
        resetUrl: "https://app.example.com/reset",
        password: { hasher: bcryptHasher({ rounds: 4 }) },
      });
      w = { ...app, table, recipe, mailer, bobId };
    });

    afterEach(async () => {
      if (!w) return;
      await w.router.close();
      await w.recipe.close();
      await w.table.drop();
      w = undefined;
    });

    it("finds Bob.Smith@Example.COM by the lower-cased address, mails the stored address, and stores a hash his login accepts", async () => {
      const world = w!;
      const token = await forgot(world, { email: "bob.smith@example.com" });
      expect(token, "a link was mailed").to.be.a("string");
      expect(world.mailer.last!.to).to.equal("Bob.Smith@Example.COM");
      expect(world.mailer.last!.user.id, "the serial id, as a number").to.equal(world.bobId);

      const res = await reset(world, { token }, NEW_PASSWORD);
      expect(res.status).to.equal(200);
      const hash = await passwordHashOf(world.table.pool, world.bobId);
      expect(hash).to.not.equal(await oldHash);
      expect(await verifyPassword(NEW_PASSWORD, hash)).to.equal(true);
      expect(await verifyPassword(OLD_PASSWORD, hash)).to.equal(false);
    });

    it("kills a link mailed to the old address when the app changes the email", async () => {
      const world = w!;
      // Asked for by username, the link goes to the address on file; the lookup by username still
      // finds Bob after the change, so only revokeUser stops that link.
      const token = await forgot(world, { username: "bobsmith" });
      expect(world.mailer.last!.to).to.equal("Bob.Smith@Example.COM");

      await world.recipe.changeEmail(world.router, world.bobId, "Robert@Example.NET");

      expectError(await reset(world, { token }, NEW_PASSWORD), "INVALID_TOKEN");
      expect(
        await verifyPassword(OLD_PASSWORD, await passwordHashOf(world.table.pool, world.bobId)),
      ).to.equal(true);
      // The new address is the one on file now: a new link goes there, and the old one finds nobody.
      expect(await forgot(world, { email: "bob.smith@example.com" })).to.equal(undefined);
      expect(await forgot(world, { email: "robert@example.net" })).to.be.a("string");
      expect(world.mailer.last!.to).to.equal("Robert@Example.NET");
    });
  });
}

// The users table the recipes map: the one an app already has. Only two things matter to the reset:
// an id (here a `serial`, so a number) and case-insensitive unique indexes on what users type.
import type pg from "pg";

/**
 * `CREATE TABLE users` as the recipes expect it. `email` is stored as the user typed it
 * (`Bob.Smith@Example.COM`); the package hands `findUser` a trimmed, NFKC-normalised, lower-cased
 * value, so the lookup is `lower(email) = $1`, and the index on `lower(email)` serves exactly that
 * lookup (a plain index on `email` would not) and makes two spellings of one address one account.
 */
export const USERS_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS users (
  id            serial PRIMARY KEY,
  email         text NOT NULL,
  username      text,
  name          text,
  password_hash text NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS users_email_lower ON users (lower(email));
CREATE UNIQUE INDEX IF NOT EXISTS users_username_lower ON users (lower(username));
`;

/** Creates the table when it is missing, in the connection's `search_path`. */
export async function createUsersTable(pool: pg.Pool): Promise<void> {
  await pool.query(USERS_TABLE_SQL);
}

/**
 * `express-password-reset/postgres`: the PostgreSQL token store and its schema. A separate entry
 * point so the core never loads it; it needs a `pg` Pool the app already has.
 */
export { PostgresTokenStore, postgresTokenStoreSchema } from "./stores/postgres.js";
export type {
  PgPoolLike,
  PgQueryResultLike,
  PgQueryableLike,
  PostgresTokenStoreOptions,
} from "./stores/postgres.js";

/**
 * `express-password-reset/postgres`: the PostgreSQL token store and its schema. A separate entry
 * point so the core never loads it; it needs a `pg` Pool the app already has.
 */
export { PostgresTokenStore, type PostgresTokenStoreOptions } from "./stores/postgres/store.js";
export { postgresTokenStoreSchema } from "./stores/postgres/schema.js";
export type { PgPoolLike, PgQueryResultLike, PgQueryableLike } from "./stores/postgres/pool.js";

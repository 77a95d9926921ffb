/**
 * `express-password-reset/mysql`: the MySQL / MariaDB token store and its schema. A separate entry
 * point so the core never loads it; it needs a `mysql2` pool the app already has.
 */
export { MySqlTokenStore, type MySqlTokenStoreOptions } from "./stores/mysql/store.js";
export { mysqlTokenStoreSchema } from "./stores/mysql/schema.js";
export type {
  MySqlCallbackPoolLike,
  MySqlPoolConnectionLike,
  MySqlPoolLike,
  MySqlQueryableLike,
  MySqlResultLike,
  MySqlValue,
} from "./stores/mysql/pool.js";

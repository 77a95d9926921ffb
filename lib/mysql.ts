/**
 * `express-password-reset/mysql`: the MySQL / MariaDB token store and its schema. A separate entry
 * point so the core never loads it; it needs a `mysql2` pool the app already has.
 */
export { MySqlTokenStore, mysqlTokenStoreSchema } from "./stores/mysql.js";
export type {
  MySqlCallbackPoolLike,
  MySqlPoolConnectionLike,
  MySqlPoolLike,
  MySqlQueryableLike,
  MySqlResultLike,
  MySqlValue,
  MySqlTokenStoreOptions,
} from "./stores/mysql.js";

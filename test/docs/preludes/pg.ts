// Prelude `pg`: a PostgreSQL pool of the app's, for snippets that query the app's own tables.
import type pg from "pg";

/** The app's `pg` pool. */
export declare const pool: pg.Pool;

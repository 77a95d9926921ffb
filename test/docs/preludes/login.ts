// Prelude `login`: what an app's own login or sign-up handler holds when it checks a password.
import type { AppUser } from "./app.js";

/** The password the person typed. */
export declare const plain: string;
/** The account it is for. */
export declare const user: AppUser;
/** The account's row, with the stored hash. */
export declare const row: { hash: string };

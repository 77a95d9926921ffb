// Prelude `app`: the surroundings most documentation snippets take for granted — the app's Express
// app, its user table and senders, and the router already mounted. A block written
// `<!-- prelude: app -->` may use any name exported here without declaring it (a name the block
// declares itself is its own). Only `declare`: a prelude describes, it never runs.
import type { Express } from "express";
import type { Mailer, PasswordResetRouter, ResetUser, SmsSender, UserAdapter } from "../../../lib/index.js";

/** The app's own user row, as its `findUser` returns it. */
export interface AppUser extends ResetUser {
  id: number;
  email: string;
  name?: string;
  mobile?: string;
}

/** The app's Express app. */
export declare const app: Express;
/** The app's user table (see the README's "Integration"). */
export declare const users: UserAdapter<AppUser>;
/** A mailer, e.g. `new ConsoleMailer()` or `createNodemailerMailer(…)`. */
export declare const mailer: Mailer<AppUser>;
/** An SMS sender (see docs/sms.md). */
export declare const sms: SmsSender<AppUser>;
/** The page the emailed link opens. */
export declare const resetUrl: string;
/** The router's secret: 32 bytes or more, the same on every instance. */
export declare const secret: string;
/** The router, as `createPasswordResetRouter` returned it and `app.use` mounted it. */
export declare const router: PasswordResetRouter;
/** An API key the app's own clients send. */
export declare const apiKey: string;
/** The app's own sign-in: a fresh access token for a user. */
export declare function signIn(userId: AppUser["id"]): Promise<string>;

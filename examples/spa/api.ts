// The JSON API the single-page app calls from its own origin: the router behind cors(), mounted
// BEFORE the router so it answers the browser's preflight and marks every answer readable by the
// app. Pages are off: the single-page app is the frontend, and the mailed link opens it.
import cors from "cors";
import express, { type Express } from "express";
import {
  ConsoleMailer,
  createPasswordResetRouter,
  type Mailer,
  type PasswordResetRouter,
} from "../../lib/index.js";
import { createDemoUsers } from "../demo-users.js";

/** The mount path of the router on the API's origin. */
export const MOUNT_PATH = "/auth/password";

/** The path of the single-page app's reset view: the mailed link opens it with `?token=…`. */
export const RESET_VIEW_PATH = "/reset-password";

/** What the API takes: where the single-page app lives, and optionally its own mailer and printer. */
export interface SpaApiOptions {
  /** The single-page app's origin, exactly as the browser sends it in `Origin` (scheme, host, port). */
  spaOrigin: string;
  /** Sends the links. [ConsoleMailer: prints them] */
  mailer?: Mailer;
  /** Where the demo's lines go. [console.log] */
  print?: (line: string) => void;
}

/** The API app, its router (close it when done) and the demo account's current hash. */
export function createSpaApi(options: SpaApiOptions): {
  app: Express;
  router: PasswordResetRouter;
  passwordHashOf(userId: string): string | undefined;
} {
  const print = options.print ?? ((line) => console.log(line));
  const users = createDemoUsers(print);
  const router = createPasswordResetRouter({
    users: users.adapter,
    mailer:
      options.mailer ?? new ConsoleMailer({ logger: { warn: (line) => console.warn(line), info: print } }),
    appName: "SPA example",
    // The link opens the single-page app, which reads the token and posts it to the API.
    resetUrl: `${options.spaOrigin}${RESET_VIEW_PATH}`,
  });

  const app = express();
  app.use(
    MOUNT_PATH,
    // Before the router: cors() answers the preflight itself and adds the headers to every answer.
    cors({
      origin: options.spaOrigin, // only the app's own origin; never `*` with anything sensitive
      methods: ["POST"], // the JSON API is POST only
      exposedHeaders: ["Retry-After"], // so the app can read how long a 429 asks it to wait
      credentials: false, // no cookies: the token travels in the body, the API sets no session
      maxAge: 600, // browsers may cache the preflight for 10 minutes
    }),
    router,
  );
  return { app, router, passwordHashOf: users.passwordHashOf };
}

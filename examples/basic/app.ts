// The quick-start app: an in-memory user table holding demo@example.com, a console mailer that
// prints the reset link, and the router at /auth/password with its hosted pages. `server.ts`
// listens; the tests drive the same app.
import express, { type Express } from "express";
import {
  ConsoleMailer,
  createPasswordResetRouter,
  type PasswordResetEvent,
  type PasswordResetRouter,
} from "../../lib/index.js";
import { createDemoUsers } from "../demo-users.js";

/** The mount path of the router. */
export const MOUNT_PATH = "/auth/password";

/** What the demo prints: the mailed links, the password changes and its hints. */
export type Print = (line: string) => void;

/**
 * Printed when the router refuses a request under its rate limits: the fourth reset request for one
 * address within 15 minutes is refused (429), which surprises anyone trying the demo a few times.
 */
export const RATE_LIMIT_HINT =
  "[demo] refused by the rate limits (429 Too Many Requests): by default 3 reset requests per " +
  "address and 20 per IP address in 15 minutes. In development, relax them with the router's " +
  "`rateLimit` option, e.g. `rateLimit: { forgotPerIdentifier: { points: 100, durationSeconds: 60 } }` " +
  "(`rateLimit: false` turns them off; never in production), or restart this demo: its limits live in memory.";

/** The demo app, its router (close it when done) and the address of its forgot page. */
export function createDemoApp(options: { port: number; print?: Print }): {
  app: Express;
  router: PasswordResetRouter;
  forgotPage: string;
} {
  const print = options.print ?? ((line) => console.log(line));
  const base = `http://localhost:${options.port}${MOUNT_PATH}`;

  // The app's own user table; in a real app this is your database.
  const users = createDemoUsers(print);

  const router = createPasswordResetRouter({
    users: users.adapter,
    mailer: new ConsoleMailer({ logger: { warn: (line) => console.warn(line), info: print } }),
    appName: "Demo app",
    // The hosted reset page: public origin + mount path + `/reset`. The link opens it.
    resetUrl: `${base}/reset`,
    pages: true,
    hooks: {
      onEvent(event: PasswordResetEvent) {
        if (event.type === "rate_limited") print(RATE_LIMIT_HINT);
      },
    },
  });

  const app = express();
  app.use(MOUNT_PATH, router);
  // The success page links here when there is no sign-in page (`pages.signInUrl`) to offer.
  app.get("/", (_req, res) => {
    res.redirect(`${MOUNT_PATH}/forgot`);
  });
  return { app, router, forgotPage: `${base}/forgot` };
}

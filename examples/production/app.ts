// The Express app: the reset router (JSON API and hosted pages) at /auth/password, behind one
// proxy, and the app's own change-email route, which revokes the user's outstanding reset links.
import express, { type ErrorRequestHandler, type Express } from "express";
import type pg from "pg";
import { verifyPassword, type PasswordResetRouter } from "../../lib/index.js";
import { changeEmail, findLogin } from "../recipes/pg.js";

/** The router's mount path; `resetUrl` is the public origin + this + `/reset`. */
export const MOUNT_PATH = "/auth/password";

/** The app around the router. */
export function createApp(pool: pg.Pool, router: PasswordResetRouter): Express {
  const app = express();
  // One proxy (nginx, the load balancer) in front: `req.ip` is the client address it saw, so the
  // per-IP rate limits count clients, not the proxy. Set it to the number of proxies you really have.
  app.set("trust proxy", 1);

  // The router parses its own bodies, so it is mounted before any body parser of the app.
  app.use(MOUNT_PATH, router);

  app.get("/", (_req, res) => {
    res.type("text/plain").send(`Forgot your password? ${MOUNT_PATH}/forgot\n`);
  });

  // Stands in for the account settings form of a signed-in user. A real app knows the user from its
  // session; this one asks for the current address and password instead.
  app.post("/account/email", express.json({ limit: "4kb" }), async (req, res) => {
    const { email, password, newEmail } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof email !== "string" || typeof password !== "string" || typeof newEmail !== "string") {
      res.status(400).json({ error: "email, password and newEmail are required strings" });
      return;
    }
    const login = await findLogin(pool, email);
    if (!login || !(await verifyPassword(password, login.passwordHash))) {
      res.status(401).json({ error: "wrong email or password" });
      return;
    }
    try {
      // Stores the new address, then revokes every reset link still outstanding: one mailed to the
      // old address must not outlive the change (router.revokeUser).
      await changeEmail(pool, router, login.id, newEmail.trim());
    } catch (error) {
      if ((error as { code?: string }).code === "23505") {
        res.status(409).json({ error: "that address belongs to another account" });
        return;
      }
      throw error;
    }
    res.json({ changed: true });
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    console.error("[app] request failed:", error);
    res.status(500).json({ error: "internal error" });
  };
  app.use(onError);
  return app;
}

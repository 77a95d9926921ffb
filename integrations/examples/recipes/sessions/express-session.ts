// Signing a user out everywhere after a reset, for an app on express-session with connect-redis.
//
// express-session can find a session by its id, not by its user, so the app keeps its own index:
// a Redis set per user holding the ids of that user's sessions, added to at login. `afterReset`
// destroys every session in the set, then the set.
import { RedisStore } from "connect-redis";
import express, { type Express } from "express";
import session from "express-session";
import type pg from "pg";
import type { createClient } from "redis";
import {
  bcryptHasher,
  createPasswordResetRouter,
  verifyPassword,
  type Mailer,
  type PasswordResetRouter,
  type ResetUser,
} from "../../../../lib/index.js";
import { findLogin, pgUserAdapter } from "../../../../examples/recipes/pg.js";

declare module "express-session" {
  interface SessionData {
    /** The signed-in user's `users.id`. */
    userId: number;
  }
}

/** A node-redis client, as `createClient()` makes it. */
export type RedisClient = ReturnType<typeof createClient>;

/** What {@link createSessionApp} needs. */
export interface SessionAppOptions {
  /** The app's database, holding the `users` table (`../schema.ts`). */
  pool: pg.Pool;
  /** A connected node-redis client: the session store and the per-user index live there. */
  redis: RedisClient;
  /** Prefix of every Redis key the app writes, e.g. `"myapp:"`. */
  prefix: string;
  /** Signs the session cookie. */
  sessionSecret: string;
  /** Sends reset links. */
  mailer: Mailer;
  /** The page reset links open. */
  resetUrl: string;
  /** bcrypt cost of new password hashes. [the package's default] */
  bcryptRounds?: number;
}

/** Session lifetime; the per-user index lives as long as the newest session in it. */
const SESSION_TTL_SECONDS = 14 * 24 * 3600;

/** The app: `POST /login`, `POST /logout`, `GET /me`, and the reset router at /auth/password. */
export function createSessionApp(options: SessionAppOptions): { app: Express; router: PasswordResetRouter } {
  const { pool, redis, prefix } = options;
  const store = new RedisStore({ client: redis, prefix: `${prefix}sess:`, ttl: SESSION_TTL_SECONDS });
  const sessionsOf = (userId: ResetUser["id"]) => `${prefix}user-sessions:${String(userId)}`;

  /** Destroys every session of the user, wherever it was opened. */
  async function signOutEverywhere(userId: ResetUser["id"]): Promise<void> {
    const key = sessionsOf(userId);
    const ids = await redis.sMembers(key);
    await Promise.all(ids.map((id) => store.destroy(id)));
    await redis.del(key);
  }

  const router = createPasswordResetRouter({
    users: pgUserAdapter(options.pool),
    mailer: options.mailer,
    resetUrl: options.resetUrl,
    password: { hasher: bcryptHasher({ rounds: options.bcryptRounds }) },
    // Whoever knew the old password (the reason for many resets) is signed out too. A failure here
    // is reported as an adapter failure, but the password has changed and the reset still succeeds.
    hooks: {
      afterReset: async ({ user }) => {
        await signOutEverywhere(user.id);
      },
    },
  });

  const app = express();
  app.use("/auth/password", router);
  app.use(
    session({
      store,
      secret: options.sessionSecret,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: "lax", maxAge: SESSION_TTL_SECONDS * 1000 },
    }),
  );
  app.use(express.json());

  app.post("/login", async (req, res, next) => {
    try {
      const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
      if (typeof email !== "string" || typeof password !== "string") return void res.sendStatus(400);
      const account = await findLogin(pool, email);
      if (!account || !(await verifyPassword(password, account.passwordHash)))
        return void res.sendStatus(401);
      // A new session id at login, so a session id planted before it (fixation) is worth nothing.
      await new Promise<void>((resolve, reject) =>
        req.session.regenerate((e) => (e ? reject(e) : resolve())),
      );
      req.session.userId = account.id;
      await new Promise<void>((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
      const key = sessionsOf(account.id);
      await redis.sAdd(key, req.sessionID);
      await redis.expire(key, SESSION_TTL_SECONDS);
      res.sendStatus(204);
    } catch (error) {
      next(error);
    }
  });

  app.post("/logout", (req, res, next) => {
    const { userId } = req.session;
    const id = req.sessionID;
    req.session.destroy((error) => {
      if (error) return next(error);
      if (userId === undefined) return void res.sendStatus(204);
      redis.sRem(sessionsOf(userId), id).then(() => res.sendStatus(204), next);
    });
  });

  app.get("/me", (req, res) => {
    if (req.session.userId === undefined) return void res.sendStatus(401);
    res.json({ userId: req.session.userId });
  });

  return { app, router };
}

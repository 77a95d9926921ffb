// Signing a user out everywhere after a reset, for an app that hands out JWT access tokens.
//
// A JWT cannot be taken back, so each one carries the user's `token_version`, and the app's auth
// middleware refuses a token whose version is not the row's current one. The reset bumps the
// version in the same UPDATE that stores the new password hash: both change together or neither
// does. (`afterReset` could bump it instead, but a failing hook is only reported, and the reset
// would succeed with the old tokens still alive.)
import express, { type Express, type RequestHandler } from "express";
import jwt from "jsonwebtoken";
import type pg from "pg";
import {
  bcryptHasher,
  createPasswordResetRouter,
  verifyPassword,
  type Mailer,
  type PasswordResetRouter,
  type UserAdapter,
} from "../../../lib/index.js";
import { findLogin, pgUserAdapter } from "../pg.js";
import { expectOneRow, rowId } from "../shared.js";

/** Adds the version column to the app's existing `users` table (`../schema.ts`). */
export const TOKEN_VERSION_SQL =
  "ALTER TABLE users ADD COLUMN IF NOT EXISTS token_version integer NOT NULL DEFAULT 0";

/** What {@link createJwtApp} needs. */
export interface JwtAppOptions {
  /** The app's database, holding the `users` table with `token_version`. */
  pool: pg.Pool;
  /** Signs the app's access tokens (HS256). */
  jwtSecret: string;
  /** Sends reset links. */
  mailer: Mailer;
  /** The page reset links open. */
  resetUrl: string;
  /** bcrypt cost of new password hashes. [the package's default] */
  bcryptRounds?: number;
}

/** The claims of the app's access tokens. */
interface AccessClaims {
  sub: string;
  /** The user's `token_version` when the token was made. */
  ver: number;
}

const ACCESS_TOKEN_TTL = "15m";

/** The reset's adapter: the plain `pg` one, whose password update also bumps `token_version`. */
export function jwtUserAdapter(pool: pg.Pool): UserAdapter {
  return {
    ...pgUserAdapter(pool),
    async updatePassword(userId, passwordHash) {
      const { rowCount } = await pool.query(
        "UPDATE users SET password_hash = $2, token_version = token_version + 1 WHERE id = $1",
        [rowId(userId), passwordHash],
      );
      expectOneRow(rowCount ?? 0, userId);
    },
  };
}

/** The app: `POST /login` → `{ accessToken }`, `GET /me` behind the token, the reset router. */
export function createJwtApp(options: JwtAppOptions): { app: Express; router: PasswordResetRouter } {
  const { pool, jwtSecret } = options;

  async function issueToken(userId: number): Promise<string> {
    const { rows } = await pool.query<{ token_version: number }>(
      "SELECT token_version FROM users WHERE id = $1",
      [userId],
    );
    const claims: AccessClaims = { sub: String(userId), ver: rows[0]?.token_version ?? 0 };
    return jwt.sign(claims, jwtSecret, { algorithm: "HS256", expiresIn: ACCESS_TOKEN_TTL });
  }

  /** Accepts a valid token only while its version is the user's current one. */
  const requireUser: RequestHandler = async (req, res, next) => {
    try {
      const header = req.get("authorization") ?? "";
      const token = header.startsWith("Bearer ") ? header.slice(7) : "";
      let claims: AccessClaims;
      try {
        claims = jwt.verify(token, jwtSecret, { algorithms: ["HS256"] }) as AccessClaims;
      } catch {
        return void res.sendStatus(401);
      }
      const { rows } = await pool.query<{ token_version: number }>(
        "SELECT token_version FROM users WHERE id = $1",
        [Number(claims.sub)],
      );
      if (rows[0] === undefined || rows[0].token_version !== claims.ver) return void res.sendStatus(401);
      res.locals.userId = Number(claims.sub);
      next();
    } catch (error) {
      next(error);
    }
  };

  const router = createPasswordResetRouter({
    users: jwtUserAdapter(pool),
    mailer: options.mailer,
    resetUrl: options.resetUrl,
    password: { hasher: bcryptHasher({ rounds: options.bcryptRounds }) },
    // The device that reset the password is signed in again, with a token of the new version.
    hooks: { afterReset: async ({ user }) => ({ accessToken: await issueToken(rowId(user.id)) }) },
  });

  const app = express();
  app.use("/auth/password", router);
  app.use(express.json());

  app.post("/login", async (req, res, next) => {
    try {
      const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
      if (typeof email !== "string" || typeof password !== "string") return void res.sendStatus(400);
      const account = await findLogin(pool, email);
      if (!account || !(await verifyPassword(password, account.passwordHash)))
        return void res.sendStatus(401);
      res.json({ accessToken: await issueToken(account.id) });
    } catch (error) {
      next(error);
    }
  });

  app.get("/me", requireUser, (_req, res) => {
    res.json({ userId: res.locals.userId as number });
  });

  return { app, router };
}

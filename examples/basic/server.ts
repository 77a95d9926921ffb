// The quick-start server: an in-memory user table holding demo@example.com, a console mailer
// that prints the reset link, and the router at /auth/password. Run it with `npm run example`.
import express from "express";
import {
  ConsoleMailer,
  createPasswordResetRouter,
  type ResetUser,
  type UserAdapter,
} from "../../lib/index.js";

// The app's own user table; in a real app this is your database.
const users = new Map<string, ResetUser & { passwordHash: string }>([
  ["1", { id: "1", email: "demo@example.com", name: "Demo", passwordHash: "(set at sign-up)" }],
]);

const userAdapter: UserAdapter = {
  async findUser({ type, value }) {
    if (type !== "email") return null;
    for (const user of users.values()) if (user.email === value) return user;
    return null;
  },
  async updatePassword(userId, passwordHash) {
    const user = users.get(String(userId));
    if (user) user.passwordHash = passwordHash;
    console.log(
      `[demo] password of user ${userId} changed; new bcrypt hash starts ${passwordHash.slice(0, 7)}`,
    );
  },
};

const port = Number(process.env.PORT ?? 3000);
const app = express();
app.use(
  "/auth/password",
  createPasswordResetRouter({
    users: userAdapter,
    mailer: new ConsoleMailer(),
    resetUrl: `http://localhost:${port}/reset-password`,
  }),
);
app.get("/", (_req, res) => {
  res
    .type("text/plain")
    .send(
      [
        "express-password-reset demo",
        "",
        `1. curl -X POST localhost:${port}/auth/password/forgot -H 'Content-Type: application/json' -d '{"email":"demo@example.com"}'`,
        "2. copy the token from the link printed in this server's console",
        `3. curl -X POST localhost:${port}/auth/password/reset -H 'Content-Type: application/json' \\`,
        `     -d '{"token":"<token>","password":"a new password","passwordConfirm":"a new password"}'`,
        "",
      ].join("\n"),
    );
});

app.listen(port, () => {
  console.log(`express-password-reset demo listening on http://localhost:${port}`);
  console.log(
    `try: curl -X POST localhost:${port}/auth/password/forgot -H 'Content-Type: application/json' -d '{"email":"demo@example.com"}'`,
  );
});

// The quick-start server: an in-memory user table holding demo@example.com, a console mailer
// that prints the reset link, and the router at /auth/password with its hosted pages. Run it with
// `npm run example`, open the printed address, ask for demo@example.com, then open the link the
// console prints. It listens on 127.0.0.1 only: a demo has no business on the network.
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
const base = `http://localhost:${port}/auth/password`;
const app = express();
app.use(
  "/auth/password",
  createPasswordResetRouter({
    users: userAdapter,
    mailer: new ConsoleMailer(),
    appName: "Demo app",
    // The hosted reset page: public origin + mount path + `/reset`. The link opens it.
    resetUrl: `${base}/reset`,
    pages: true,
  }),
);
app.get("/", (_req, res) => {
  res.redirect(`${base}/forgot`);
});

app.listen(port, "127.0.0.1", () => {
  console.log(`express-password-reset demo: open ${base}/forgot in a browser`);
  console.log("ask for demo@example.com, then open the reset link printed here");
  console.log(
    `(the JSON API answers too: curl -X POST ${base}/forgot -H 'Content-Type: application/json' -d '{"email":"demo@example.com"}')`,
  );
});

// Password reset by SMS code, runnable: `npx tsx examples/sms-code/server.ts`, then open
// http://localhost:3001/auth/password/forgot in a browser, ask for +1 415 555 0100, and type the
// code printed in this server's console into the code form (ConsoleSmsSender and ConsoleMailer
// print codes and links here). http://localhost:3001/ lists the same steps with curl.
import express from "express";
import { ConsoleMailer, ConsoleSmsSender, createPasswordResetRouter } from "../../lib/index.js";
import type { ResetUser, UserAdapter } from "../../lib/index.js";

const PORT = Number(process.env.PORT ?? 3001);

// The app's own user table; a real app reads its database here.
const users = new Map<string, ResetUser & { passwordHash: string }>([
  ["1", { id: "1", email: "demo@example.com", mobile: "+14155550100", username: "demo", passwordHash: "" }],
]);

// The adapter receives normalised identifiers: lower-cased email and username, mobile as +digits.
const userAdapter: UserAdapter = {
  async findUser({ type, value }) {
    for (const { passwordHash: _hash, ...user } of users.values()) {
      if (user[type] === value) return user;
    }
    return null;
  },
  async updatePassword(userId, passwordHash) {
    const user = users.get(String(userId));
    if (user) user.passwordHash = passwordHash; // already bcrypt-hashed by the router
    console.log(`[demo] the password of user ${userId} was changed`);
  },
};

const reset = createPasswordResetRouter({
  users: userAdapter,
  sms: new ConsoleSmsSender(), // use a real SmsSender (Twilio, SNS, ...) in production
  mailer: new ConsoleMailer(),
  appName: "SMS demo",
  // The hosted reset page (origin + mount path + /reset): an emailed link opens it, and without a
  // link it shows the code form.
  resetUrl: `http://localhost:${PORT}/auth/password/reset`,
  pages: true,
  accounts: { identifiers: ["email", "mobile", "username"] },
  // Signs the reset sessions /verify hands out; set it (32+ bytes) when running several instances.
  secret: process.env.RESET_SECRET,
});

const app = express();
app.use("/auth/password", reset);

app.get("/", (req, res) => {
  const base = `http://${req.headers.host ?? `localhost:${PORT}`}/auth/password`;
  const json = "-H 'Content-Type: application/json'";
  res.type("text/plain").send(`express-password-reset: reset by SMS code

In a browser: open ${base}/forgot, ask for +1 415 555 0100, then enter the printed code on the
page it links to (${base}/reset). Or, with curl:

1. Ask for a code; it is printed in the server's console:
curl -s -X POST ${base}/forgot ${json} -d '{"mobile":"+1 (415) 555-0100"}'

2. Trade the code for a reset session (resetToken):
curl -s -X POST ${base}/verify ${json} -d '{"mobile":"+14155550100","code":"<code>"}'

3. Set the new password with the session:
curl -s -X POST ${base}/reset ${json} -H 'Authorization: Bearer <resetToken>' -d '{"password":"a-new-password","passwordConfirm":"a-new-password"}'
`);
});

// Loopback only: a demo has no business on the network.
const server = app.listen(PORT, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : PORT;
  console.log(`sms-code example listening on http://localhost:${port}/ (the curl steps)`);
  console.log(`in a browser, open http://localhost:${port}/auth/password/forgot`);
});

// Finish background deliveries and stop timers on Ctrl-C or `kill`.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void reset.close();
  });
}

// Runs one seed example as a demo server: `npx tsx examples/seeds/run.ts 002` (000 to 004), then send
// it the seed's curl requests. Links and codes are printed here by ConsoleMailer / ConsoleSmsSender.
import { randomBytes } from "node:crypto";
import { ConsoleMailer, ConsoleSmsSender } from "../../lib/index.js";
import type { ResetUser, UserAdapter } from "../../lib/index.js";
import * as s000 from "./000-forget-password.js";
import * as s001 from "./001-password-forget.js";
import * as s002 from "./002-resetpass.js";
import * as s003 from "./003-forgotpassword.js";
import * as s004 from "./004-forgot-password.js";
import type { SeedApp, SeedDeps } from "./shared.js";

// Each seed with the demo credentials its requests carry (the seeds' own example values).
const SEEDS: Record<string, { mount: string; create: (deps: SeedDeps) => SeedApp; note: string }> = {
  "000": {
    mount: s000.MOUNT,
    create: (deps) => s000.createApp({ ...deps, accessTokens: ["demo-access-token"] }),
    note: "Authorization: Bearer demo-access-token",
  },
  "001": { mount: s001.MOUNT, create: (deps) => s001.createApp(deps), note: "brand and deviceId required" },
  "002": {
    mount: s002.MOUNT,
    create: (deps) =>
      s002.createApp({
        ...deps,
        clients: { pSpisBrYn4yIP1vGILcdZ: ["http://localhost:3000"] },
        accessTokenSecret: randomBytes(32).toString("hex"),
      }),
    note: "Origin: http://localhost:3000, client_id: pSpisBrYn4yIP1vGILcdZ",
  },
  "003": {
    mount: s003.MOUNT,
    create: (deps) =>
      s003.createApp({ ...deps, apiKeys: ["demo-api-key"], redirectOrigins: ["http://localhost:3000"] }),
    note: "Authorization: Bearer demo-api-key on forgotpassword",
  },
  "004": {
    mount: s004.MOUNT,
    create: (deps) => s004.createApp({ ...deps, revealUnknownUser: process.env.REVEAL_UNKNOWN_USER === "1" }),
    note: "REVEAL_UNKNOWN_USER=1 for the seed's revealing errors",
  },
};

// The app's own user table; a real app reads its database here.
const users = new Map<string, ResetUser & { passwordHash: string }>([
  ["1", { id: "1", email: "user@example.com", mobile: "+919999922332", username: "demo", passwordHash: "" }],
  ["2", { id: "2", email: "jsmith@example.com", passwordHash: "" }],
]);
const userAdapter: UserAdapter = {
  async findUser({ type, value }) {
    for (const { passwordHash: _hash, ...user } of users.values()) if (user[type] === value) return user;
    return null;
  },
  async updatePassword(userId, passwordHash) {
    const user = users.get(String(userId));
    if (user) user.passwordHash = passwordHash;
    console.log(`[demo] the password of user ${userId} was changed`);
  },
};

const name = process.argv[2] ?? "";
const seed = SEEDS[name];
if (!seed) {
  console.error(`usage: tsx examples/seeds/run.ts <${Object.keys(SEEDS).join("|")}>`);
  process.exit(2);
}
const demo = seed.create({
  users: userAdapter,
  mailer: new ConsoleMailer(),
  sms: new ConsoleSmsSender(),
  secret: process.env.RESET_SECRET,
});
const server = demo.app.listen(Number(process.env.PORT ?? 3002), () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : "";
  console.log(`seed ${name} listening on http://localhost:${port}${seed.mount} (${seed.note})`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void demo.close();
  });
}

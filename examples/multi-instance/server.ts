// Two instances of one app, on PORT and PORT+1, sharing Redis: request a link from one, reset
// with the other. In production the instances are separate processes behind a load balancer;
// here they share a process only so one command starts both. Each still gets its own Redis
// connection and its own router, exactly as separate processes would.
//
//   redis-server &                       # Redis on 127.0.0.1:6379 (or set REDIS_URL)
//   PORT=3000 npx tsx examples/multi-instance/server.ts
import { randomBytes } from "node:crypto";
import express from "express";
import { createClient } from "redis";
import { ConsoleMailer, createPasswordResetRouter } from "../../lib/index.js";
import { RedisTokenStore } from "../../lib/redis.js";
import { createDemoUsers } from "../demo-users.js";

// Stands in for the app's database, which every instance reads.
const users = createDemoUsers((line) => console.log(line));

// Every instance must sign reset sessions and codes with the same key: set PASSWORD_RESET_SECRET
// in production. The random fallback only works because both instances share this process.
const secret = process.env.PASSWORD_RESET_SECRET ?? randomBytes(32).toString("hex");
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const basePort = Number(process.env.PORT ?? 3000);

async function startInstance(name: string, port: number): Promise<void> {
  const client = createClient({ url: redisUrl });
  client.on("error", (error: Error) => console.error(`[${name}] redis: ${error.message}`));
  await client.connect();

  const app = express();
  app.use(
    "/auth/password",
    createPasswordResetRouter({
      users: users.adapter,
      mailer: new ConsoleMailer(),
      // Both instances sit behind one public URL in production; here the link names instance B.
      resetUrl: `http://localhost:${basePort + 1}/reset-password`,
      secret,
      // Grants, code attempts and rate limits all live in Redis, shared by both instances.
      tokenStore: new RedisTokenStore({ client, prefix: "pwreset-demo:" }),
    }),
  );
  app.get("/", (_req, res) => {
    res.type("text/plain").send(`instance ${name} on port ${port}\n`);
  });
  await new Promise<void>((resolve) => app.listen(port, () => resolve()));
  console.log(`instance ${name} listening on http://localhost:${port}`);
}

async function main(): Promise<void> {
  await startInstance("A", basePort);
  await startInstance("B", basePort + 1);
  console.log(
    [
      "",
      `1. ask instance A for a link:`,
      `   curl -X POST localhost:${basePort}/auth/password/forgot -H 'Content-Type: application/json' -d '{"email":"demo@example.com"}'`,
      "2. copy the token from the link printed above",
      `3. reset on instance B:`,
      `   curl -X POST localhost:${basePort + 1}/auth/password/reset -H 'Content-Type: application/json' \\`,
      `     -d '{"token":"<token>","password":"a new password","passwordConfirm":"a new password"}'`,
      "4. the same token on instance A now answers INVALID_TOKEN: it was spent in Redis.",
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// A production-shaped app: users in PostgreSQL (mixed-case addresses, looked up case-insensitively),
// reset grants and rate limits in PostgreSQL too (PostgresTokenStore), real mail through nodemailer,
// the hosted pages, one proxy in front, the signing secret from the environment, and a graceful
// shutdown. See README.md beside this file.
//
//   PASSWORD_RESET_SECRET=$(openssl rand -hex 32) npm run example:production
//   PASSWORD_RESET_SECRET=$(openssl rand -hex 32) npx tsx examples/production/server.ts
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { createPasswordResetRouter, hashPassword, type PasswordResetEvent } from "../../lib/index.js";
import { createNodemailerMailer } from "../../lib/nodemailer.js";
import { PostgresTokenStore } from "../../lib/postgres.js";
import { pgUserAdapter } from "../recipes/pg.js";
import { createUsersTable } from "../recipes/schema.js";
import { createApp, MOUNT_PATH } from "./app.js";
import { readConfig } from "./config.js";
import { createTransport } from "./mail.js";

/** The demo account the example adds to an empty table, spelt as its owner typed it. */
const DEMO_EMAIL = "Ada.Lovelace@Example.com";

async function main(): Promise<void> {
  const config = readConfig(process.env); // throws first, before anything connects
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
  pool.on("error", (error) => console.error("[pg] idle client error:", error.message));
  const tokenStore = new PostgresTokenStore({ pool, table: "password_reset_tokens" });
  const mail = createTransport(config.smtpUrl, (text) => console.log(text));
  try {
    await createUsersTable(pool); // your own migrations do this in a real app
    await seedDemoAccount(pool);
    await tokenStore.migrate(); // idempotent; safe when several instances start together
    await mail.verify(); // a wrong SMTP_URL fails here, not on the first reset
  } catch (error) {
    await tokenStore.close();
    mail.close();
    await pool.end();
    throw error;
  }

  // Listen first: with PORT=0 the port, and so the default public address, is known only then.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const publicUrl = config.publicUrl ?? `http://localhost:${(server.address() as AddressInfo).port}`;

  // One brand for the mail and the pages, so the message and the page its link opens match.
  const brand = { brandColor: "#2454c5" };
  const router = createPasswordResetRouter({
    users: pgUserAdapter(pool),
    mailer: createNodemailerMailer({
      transport: mail.transport,
      from: config.mailFrom,
      appName: config.appName,
      ...brand,
      retry: { attempts: 3, baseDelayMs: 250 },
    }),
    tokenStore,
    secret: config.secret,
    appName: config.appName,
    // The hosted reset page as users reach it through the proxy.
    resetUrl: `${publicUrl}${MOUNT_PATH}/reset`,
    pages: { ...brand }, // add `signInUrl: "/login"` to link your sign-in page
    hooks: { onEvent: logFailures },
  });
  server.on("request", createApp(pool, router));
  const local = `http://localhost:${(server.address() as AddressInfo).port}`;
  console.log(`listening on ${local} (reset pages at ${publicUrl}${MOUNT_PATH}/forgot)`);

  // Graceful shutdown: stop taking connections, let requests and mail in flight finish, then close
  // what the app opened. The store and the pool are the app's: the router never closes them.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    setTimeout(() => {
      console.error("shutdown took over 10 s; exiting");
      process.exit(1);
    }, 10_000).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await router.close(); // waits for background deliveries
    await tokenStore.close(); // stops its sweep timer
    mail.close();
    await pool.end();
    console.log("closed");
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      shutdown(signal).catch((error: unknown) => {
        console.error("shutdown failed:", error);
        process.exitCode = 1;
      });
    });
  }
}

/** Adds the demo account to an empty table, with a password nobody knows: only a reset gets in. */
async function seedDemoAccount(pool: pg.Pool): Promise<void> {
  const passwordHash = await hashPassword(randomBytes(24).toString("base64"));
  const { rowCount } = await pool.query(
    `INSERT INTO users (email, name, password_hash)
     SELECT $1, 'Ada', $2 WHERE NOT EXISTS (SELECT 1 FROM users)`,
    [DEMO_EMAIL, passwordHash],
  );
  if (rowCount === 1)
    console.log(`added ${DEMO_EMAIL} to the empty users table: ask for a reset link for it`);
}

/** What an operator must see: deliveries and adapters that failed. Events never hold a secret. */
function logFailures(event: PasswordResetEvent): void {
  if (event.type === "delivery.failed" || event.type === "adapter.failed") {
    console.error(`[password reset] ${event.type}: ${event.operation ?? ""} ${event.error?.message ?? ""}`);
  }
}

main().catch((error: unknown) => {
  console.error(`examples/production: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

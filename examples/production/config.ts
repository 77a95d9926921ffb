// The example's settings, read once from the environment. What must be shared by every instance or
// kept secret (the signing secret, the SMTP credentials) comes only from there; a missing or weak
// secret stops the start with a message that says what to set.

/** Everything the server needs, checked. */
export interface ProductionConfig {
  /** PostgreSQL, e.g. `postgres://app@db.internal:5432/app`. */
  databaseUrl: string;
  /** The port to listen on; 0 takes a free one. */
  port: number;
  /** The interface to listen on: loopback unless told otherwise (a container sets `0.0.0.0`). */
  host: string;
  /** The public origin users reach through the proxy (https in production); `undefined`: `http://localhost:<port>`. */
  publicUrl: string | undefined;
  /** Signs reset sessions and codes; the same on every instance. */
  secret: string;
  /** `smtp://user:pass@smtp.example.com:587`; `undefined` prints messages instead of sending them. */
  smtpUrl: string | undefined;
  /** The sender of the reset messages. */
  mailFrom: string;
  /** The app's name on the pages and in the messages. */
  appName: string;
}

/** A setting the environment does not give, or gives wrong. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const SECRET_HELP =
  "Every instance must sign with the same secret of at least 32 bytes. Generate one with " +
  "`openssl rand -hex 32`, keep it in your secret store, and start with it in the environment, e.g. " +
  "PASSWORD_RESET_SECRET=$(openssl rand -hex 32) npm run example:production";

/** Reads and checks the settings; throws a {@link ConfigError} naming the variable and the fix. */
export function readConfig(env: NodeJS.ProcessEnv): ProductionConfig {
  const secret = env.PASSWORD_RESET_SECRET;
  if (secret === undefined || secret === "") {
    throw new ConfigError(`PASSWORD_RESET_SECRET is not set. ${SECRET_HELP}`);
  }
  if (Buffer.byteLength(secret) < 32) {
    throw new ConfigError(`PASSWORD_RESET_SECRET is shorter than 32 bytes. ${SECRET_HELP}`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, not ${JSON.stringify(env.PORT)}.`);
  }
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, "") || undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/\s]+$/.test(publicUrl)) {
    throw new ConfigError(
      `PUBLIC_URL must be the origin users reach, like https://app.example.com, not ${JSON.stringify(publicUrl)}.`,
    );
  }
  if (env.NODE_ENV === "production" && !publicUrl?.startsWith("https://")) {
    // The hosted pages refuse an http: resetUrl in production: their cookies carry the link's
    // token and must be Secure. Outside production, http://localhost is fine for a local trial.
    throw new ConfigError(
      "PUBLIC_URL must be the https origin users reach (e.g. https://app.example.com) when NODE_ENV=production. " +
        "For a local trial, start without NODE_ENV=production.",
    );
  }
  return {
    databaseUrl: env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test",
    port,
    host: env.HOST || "127.0.0.1",
    publicUrl,
    secret,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || "Example app <no-reply@example.com>",
    appName: env.APP_NAME || "Example app",
  };
}

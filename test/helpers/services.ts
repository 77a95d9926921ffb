/**
 * Integration tests need Redis (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432, user postgres,
 * trust auth, database `test`). `requireService` probes one from a mocha `before` hook: when it
 * does not answer, the suite is skipped with a loud warning on a developer machine, and fails
 * under `CI=true`, where a silently skipped integration suite would hide a broken build.
 */
import { connect } from "node:net";
import pg from "pg";

/** A backing service the store tests talk to. */
export type ServiceName = "redis" | "postgres";

/** Where the services are expected. */
export const services = {
  redis: { host: "127.0.0.1", port: 6379, url: "redis://127.0.0.1:6379" },
  postgres: { host: "127.0.0.1", port: 5432, user: "postgres", database: "test" },
} as const;

const PROBE_TIMEOUT_MS = 2_000;
const probes = new Map<ServiceName, Promise<string | null>>();

/**
 * Resolves when `name` answers. Otherwise skips the calling suite (`ctx.skip()` in a `before`
 * hook skips every test in it) with a warning, or throws when `process.env.CI === "true"`.
 */
export async function requireService(ctx: Mocha.Context, name: ServiceName): Promise<void> {
  let probe = probes.get(name);
  if (!probe) probes.set(name, (probe = name === "redis" ? probeRedis() : probePostgres()));
  const problem = await probe;
  if (problem === null) return;
  const where = `${services[name].host}:${services[name].port}`;
  const message = `${name} does not answer at ${where} (${problem})`;
  if (process.env.CI === "true") {
    throw new Error(`${message}. CI=true, so the ${name} tests fail instead of being skipped.`);
  }
  console.warn(
    `\n  !!! SKIPPING the ${name} tests: ${message}.\n` +
      `  !!! Start ${name} locally to run them; under CI=true this is a failure.\n`,
  );
  ctx.skip();
}

// A raw PING, so the probe needs neither Redis client and cannot be fooled by a client's retries.
function probeRedis(): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect(services.redis.port, services.redis.host);
    const done = (problem: string | null) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done("no answer within 2 s"));
    socket.once("error", (error) => done(error.message));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) =>
      done(
        data.toString().startsWith("+PONG") ? null : `unexpected reply ${JSON.stringify(data.toString())}`,
      ),
    );
  });
}

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ ...services.postgres, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A name no other test run uses at the same time: `<base>_<pid>_<random>`, SQL-identifier safe. */
export function uniqueName(base: string): string {
  return `${base}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

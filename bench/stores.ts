/**
 * 5. Stores: latency of one full forgot + reset cycle (forgot, background delivery, reset with
 * the mailed token) on the memory, Redis and PostgreSQL stores, rate limits on (with points high
 * enough never to refuse) so their backend calls are part of the cycle. The password hash is a
 * SHA-256 stand-in: bcrypt would add the same ~100 ms to every store and hide what differs.
 *
 * The Redis and PostgreSQL stores are loaded with a dynamic import, so a store that is missing or
 * broken shows as "not available" instead of stopping the whole bench. Keys and tables carry a
 * unique name and are removed afterwards.
 */
import express from "express";
import { createPasswordResetRouter, type TokenStore } from "../lib/index.js";
import { CapturingMailer } from "../lib/testing/index.js";
import { BACKENDS, type Backend } from "./backends.js";
import { storeRouterOptions, userTable } from "./fixtures.js";
import { keepAliveAgent, listen, send } from "./http.js";
import { fixed, type Row, type SectionResult } from "./report.js";
import { quantile } from "./stats.js";

/** Knobs of the stores section. */
export interface StoresOptions {
  cycles: number;
  warmup: number;
}

const PASSWORD = "correct horse battery staple";

/** Cycle latencies in ms. */
async function cycles(store: TokenStore, options: StoresOptions): Promise<number[]> {
  const total = options.warmup + options.cycles;
  const mailer = new CapturingMailer();
  const router = createPasswordResetRouter({
    users: userTable(total),
    mailer,
    ...storeRouterOptions(store),
  });
  const app = express();
  app.use("/auth/password", router);
  const server = await listen(app);
  const agent = keepAliveAgent(1);
  const latencies: number[] = [];
  try {
    for (let i = 0; i < total; i++) {
      const started = process.hrtime.bigint();
      const forgot = await send(agent, `${server.url}/auth/password/forgot`, "POST", {
        email: `user-${i}@example.com`,
      });
      await router.drain();
      const token = mailer.lastToken();
      if (forgot.status !== 200 || token === undefined)
        throw new Error(`forgot answered ${forgot.status}, no token`);
      const reset = await send(agent, `${server.url}/auth/password/reset`, "POST", {
        token,
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      });
      if (reset.status !== 200) throw new Error(`reset answered ${reset.status}: ${reset.body}`);
      if (i >= options.warmup) latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await router.drain();
  } finally {
    agent.destroy();
    await router.close();
    await server.close();
  }
  return latencies;
}

/** Runs the section. */
export async function benchStores(options: StoresOptions): Promise<SectionResult> {
  const section = "5 stores";
  const rows: Row[] = [];
  const data: Record<string, unknown> = { ...options };
  let memoryP50: number | undefined;
  for (const [name, open] of BACKENDS) {
    let backend: Backend | undefined;
    try {
      backend = await open();
      const latencies = await cycles(backend.store, options);
      const p50 = quantile(latencies, 0.5);
      const p99 = quantile(latencies, 0.99);
      memoryP50 ??= p50;
      data[name] = { p50, p99, cycles: latencies.length };
      rows.push({
        section,
        figure: `${name}: forgot + reset cycle p50 / p99`,
        value: `${fixed(p50, 2)} / ${fixed(p99, 2)} ms`,
        target: "-",
        ratio: p50 / memoryP50,
        met: null,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      data[name] = { available: false, reason };
      rows.push({
        section,
        figure: `${name}: not available`,
        value: reason.slice(0, 60),
        target: "-",
        ratio: null,
        met: null,
      });
    } finally {
      await backend?.cleanup().catch(() => {});
    }
  }
  return { rows, data };
}

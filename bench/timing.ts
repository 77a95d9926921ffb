/**
 * 2. Enumeration timing: does forgot answer known and unknown accounts in the same time? Known
 * accounts take a 20 ms `findUser` and a 50 ms mailer; unknown ones return at once. Requests go
 * in pairs (one known, one unknown, in random order, one keep-alive connection) and the paired
 * differences are tested with Wilcoxon's signed-rank test.
 *
 * A null result only means something if the same procedure finds a leak that exists, so two
 * positive controls run too: `revealUnknownUser: true` (the router waits for the lookup: a gross
 * leak) and a host middleware that spins 0.1 ms for known accounts only (a leak the size of the
 * target, which shows the test's resolution). If a control is not detected the figure is void.
 */
import { randomInt } from "node:crypto";
import express from "express";
import {
  createPasswordResetRouter,
  type Identifier,
  type ResetUser,
  type UserAdapter,
} from "../lib/index.js";
import { idleMailer, RESET_URL, silentLogger } from "./fixtures.js";
import { keepAliveAgent, listen, send, sleep } from "./http.js";
import { fixed, pValue, type Row, type SectionResult } from "./report.js";
import { median, wilcoxonSignedRank } from "./stats.js";

/** Knobs of the timing section. */
export interface TimingOptions {
  /** Pairs for the main test and the 0.1 ms control. */
  pairs: number;
  /** Pairs for the revealUnknownUser control; each known request there takes ~70 ms. */
  revealPairs: number;
}

const MAX_MEDIAN_MS = 0.1;
const ALPHA = 0.01;
const LOOKUP_MS = 20;
const MAIL_MS = 50;
const SPIN_MS = 0.1;

// Known accounts are `k…@example.com`, unknown ones `u…@example.com`: the same length, so the
// bodies are byte-for-byte the same size.
const users: UserAdapter = {
  async findUser(identifier: Identifier): Promise<ResetUser | null> {
    if (!identifier.value.startsWith("k")) return null;
    await sleep(LOOKUP_MS);
    return { id: identifier.value, email: identifier.value };
  },
  async updatePassword(): Promise<void> {},
};

type Variant = "router" | "reveal" | "spin";

function createApp(variant: Variant) {
  const router = createPasswordResetRouter({
    users,
    mailer: idleMailer(MAIL_MS),
    resetUrl: RESET_URL,
    rateLimit: false,
    advanced: { logger: silentLogger },
    accounts: { revealUnknown: variant === "reveal" },
  });
  const app = express();
  if (variant === "spin") {
    // The deliberate small leak: extra work for known accounts only, before the router answers.
    app.use(express.json(), (req, _res, next) => {
      const email = (req.body as { email?: unknown } | undefined)?.email;
      if (typeof email === "string" && email.startsWith("k")) {
        const until = process.hrtime.bigint() + BigInt(Math.round(SPIN_MS * 1e6));
        while (process.hrtime.bigint() < until) {
          // spin
        }
      }
      next();
    });
  }
  app.use("/auth/password", router);
  return { app, router };
}

/** Paired known-minus-unknown latencies, in ms. */
async function measurePairs(variant: Variant, pairs: number, warmup: number): Promise<number[]> {
  const { app, router } = createApp(variant);
  const server = await listen(app);
  const agent = keepAliveAgent(1);
  const url = `${server.url}/auth/password/forgot`;
  const differences: number[] = [];
  try {
    for (let i = 0; i < warmup + pairs; i++) {
      const tag = String(i).padStart(6, "0");
      const known = { email: `k${tag}@example.com` };
      const unknown = { email: `u${tag}@example.com` };
      const knownFirst = randomInt(2) === 0;
      const first = await send(agent, url, "POST", knownFirst ? known : unknown);
      const second = await send(agent, url, "POST", knownFirst ? unknown : known);
      const [k, u] = knownFirst ? [first, second] : [second, first];
      if (variant !== "reveal" && (k.status !== 200 || u.status !== 200)) {
        throw new Error(`forgot answered ${k.status}/${u.status}`);
      }
      if (i >= warmup) differences.push(k.ms - u.ms);
    }
  } finally {
    agent.destroy();
    await router.close();
    await server.close();
  }
  return differences;
}

/** Runs the section. */
export async function benchTiming(options: TimingOptions): Promise<SectionResult> {
  const section = "2 timing";
  const rows: Row[] = [];
  const data: Record<string, unknown> = { ...options, lookupMs: LOOKUP_MS, mailMs: MAIL_MS };
  const summarise = (name: Variant, differences: number[]) => {
    const test = wilcoxonSignedRank(differences);
    const result = { pairs: differences.length, medianMs: median(differences), ...test };
    data[name] = result;
    return result;
  };

  const main = summarise("router", await measurePairs("router", options.pairs, 100));
  const reveal = summarise("reveal", await measurePairs("reveal", options.revealPairs, 5));
  const spin = summarise("spin", await measurePairs("spin", options.pairs, 100));
  const controlsDetected = reveal.p < ALPHA && reveal.medianMs > 0 && spin.p < ALPHA && spin.medianMs > 0;
  data.controlsDetected = controlsDetected;

  const medianMet = Math.abs(main.medianMs) < MAX_MEDIAN_MS;
  rows.push(
    {
      section,
      figure: `known-unknown median, ${main.pairs} pairs`,
      value: `${fixed(main.medianMs * 1000, 1)} us`,
      target: `|d| < ${MAX_MEDIAN_MS * 1000} us`,
      ratio: Math.abs(main.medianMs) / MAX_MEDIAN_MS,
      met: controlsDetected ? medianMet : false,
    },
    {
      section,
      figure: "Wilcoxon signed-rank p (normal approx.)",
      value: `p = ${pValue(main.p)}, z = ${fixed(main.z, 2)}`,
      target: `p >= ${ALPHA}`,
      ratio: main.p / ALPHA,
      met: controlsDetected ? main.p >= ALPHA : false,
    },
    {
      section,
      figure: `control: revealUnknownUser, ${reveal.pairs} pairs`,
      value: `d = ${fixed(reveal.medianMs, 1)} ms, p = ${pValue(reveal.p)}`,
      target: `detected (p < ${ALPHA})`,
      ratio: null,
      met: reveal.p < ALPHA && reveal.medianMs > 0,
    },
    {
      section,
      figure: `control: +${SPIN_MS * 1000} us spin for known, ${spin.pairs} pairs`,
      value: `d = ${fixed(spin.medianMs * 1000, 1)} us, p = ${pValue(spin.p)}`,
      target: `detected (p < ${ALPHA})`,
      ratio: null,
      met: spin.p < ALPHA && spin.medianMs > 0,
    },
  );
  return { rows, data };
}

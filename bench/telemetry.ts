/**
 * Telemetry: POST /forgot throughput (known account, so the background delivery and its child span
 * run) with `advanced.telemetry` off, on with no SDK registered (the API's no-op providers), and
 * on with the SDK recording into memory (an in-memory span exporter, a metric reader that keeps
 * the aggregates). Informative figures: the ratios to "off" show what an app pays for telemetry.
 *
 * Routers take their tracer and meter at construction, so each round builds a fresh router per
 * variant after setting the global providers that variant wants; the order rotates per round.
 */
import { metrics, trace } from "@opentelemetry/api";
import { MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import express from "express";
import { createPasswordResetRouter } from "../lib/index.js";
import { fireForgot, idleMailer, RESET_URL, silentLogger, userTable } from "./fixtures.js";
import { listen } from "./http.js";
import { fixed, type SectionResult } from "./report.js";

/** Knobs of the telemetry section. */
export interface TelemetryBenchOptions {
  rounds: number;
  seconds: number;
  connections: number;
}

type Variant = "off" | "noop" | "memory";
const LABEL: Record<Variant, string> = {
  off: "router POST /forgot, telemetry off",
  noop: "  telemetry on, no SDK (no-op providers)",
  memory: "  telemetry on, SDK into memory",
};

/** Keeps the metrics' aggregates; never exports. */
class KeepingReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** Runs the section. */
export async function benchTelemetry(options: TelemetryBenchOptions): Promise<SectionResult> {
  const totals: Record<Variant, { requests: number; seconds: number }> = {
    off: { requests: 0, seconds: 0 },
    noop: { requests: 0, seconds: 0 },
    memory: { requests: 0, seconds: 0 },
  };
  const exporter = new InMemorySpanExporter();
  let spans = 0;
  const fire = async (variant: Variant, seconds: number) => {
    trace.disable();
    metrics.disable();
    if (variant === "memory") {
      trace.setGlobalTracerProvider(
        new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
      );
      metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new KeepingReader()] }));
    }
    const router = createPasswordResetRouter({
      users: userTable(10),
      mailer: idleMailer(),
      resetUrl: RESET_URL,
      rateLimit: false,
      advanced: { logger: silentLogger, telemetry: variant !== "off" },
    });
    const server = await listen(express().use("/auth/password", router));
    try {
      return await fireForgot({
        mountUrl: `${server.url}/auth/password`,
        email: "user-1@example.com",
        connections: options.connections,
        seconds,
        label: variant,
        drain: () => router.drain(),
      });
    } finally {
      await router.close();
      await server.close();
      spans += exporter.getFinishedSpans().length;
      exporter.reset();
    }
  };
  try {
    // Warm-up: JIT and connections for every variant, not counted.
    for (const variant of ["off", "noop", "memory"] as const) await fire(variant, 1);
    spans = 0;
    for (let round = 0; round < options.rounds; round++) {
      const variants: Variant[] = ["off", "noop", "memory"];
      for (const variant of [...variants.slice(round % 3), ...variants.slice(0, round % 3)]) {
        const { requests, seconds } = await fire(variant, options.seconds);
        totals[variant].requests += requests;
        totals[variant].seconds += seconds;
      }
    }
  } finally {
    trace.disable();
    metrics.disable();
  }
  const rate = (variant: Variant) => totals[variant].requests / totals[variant].seconds;
  const section = "10 telemetry";
  const rows = (["off", "noop", "memory"] as const).map((variant) => ({
    section,
    figure: LABEL[variant],
    value: `${fixed(rate(variant), 0)} req/s`,
    target: "-",
    ratio: variant === "off" ? null : rate(variant) / rate("off"),
    met: null,
  }));
  return {
    rows,
    data: {
      ...options,
      offRate: rate("off"),
      noopRate: rate("noop"),
      memoryRate: rate("memory"),
      spansRecorded: spans,
    },
  };
}

// advanced.telemetry (issue 24): a span per request and the package's metrics through the global
// providers of @opentelemetry/api, read here with the SDK's in-memory span exporter and a metric
// reader; and, with telemetry off or the peer absent, what an app without it sees.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { metrics, trace, type Attributes } from "@opentelemetry/api";
import { MeterProvider, MetricReader, type MetricData } from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { expect } from "chai";
import sinon from "sinon";
import { PasswordResetConfigError } from "../../lib/index.js";
import { INSTRUMENTATION_VERSION } from "../../lib/telemetry/index.js";
import { EXPRESS_VERSIONS, createTestApp, type TestApp, type TestAppOptions } from "../helpers/app.js";
import { GOOD_PASSWORD, ALICE } from "../helpers/fixtures.js";
import { askForLinkOnPage } from "../helpers/page-forms.js";
import { forgot, post, requestLink, reset, session, smsCode } from "../helpers/client.js";

/** Collects on demand: the test reads the metrics when it wants them. */
class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

const exporter = new InMemorySpanExporter();
let reader: TestReader;

function telemetryApp(version: (typeof EXPRESS_VERSIONS)[number], options: TestAppOptions = {}): TestApp {
  return createTestApp(version, { ...options, advanced: { telemetry: true, ...options.advanced } });
}

function spans(name?: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((span) => name === undefined || span.name === name);
}

async function metric(name: string): Promise<MetricData | undefined> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((m) => m.descriptor.name === name);
}

/** The value of the counter `name` at exactly `attributes`. */
async function count(name: string, attributes: Attributes): Promise<number | undefined> {
  const data = await metric(name);
  const point = data?.dataPoints.find(
    (p) => JSON.stringify(sorted(p.attributes)) === JSON.stringify(sorted(attributes)),
  );
  return point?.value as number | undefined;
}

function sorted(attributes: Attributes): [string, unknown][] {
  return Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
}

describe("advanced.telemetry: spans and metrics through @opentelemetry/api", () => {
  before(() => {
    trace.disable();
    metrics.disable();
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
  });
  beforeEach(() => {
    exporter.reset();
    // A fresh meter provider per test, so each counts from zero (routers take the meter at construction).
    metrics.disable();
    reader = new TestReader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterEach(() => sinon.restore());
  after(() => {
    trace.disable();
    metrics.disable();
  });

  for (const version of EXPRESS_VERSIONS) {
    describe(version.name, () => {
      it("forgot is a span password_reset.forgot, its delivery a child span, each counted", async () => {
        const t = telemetryApp(version);
        await requestLink(t);
        const [request] = spans("password_reset.forgot");
        expect(request?.attributes).to.deep.equal({
          "password_reset.route": "forgot",
          "password_reset.outcome": "success",
          "password_reset.identifier_type": "email",
        });
        expect(request?.instrumentationScope).to.include({
          name: "express-password-reset",
          version: INSTRUMENTATION_VERSION,
        });
        const [delivery] = spans("password_reset.delivery");
        expect(delivery?.parentSpanContext?.spanId).to.equal(request?.spanContext().spanId);
        expect(delivery?.spanContext().traceId).to.equal(request?.spanContext().traceId);
        expect(delivery?.attributes).to.deep.equal({
          "password_reset.delivery.result": "sent",
          "password_reset.channel": "email",
        });
        expect(
          await count("password_reset.requests", {
            "password_reset.route": "forgot",
            "password_reset.outcome": "success",
          }),
        ).to.equal(1);
        expect(
          await count("password_reset.deliveries", {
            "password_reset.channel": "email",
            "password_reset.delivery.result": "sent",
          }),
        ).to.equal(1);
        const duration = await metric("password_reset.duration");
        expect(duration?.descriptor.unit).to.equal("s");
        expect((duration?.dataPoints[0]?.value as { count: number }).count).to.equal(1);
        await t.router.close();
      });

      it("verify and reset are spans of their own routes, and a refusal names its error type", async () => {
        const t = telemetryApp(version);
        const token = await requestLink(t);
        const resetToken = await session(t, { token });
        expect((await reset(t, { resetToken })).status).to.equal(200);
        expect((await reset(t, { token })).status).to.equal(400);
        expect(spans("password_reset.verify")[0]?.attributes).to.include({
          "password_reset.route": "verify",
          "password_reset.outcome": "success",
        });
        const resets = spans("password_reset.reset").map((span) => span.attributes);
        expect(resets).to.deep.equal([
          { "password_reset.route": "reset", "password_reset.outcome": "success" },
          {
            "password_reset.route": "reset",
            "password_reset.outcome": "error",
            "error.type": "INVALID_TOKEN",
          },
        ]);
        // A refusal is the router doing its job: the span's status stays unset (0).
        expect(spans("password_reset.reset")[1]?.status.code).to.equal(0);
        expect(
          await count("password_reset.requests", {
            "password_reset.route": "reset",
            "password_reset.outcome": "error",
            "error.type": "INVALID_TOKEN",
          }),
        ).to.equal(1);
        await t.router.close();
      });

      it("a failed delivery marks the child span and counts as failed; a server error marks the request's span", async () => {
        const t = telemetryApp(version);
        const token = await requestLink(t);
        t.users.failUpdates = 1;
        expect((await reset(t, { token })).status).to.equal(500);
        const [failed] = spans("password_reset.reset");
        expect(failed?.attributes["error.type"]).to.equal("INTERNAL_ERROR");
        expect(failed?.status.code).to.equal(2);

        sinon.stub(t.mailer, "sendPasswordReset").rejects(new Error(`SMTP refused ${ALICE.email}`));
        exporter.reset();
        await forgot(t, { email: ALICE.email });
        const [delivery] = spans("password_reset.delivery");
        expect(delivery?.attributes["password_reset.delivery.result"]).to.equal("failed");
        expect(delivery?.status.code).to.equal(2); // SpanStatusCode.ERROR
        expect(
          await count("password_reset.deliveries", {
            "password_reset.channel": "email",
            "password_reset.delivery.result": "failed",
          }),
        ).to.equal(1);
        await t.router.close();
      });
    });
  }

  it("telemetry carries no identifier, token, code, password or address", async () => {
    const version = EXPRESS_VERSIONS[1];
    const t = telemetryApp(version, {
      delivery: { email: "code" },
      accounts: { identifiers: ["email", "mobile", "username"] },
    });
    const secrets: string[] = [ALICE.email, ALICE.mobile, ALICE.username, GOOD_PASSWORD];
    const code = await smsCode(t);
    secrets.push(code);
    const resetToken = await session(t, { mobile: ALICE.mobile, code });
    secrets.push(resetToken);
    expect((await reset(t, { resetToken })).status).to.equal(200);
    await forgot(t, { username: ALICE.username });
    secrets.push(t.mailer.resets.at(-1)?.code ?? "");
    await post(t.app, "verify", { email: ALICE.email, code: "000000" });
    sinon.stub(t.mailer, "sendPasswordReset").rejects(new Error(`mailbox ${ALICE.email} full`));
    await forgot(t, { email: ALICE.email });
    await t.router.close();

    const { resourceMetrics } = await reader.collect();
    const exported = JSON.stringify({
      spans: spans().map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
      })),
      metrics: resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics),
    });
    expect(spans().length, "spans were recorded").to.be.greaterThan(5);
    expect(exported).to.include("delivery.sent"); // the events are there, by type
    for (const secret of secrets) {
      expect(secret.length).to.be.greaterThan(3);
      expect(exported, secret).not.to.include(secret);
    }
    expect(exported).not.to.include("example.com");
  });

  it("a hosted page's form post is a span of its route, its delivery a child span", async () => {
    const t = telemetryApp(EXPRESS_VERSIONS[1], {
      pages: true,
      resetUrl: "https://app.example.com/auth/password/reset",
    });
    await askForLinkOnPage(t.app, "/auth/password/forgot", ALICE.email);
    await t.router.drain();
    const [request] = spans("password_reset.forgot");
    expect(request?.attributes).to.include({
      "password_reset.route": "forgot",
      "password_reset.outcome": "success",
    });
    const [delivery] = spans("password_reset.delivery");
    expect(delivery?.parentSpanContext?.spanId).to.equal(request?.spanContext().spanId);
    expect(delivery?.attributes["password_reset.delivery.result"]).to.equal("sent");
    await t.router.close();
  });

  it("router.sendResetLink's deliveries are counted too, without a request span", async () => {
    const t = telemetryApp(EXPRESS_VERSIONS[1]);
    expect(await t.router.sendResetLink(ALICE.email)).to.deep.equal({ sent: true });
    expect(
      await count("password_reset.deliveries", {
        "password_reset.channel": "email",
        "password_reset.delivery.result": "sent",
      }),
    ).to.equal(1);
    expect(spans()).to.deep.equal([]);
    await t.router.close();
  });

  it("with accounts.tenant, a request's span carries its tenant, and a malformed tenant none", async () => {
    const t = telemetryApp(EXPRESS_VERSIONS[1], { accounts: { tenant: ({ req }) => req.get("X-Tenant") } });
    await post(t.app, "forgot", { email: ALICE.email }).set("X-Tenant", "acme");
    await post(t.app, "forgot", { email: ALICE.email }).set("X-Tenant", "not a tenant");
    await t.router.close();
    const tenants = spans("password_reset.forgot").map((span) => span.attributes["password_reset.tenant"]);
    expect(tenants).to.deep.equal(["acme", undefined]);
  });

  it("advanced.telemetry other than true or false throws at construction, naming it", () => {
    expect(() => telemetryApp(EXPRESS_VERSIONS[1], { advanced: { telemetry: "yes" as unknown as boolean } }))
      .to.throw(PasswordResetConfigError)
      .with.property("option", "advanced.telemetry");
  });

  it("the instrumentation scope's version is the package's", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as {
      version: string;
    };
    expect(INSTRUMENTATION_VERSION).to.equal(pkg.version);
  });
});

describe("advanced.telemetry without @opentelemetry/api", () => {
  const child = (
    mode: string,
  ): { thrown?: { name: string; message: string; option: string } | null } & {
    mails?: number;
    loaded?: string[];
  } => {
    const run = spawnSync(
      process.execPath,
      ["--require", "tsx/cjs", join(__dirname, "fixtures", "telemetry-child.ts"), mode],
      { encoding: "utf8" },
    );
    expect(run.status, run.stderr).to.equal(0);
    return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as ReturnType<typeof child>;
  };

  it("telemetry: true without the peer installed throws at construction naming npm install @opentelemetry/api", () => {
    const { thrown } = child("missing");
    expect(thrown?.name).to.equal("PasswordResetConfigError");
    expect(thrown?.option).to.equal("advanced.telemetry");
    expect(thrown?.message).to.include("npm install @opentelemetry/api");
  });

  it("with telemetry off, nothing of OpenTelemetry is loaded", () => {
    const { mails, loaded } = child("off");
    expect(mails, "the router worked").to.equal(1);
    expect(loaded).to.deep.equal([]);
  });
});

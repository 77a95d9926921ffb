/**
 * `advanced.telemetry`: a span per request and the package's metrics, through the global tracer
 * and meter providers of `@opentelemetry/api` (an optional peer). Everything here is derived from
 * what the router already knows — the route, how the request ended, the identifier's type, the
 * events it emitted — and takes values only from fixed vocabularies, so no identifier, token,
 * code, password or address can reach an exporter (a span's attributes are not scrubbed as log
 * lines are: they never receive a free-form value in the first place).
 *
 * Off, the router holds {@link TELEMETRY_OFF}: every method a no-op on shared objects, no
 * allocation per request, and `@opentelemetry/api` never loaded.
 */
import type * as OpenTelemetryApi from "@opentelemetry/api";
import { PasswordResetConfigError } from "../config-error.js";
import type { IdentifierType, PasswordResetEventType, RouteName } from "../types.js";
import { loadOpenTelemetryApi } from "./load-api.js";

/** The instrumentation scope's name and version (test/core/telemetry.test.ts keeps it in step). */
export const INSTRUMENTATION_NAME = "express-password-reset";
/** The package's version, as its instrumentation scope reports it. */
export const INSTRUMENTATION_VERSION = "1.0.0";

/** The attribute keys the package sets: a span or a metric point carries nothing else. */
export const TELEMETRY_ATTRIBUTES = {
  route: "password_reset.route",
  outcome: "password_reset.outcome",
  errorType: "error.type",
  identifierType: "password_reset.identifier_type",
  tenant: "password_reset.tenant",
  channel: "password_reset.channel",
  result: "password_reset.delivery.result",
} as const;

/** How a request ended, as the router answered it. */
export interface RequestEnd {
  /** The route that answered (after `parseRequest` chose one). */
  route: RouteName;
  /** The identifier's type, once the request named one. */
  identifierType: IdentifierType | undefined;
  /**
   * The request's tenant, as `accounts.tenant` named it (`undefined` without tenants, or when the
   * hook gave a malformed one).
   */
  tenant: string | undefined;
  /** The error envelope's type and status, when the answer was an error. */
  error: { type: string; status: number } | undefined;
}

/** One request's trace: its span, and the delivery that may follow it. */
export interface RequestTrace {
  /** False for the no-op trace of telemetry off: callers skip building what it would ignore. */
  readonly recording: boolean;
  /** Sees each event the request emits (by type and channel only). */
  event(type: PasswordResetEventType, channel: "email" | "sms" | undefined): void;
  /** Ends the request's span and records its metrics. */
  end(end: RequestEnd): void;
  /** `task` (the work after the answer), run in a child span of the request's. */
  background(task: () => Promise<void>): () => Promise<void>;
}

/** A router's telemetry. */
export interface Telemetry {
  /** Starts the trace of one request of `route` (renamed at {@link RequestTrace.end} if it changes). */
  request(route: RouteName): RequestTrace;
  /** The trace of work no request traces (`sendResetLink`): it only counts deliveries. */
  readonly untraced: RequestTrace;
}

const NO_TRACE: RequestTrace = {
  recording: false,
  event() {},
  end() {},
  background: (task) => task,
};

/** Telemetry off: shared no-ops. */
export const TELEMETRY_OFF: Telemetry = { request: () => NO_TRACE, untraced: NO_TRACE };

/** The error a missing peer gets, naming the fix. */
const MISSING_PEER =
  "is true, but `@opentelemetry/api` is not installed. Run `npm install @opentelemetry/api` " +
  "(and register an SDK's tracer and meter providers), or leave `advanced.telemetry` off.";

/**
 * The router's telemetry: {@link TELEMETRY_OFF} unless `enabled`, when `@opentelemetry/api` is
 * loaded (`load` is the seam a test replaces).
 * @throws {PasswordResetConfigError} naming `npm install @opentelemetry/api` when it is absent.
 */
export function createTelemetry(
  enabled: boolean,
  load: () => typeof OpenTelemetryApi = loadOpenTelemetryApi,
): Telemetry {
  if (!enabled) return TELEMETRY_OFF;
  let api: typeof OpenTelemetryApi;
  try {
    api = load();
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    throw new PasswordResetConfigError("advanced.telemetry", MISSING_PEER);
  }
  return new OpenTelemetry(api);
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND";
}

type Counter = OpenTelemetryApi.Counter;
type Histogram = OpenTelemetryApi.Histogram;

/** The instruments, made once per router from the global providers. */
interface Instruments {
  readonly api: typeof OpenTelemetryApi;
  readonly tracer: OpenTelemetryApi.Tracer;
  readonly requests: Counter;
  readonly deliveries: Counter;
  readonly duration: Histogram;
}

class OpenTelemetry implements Telemetry {
  readonly #instruments: Instruments;
  readonly untraced: RequestTrace;

  constructor(api: typeof OpenTelemetryApi) {
    const meter = api.metrics.getMeter(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
    this.#instruments = {
      api,
      tracer: api.trace.getTracer(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION),
      requests: meter.createCounter("password_reset.requests", {
        description: "Requests answered, by route and outcome.",
        unit: "{request}",
      }),
      deliveries: meter.createCounter("password_reset.deliveries", {
        description: "Reset messages handed to the mailer or SMS sender, by channel and result.",
        unit: "{message}",
      }),
      duration: meter.createHistogram("password_reset.duration", {
        description: "Time from a request's arrival to its answer.",
        unit: "s",
      }),
    };
    this.untraced = new DeliveryCounter(this.#instruments);
  }

  request(route: RouteName): RequestTrace {
    return new SpanTrace(this.#instruments, route);
  }
}

type DeliveryResult = "sent" | "failed" | "none";

/** Counts deliveries from the events `delivery.sent` and `delivery.failed`. */
class DeliveryCounter implements RequestTrace {
  readonly recording: boolean = true;
  protected readonly instruments: Instruments;
  /** What the last delivery did: `sent`, `failed`, or `none` (nothing was handed over). */
  protected result: DeliveryResult = "none";
  protected channel: "email" | "sms" | undefined = undefined;

  constructor(instruments: Instruments) {
    this.instruments = instruments;
  }

  event(type: PasswordResetEventType, channel: "email" | "sms" | undefined): void {
    if (type !== "delivery.sent" && type !== "delivery.failed") return;
    this.result = type === "delivery.sent" ? "sent" : "failed";
    this.channel = channel;
    this.instruments.deliveries.add(1, {
      [TELEMETRY_ATTRIBUTES.channel]: channel ?? "none",
      [TELEMETRY_ATTRIBUTES.result]: this.result,
    });
  }

  end(_end: RequestEnd): void {}

  background(task: () => Promise<void>): () => Promise<void> {
    return task;
  }
}

/** A request's span, its metrics, and its delivery's child span. */
class SpanTrace extends DeliveryCounter {
  readonly #span: OpenTelemetryApi.Span;
  readonly #started = performance.now();
  /** Where events go: the request's span, then, once the answer is out, the delivery's. */
  #eventsTo: OpenTelemetryApi.Span;

  constructor(instruments: Instruments, route: RouteName) {
    super(instruments);
    this.#span = instruments.tracer.startSpan(`password_reset.${route}`, {
      attributes: { [TELEMETRY_ATTRIBUTES.route]: route },
    });
    this.#eventsTo = this.#span;
  }

  override event(type: PasswordResetEventType, channel: "email" | "sms" | undefined): void {
    super.event(type, channel);
    // The audit event's type, and the channel: never its reason, operation, user or address.
    this.#eventsTo.addEvent(type, channel ? { [TELEMETRY_ATTRIBUTES.channel]: channel } : {});
  }

  override end({ route, identifierType, tenant, error }: RequestEnd): void {
    const { api, requests, duration } = this.instruments;
    const { route: routeKey, outcome, errorType } = TELEMETRY_ATTRIBUTES;
    const common: OpenTelemetryApi.Attributes = {
      [routeKey]: route,
      [outcome]: error ? "error" : "success",
      ...(error ? { [errorType]: error.type } : {}),
    };
    requests.add(1, common);
    duration.record((performance.now() - this.#started) / 1000, common);
    this.#span.updateName(`password_reset.${route}`);
    this.#span.setAttributes({
      ...common,
      ...(identifierType ? { [TELEMETRY_ATTRIBUTES.identifierType]: identifierType } : {}),
      ...(tenant !== undefined ? { [TELEMETRY_ATTRIBUTES.tenant]: tenant } : {}),
    });
    // A refusal (4xx) is the router doing its job; only a failure of the server marks the span.
    if (error && error.status >= 500) {
      this.#span.setStatus({ code: api.SpanStatusCode.ERROR, message: error.type });
    }
    this.#span.end();
  }

  override background(task: () => Promise<void>): () => Promise<void> {
    const { api, tracer } = this.instruments;
    const parent = api.trace.setSpan(api.context.active(), this.#span);
    return async () => {
      const span = tracer.startSpan("password_reset.delivery", {}, parent);
      this.#eventsTo = span;
      this.result = "none";
      this.channel = undefined;
      try {
        // Within the child's context, an instrumented mailer or SMS client nests under it.
        await api.context.with(api.trace.setSpan(parent, span), task);
      } finally {
        // Set by `event` while the task ran (the compiler cannot see that).
        const result = this.result as DeliveryResult;
        span.setAttributes({
          [TELEMETRY_ATTRIBUTES.result]: result,
          ...(this.channel ? { [TELEMETRY_ATTRIBUTES.channel]: this.channel } : {}),
        });
        if (result === "failed") span.setStatus({ code: api.SpanStatusCode.ERROR });
        span.end();
      }
    };
  }
}

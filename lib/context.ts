/**
 * What every flow works with: the resolved config, the limiters, events, background tasks, and
 * adapter calls bounded in time and reported when they fail.
 */
import type { Request } from "express";
import { BackgroundTasks } from "./background.js";
import { Events, type EventInput } from "./events.js";
import type { ResolvedConfig } from "./options.js";
import { createLimiters, type Limiters } from "./rate-limit.js";
import { withTimeout } from "./timeout.js";

/** Shared state of one router. */
export interface FlowContext {
  readonly config: ResolvedConfig;
  readonly limiters: Limiters;
  readonly events: Events;
  readonly background: BackgroundTasks;
  /**
   * Calls an adapter (`users.findUser`, `tokenStore.issue`, ...) within `adapterTimeoutMs`. A
   * failure is reported as an `adapter.failed` event, secrets scrubbed, then rethrown.
   */
  call<T>(
    operation: string,
    event: Partial<EventInput>,
    secrets: ReadonlyArray<string | undefined>,
    fn: () => Promise<T>,
  ): Promise<T>;
}

/** One request as the flows see it: no Express beyond what hooks receive. */
export interface FlowInput {
  /** The parsed, hostile-checked body. */
  body: Record<string, unknown>;
  /** Client IP, from Express's `req.ip` (the host app decides `trust proxy`). */
  ip: string;
  /** The `Authorization` header, if any. */
  authorization: string | undefined;
  /** The Express request, handed to `afterReset`. */
  req: Request;
  /** The `bindTo` context of this request, if any. */
  binding: string | undefined;
}

/** What a flow answers: the success `data`, and work to start once the response is sent. */
export interface FlowResult {
  data: Record<string, unknown>;
  afterResponse?: () => Promise<void>;
}

/** A flow: validate, rate-limit, act through the adapters, answer. */
export type Flow = (ctx: FlowContext, input: FlowInput) => Promise<FlowResult>;

/** Builds the shared state of a router from its config. */
export function createContext(config: ResolvedConfig): FlowContext {
  const events = new Events(config);
  const background = new BackgroundTasks((error) =>
    events.failure({ type: "adapter.failed", operation: "background task" }, error, []),
  );
  return {
    config,
    limiters: createLimiters(config),
    events,
    background,
    async call(operation, event, secrets, fn) {
      try {
        return await withTimeout(operation, config.adapterTimeoutMs, fn);
      } catch (error) {
        events.failure({ type: "adapter.failed", ...event, operation }, error, secrets);
        throw error;
      }
    },
  };
}

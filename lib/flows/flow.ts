/** What every flow is: a typed request in, the success `data` and any work for after the answer out. */
import type { RouteRequests } from "../requests/types.js";
import type { Scope } from "../scope.js";
import type { RouteName } from "../types.js";

/** What a flow answers: the success `data`, and work to start once the response is sent. */
export interface FlowResult {
  data: Record<string, unknown>;
  afterResponse?: () => Promise<void>;
  /** How long after the answer `afterResponse` starts. [0] */
  afterResponseDelayMs?: number;
}

/** A flow: limit, act through the adapters, answer. Reading and checking the request came before. */
export type Flow<R extends RouteName> = (scope: Scope, request: RouteRequests[R]) => Promise<FlowResult>;

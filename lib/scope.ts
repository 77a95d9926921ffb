/**
 * The per-request scope the router hands every flow: which route and client this is, the
 * secrets of the request (cut out of anything reported), and the context events carry. Adapter
 * calls go through {@link Scope.call}, which bounds them in time and reports a failure once, so
 * a flow reads as its story rather than as bookkeeping.
 */
import { RequestError } from "./errors.js";
import type { EventInput } from "./events.js";
import type { Realm } from "./realm.js";
import type { Runtime } from "./runtime.js";
import type { RequestTrace } from "./telemetry/index.js";
import { withTimeout } from "./timeout.js";
import type { GrantKind, IdentifierType, PasswordResetEventType, ResetUser, RouteName } from "./types.js";

/** Who sent the request. */
export interface Client {
  /** The client IP, from Express's `req.ip` (the host app decides `trust proxy`). */
  ip: string;
  /** What per-IP limits and budgets count by: the IPv4 address, or the IPv6 prefix. */
  network: string;
  /**
   * Set for a delivery the app starts itself (`sendResetLink`): no client sent it, so a code it
   * sends belongs to no client network (a request may call itself anything, `app` included).
   */
  byApp?: true;
  /** The request's `Accept-Language`, if it sent one: the language of the messages it causes. */
  acceptLanguage?: string;
}

/** What events of this request say about it, filled in as the flow learns it. */
export interface EventContext {
  userId?: string;
  tenant?: string;
  identifierType?: IdentifierType;
  grant?: GrantKind;
  channel?: "email" | "sms";
}

/** Per-request hooks bound to the Express request, so flows need not see it. */
export interface RequestHooks {
  /** The app's `hooks.afterReset`, bound to this request. */
  afterReset: ((user: ResetUser) => Promise<void | Record<string, unknown>>) | undefined;
  /** The app's `accounts.secondFactor.verify`, bound to this request. */
  verifySecondFactor?: ((user: ResetUser, answer: string) => boolean | Promise<boolean>) | undefined;
  /** The app's `hooks.onCompromiseReported`, bound to this request and its tenant. */
  onCompromiseReported?: ((user: ResetUser | null, userId: string) => void | Promise<void>) | undefined;
}

/** One request's scope; see the module comment. */
export class Scope {
  /** The router's services and settings. */
  readonly runtime: Runtime;
  /** The route being answered. */
  readonly route: RouteName;
  /** Who sent the request. */
  readonly client: Client;
  /** The request's `bindTo` context, if any; set by the router once the hook has run. */
  binding: string | undefined = undefined;
  /**
   * The realm whose secrets this request issues and accepts: the router's own, unless the router
   * derives one for this request (`deriveRealm` with the request's tenant) before any flow runs.
   */
  realm: Realm;
  /**
   * True when `accounts.tenant` gave a malformed tenant: `findUser` then finds nobody, without
   * asking the app, so the request is answered as for an unknown account (tenants.ts).
   */
  unknownTenant = false;
  /** Hooks bound to the Express request. */
  readonly hooks: RequestHooks;
  /**
   * The request's trace (`advanced.telemetry`), which sees every event: the router sets the
   * request's own; a scope no request traces (`sendResetLink`) only counts its deliveries.
   */
  trace: RequestTrace;
  readonly #secrets: string[] = [];
  readonly #context: EventContext = {};

  /** Made by the router for each request. */
  constructor(runtime: Runtime, route: RouteName, client: Client, hooks: RequestHooks) {
    this.runtime = runtime;
    this.realm = runtime.realm;
    this.route = route;
    this.client = client;
    this.hooks = hooks;
    this.trace = runtime.telemetry.untraced;
  }

  /** The type of the request's identifier, once the flow has noted it. */
  get identifierType(): IdentifierType | undefined {
    return this.#context.identifierType;
  }

  /** Marks values as secret: no event or log line of this request will carry them. */
  hide(...secrets: ReadonlyArray<string | undefined>): void {
    for (const secret of secrets) if (secret) this.#secrets.push(secret);
  }

  /** Adds to what this request's later events say (the user, the kind of grant, the channel). */
  note(context: EventContext): void {
    Object.assign(this.#context, context);
  }

  /** Emits an event of this request. */
  emit(type: PasswordResetEventType, extra: Partial<EventInput> = {}): void {
    // Without `hooks.onEvent` nobody reads the event: skip building it (every request emits some).
    if (this.runtime.events.listened) this.runtime.events.emit(this.#event(type, extra));
  }

  /**
   * Calls an adapter (`users.findUser`, `tokenStore.issue`, ...) within the adapter time limit
   * (`advanced.adapterTimeoutSeconds`). A failure is reported once, as `adapter.failed` (or
   * `failureType`), its message cut of every secret of the request, then rethrown.
   */
  async call<T>(
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
    failureType: PasswordResetEventType = "adapter.failed",
  ): Promise<T> {
    try {
      // A function that takes the signal wants to be cancelled at the timeout (the hasher does).
      const { adapterTimeoutMs } = this.runtime.settings.advanced;
      return await withTimeout(operation, adapterTimeoutMs, fn, fn.length > 0);
    } catch (error) {
      this.runtime.events.failure(this.#event(failureType, { operation }), error, this.#secrets);
      throw error;
    }
  }

  /**
   * Like {@link Scope.call} for steps whose failure the flow rides out (cleanup after the password
   * changed, notices): reported, then `undefined`.
   */
  async attempt<T>(
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
    failureType?: PasswordResetEventType,
  ): Promise<T | undefined> {
    try {
      return await this.call(operation, fn, failureType);
    } catch {
      return undefined;
    }
  }

  /** Reports `error` as an event of `type` (and a log line), its message cut of every secret. */
  report(type: PasswordResetEventType, error: unknown, extra: Partial<EventInput> = {}): void {
    this.runtime.events.failure(this.#event(type, extra), error, this.#secrets);
  }

  /** Reports an error no adapter call reported (a bug, a hook outside `call`); answers are not errors. */
  reportUnexpected(error: unknown): void {
    if (error instanceof RequestError || this.runtime.events.wasReported(error)) return;
    this.runtime.events.failure(
      this.#event("adapter.failed", { operation: this.route }),
      error,
      this.#secrets,
    );
  }

  /** Every event of this request is built here, once: the trace sees its type and channel. */
  #event(type: PasswordResetEventType, extra: Partial<EventInput>): EventInput {
    const event = { type, route: this.route, ip: this.client.ip, ...this.#context, ...extra };
    this.trace.event(type, event.channel);
    return event;
  }
}

// Shared pieces of the security suite: a token store that can be made to fail, hang or run slow
// like a networked one, a loopback server for truly parallel requests, and envelope assertions.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import type { Response } from "supertest";
import request from "supertest";
import { MemoryTokenStore } from "../../lib/index.js";
import type { AttemptCount, Grant, GrantKind, TokenStore } from "../../lib/index.js";
import { ERROR_TABLE } from "../../lib/index.js";
import type { RequestListener } from "node:http";
import { createTestApp, type ExpressVersion, type TestApp, type TestAppOptions } from "../helpers/app.js";

export const BASE = "/auth/password";
export const GOOD_PASSWORD = "correct horse battery";

/** A promise that never settles: an adapter that hangs. Holds no timer, so nothing leaks. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/** One turn of the event loop, so other sockets' requests get to run (what a network round trip does). */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A promise with its resolver, to hold an adapter until the test lets it go. */
export function gate<T>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

type StoreMethod =
  "issue" | "find" | "claim" | "release" | "remove" | "revokeUser" | "countAttempt" | "clearAttempts";

interface Fault {
  mode: "throw" | "hang";
  remaining: number;
  message: (args: unknown[]) => string;
}

/**
 * A {@link MemoryTokenStore} behind a switchboard: any method can be made to throw or hang (for a
 * number of calls), and every call can wait `latencyTurns` event-loop turns first, as a Redis or
 * PostgreSQL round trip would, which is what opens the windows that races need.
 */
export class SwitchableStore implements TokenStore {
  readonly inner: MemoryTokenStore;
  readonly calls: StoreMethod[] = [];
  latencyTurns = 0;
  readonly #faults = new Map<StoreMethod, Fault>();

  constructor(now: () => number) {
    this.inner = new MemoryTokenStore({ now });
  }

  /** Makes `method` throw (or hang) for the next `times` calls. */
  fail(
    method: StoreMethod,
    mode: "throw" | "hang",
    options: { times?: number; message?: (args: unknown[]) => string } = {},
  ): void {
    this.#faults.set(method, {
      mode,
      remaining: options.times ?? Number.POSITIVE_INFINITY,
      message: options.message ?? (() => `store exploded in ${method}: connection to 10.1.2.3:6379 reset`),
    });
  }

  async #run<T>(method: StoreMethod, args: unknown[], call: () => Promise<T>): Promise<T> {
    this.calls.push(method);
    for (let i = 0; i < this.latencyTurns; i++) await turn();
    const fault = this.#faults.get(method);
    if (fault && fault.remaining > 0) {
      fault.remaining -= 1;
      if (fault.mode === "hang") return never<T>();
      throw new Error(fault.message(args));
    }
    return call();
  }

  issue(grant: Grant): Promise<void> {
    return this.#run("issue", [grant], () => this.inner.issue(grant));
  }
  find(kind: GrantKind, id: string): Promise<Grant | null> {
    return this.#run("find", [kind, id], () => this.inner.find(kind, id));
  }
  claim(kind: GrantKind, id: string, hash: string, leaseMs: number): Promise<boolean> {
    return this.#run("claim", [kind, id, hash, leaseMs], () => this.inner.claim(kind, id, hash, leaseMs));
  }
  release(kind: GrantKind, id: string, hash: string): Promise<void> {
    return this.#run("release", [kind, id, hash], () => this.inner.release(kind, id, hash));
  }
  remove(kind: GrantKind, id: string): Promise<void> {
    return this.#run("remove", [kind, id], () => this.inner.remove(kind, id));
  }
  revokeUser(userId: string): Promise<void> {
    return this.#run("revokeUser", [userId], () => this.inner.revokeUser(userId));
  }
  countAttempt(key: string, windowMs: number): Promise<AttemptCount> {
    return this.#run("countAttempt", [key, windowMs], () => this.inner.countAttempt(key, windowMs));
  }
  clearAttempts(key: string): Promise<void> {
    return this.#run("clearAttempts", [key], () => this.inner.clearAttempts(key));
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A test app that also accepts mobile numbers (its codes go to `t.sms`). */
export function createSmsApp(version: ExpressVersion, options: TestAppOptions = {}): TestApp {
  return createTestApp(version, { identifiers: ["email", "mobile"], ...options });
}

/** An SMS app over a {@link SwitchableStore} that shares the test's clock; `close` stops both. */
export function createStoreApp(
  version: ExpressVersion,
  options: TestAppOptions = {},
): { t: TestApp; store: SwitchableStore; clock: { now: number }; close: () => Promise<void> } {
  const clock = testClock();
  const store = new SwitchableStore(clock.fn);
  const t = createSmsApp(version, { tokenStore: store, now: clock.fn, ...options });
  return {
    t,
    store,
    clock,
    close: async () => {
      await t.router.close();
      await store.close();
    },
  };
}

/** A clock the test owns, for apps whose store is built before `createTestApp` makes its own. */
export function testClock(): { now: number; fn: () => number } {
  const clock = { now: Date.UTC(2026, 0, 1), fn: () => clock.now };
  return clock;
}

/** The app on a real loopback socket, so parallel requests really arrive in parallel. */
export async function listen(app: RequestListener): Promise<{ server: Server; close: () => Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  expect((server.address() as AddressInfo).port).to.be.greaterThan(0);
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs a JSON body to one of the router's routes. */
export function post(app: RequestListener | Server, route: "forgot" | "verify" | "reset", body: object) {
  return request(app).post(`${BASE}/${route}`).send(body);
}

/**
 * POSTs a JSON body as if from client address `ip`: the app must `set("trust proxy", true)`, so
 * Express takes `req.ip` from `X-Forwarded-For` the way it would behind a load balancer.
 */
export function postFrom(
  app: RequestListener | Server,
  ip: string,
  route: "forgot" | "verify" | "reset",
  body: object,
) {
  return request(app).post(`${BASE}/${route}`).set("X-Forwarded-For", ip).send(body);
}

/**
 * POSTs exactly these bytes. superagent would otherwise JSON-serialise a Buffer when the content
 * type says JSON, and the test would not send what it claims to.
 */
export function postRaw(
  app: RequestListener | Server,
  path: string,
  body: string | Buffer,
  contentType?: string,
) {
  const req = request(app).post(path);
  if (contentType !== undefined) req.set("Content-Type", contentType);
  return req.serialize((data: unknown) => data as string).send(body as string);
}

/** Requests a link for `email` and returns the token the mailer captured. */
export async function requestLink(t: TestApp, email = "alice@example.com"): Promise<string> {
  const res = await post(t.app, "forgot", { email });
  expect(res.status, res.text).to.equal(200);
  await t.router.drain();
  const token = t.mailer.lastToken();
  expect(token, "a link was mailed").to.be.a("string");
  return token as string;
}

/** Requests a code by SMS for `mobile` and returns it. */
export async function requestSmsCode(t: TestApp, mobile = "+14155550100"): Promise<string> {
  const res = await post(t.app, "forgot", { mobile });
  expect(res.status, res.text).to.equal(200);
  await t.router.drain();
  const code = t.sms.last?.code;
  expect(code, "a code was texted").to.be.a("string");
  return code as string;
}

/** Exchanges a link token for a reset session. */
export async function verifyLink(t: TestApp, token: string): Promise<string> {
  const res = await post(t.app, "verify", { token });
  expect(res.status, res.text).to.equal(200);
  return res.body.data.resetToken as string;
}

/** Asserts the contract's error envelope with `type` and its status from the error table. */
export function expectError(res: Response, type: keyof typeof ERROR_TABLE): void {
  expect(res.status, res.text).to.equal(ERROR_TABLE[type].status);
  expect(res.headers["content-type"]).to.match(/^application\/json/);
  expect(res.body.success, res.text).to.equal(false);
  expect(res.body.error.type, res.text).to.equal(type);
  expect(res.body.error.message).to.be.a("string").and.not.equal("");
}

/** Asserts a 400 VALIDATION_ERROR whose `details` name `field` (or a path inside it). */
export function expectFieldError(res: Response, field: string): void {
  expectError(res, "VALIDATION_ERROR");
  const details = res.body.error.details as Array<{ field: string; message: string }>;
  expect(details, res.text).to.be.an("array").that.is.not.empty;
  for (const detail of details) {
    expect(detail.field).to.be.a("string");
    expect(detail.message).to.be.a("string");
  }
  expect(
    details.some((d) => d.field === field || d.field.startsWith(`${field}.`)),
    `details name ${field}: ${res.text}`,
  ).to.equal(true);
}

/** The generic 500 of the contract: nothing of the adapter's error, no stack. */
export function expectGenericInternalError(res: Response, ...mustNotContain: string[]): void {
  expectError(res, "INTERNAL_ERROR");
  expect(res.body).to.deep.equal({
    success: false,
    error: { type: "INTERNAL_ERROR", message: ERROR_TABLE.INTERNAL_ERROR.message },
  });
  expect(res.text).not.to.match(/\bat .*:\d+:\d+/); // no stack frame
  for (const text of mustNotContain) expect(res.text).not.to.include(text);
}

/** Headers of a response minus the one that changes every second. */
export function stableHeaders(res: Response): Record<string, string> {
  const { date: _date, ...rest } = res.headers as Record<string, string>;
  return rest;
}

// A token store that fails, hangs or runs slow on demand: the memory store behind a switchboard.
import { MemoryTokenStore } from "../../lib/index.js";
import type { AttemptCount, Grant, GrantKind, TokenStore } from "../../lib/index.js";
import { never, turn } from "./async.js";

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

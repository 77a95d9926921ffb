// What the app's onEvent saw, sorted out for assertions.
import type { PasswordResetEvent } from "../../lib/index.js";
import type { TestApp } from "./app.js";

/** The `adapter.failed` events of `operation` (an adapter method, a hook, `resetUrl`). */
export function failuresOf(t: Pick<TestApp, "events">, operation: string): PasswordResetEvent[] {
  return t.events.filter((e) => e.type === "adapter.failed" && e.operation === operation);
}

/**
 * The live side of a router, built once from its settings and closed in one place: the token
 * store (the app's, or a memory store the router owns), the password hasher (the app's, or the
 * bcrypt worker pool the router owns), the link builder, events, background tasks and the compiled
 * request readers.
 */
import { BackgroundTasks } from "./background.js";
import { Events } from "./events.js";
import { createBcryptPool, type PasswordHashing } from "./hashing/bcrypt-pool.js";
import { createRequestReaders, type RequestReaders } from "./http/requests.js";
import { createLinkBuilder, type LinkBuilder } from "./links.js";
import { createPasswordChecks } from "./policy/checks.js";
import type { PasswordChecks } from "./policy/types.js";
import type { Settings } from "./settings/settings.js";
import { MemoryTokenStore } from "./stores/memory.js";
import type { TokenStore } from "./types.js";

/** A router's services and settings. */
export interface Runtime {
  readonly settings: Settings;
  readonly store: TokenStore;
  /** Hashes a new password; honours the signal when the hasher is the router's pool. */
  readonly hashPassword: (plain: string, signal: AbortSignal) => Promise<string>;
  /** The built-in password checks (common list, context words, strength, breached). */
  readonly passwordChecks: PasswordChecks;
  readonly buildLink: LinkBuilder;
  readonly events: Events;
  readonly background: BackgroundTasks;
  readonly requests: RequestReaders;
  /** Waits for background work, then stops what the router itself started. */
  close(): Promise<void>;
}

/** Builds the services `settings` call for. */
export function createRuntime(settings: Settings): Runtime {
  const ownStore = settings.tokenStore ? undefined : new MemoryTokenStore({ now: settings.now });
  const store: TokenStore = settings.tokenStore ?? ownStore!;
  // bcrypt on the main thread stalls the host app for the whole hash (bench: a burst of 32 resets
  // blocked a neighbouring route for 2.6 s); the default hashes in worker threads instead.
  const custom = settings.hashPassword;
  const hasher = settings.password.hasher;
  const pool: PasswordHashing | undefined =
    custom || hasher ? undefined : createBcryptPool({ rounds: settings.bcryptRounds });
  const events = new Events(settings);
  const background = new BackgroundTasks((error) =>
    events.failure({ type: "adapter.failed", operation: "background task" }, error, []),
  );
  return {
    settings,
    store,
    hashPassword: custom
      ? (plain) => custom(plain)
      : hasher
        ? (plain) => hasher.hash(plain)
        : (plain, signal) => pool!.hash(plain, signal),
    passwordChecks: createPasswordChecks({
      commonPasswords: settings.password.commonPasswords,
      breached: settings.password.breached,
      minStrength: settings.password.minStrength,
      ...(settings.appName !== undefined ? { appName: settings.appName } : {}),
    }),
    buildLink: createLinkBuilder(settings.resetUrl),
    events,
    background,
    requests: createRequestReaders(settings),
    async close() {
      await background.drain();
      await pool?.close();
      await ownStore?.close();
    },
  };
}

/**
 * The live side of a router, built once from its settings and closed in one place: the token
 * store (the app's, or a memory store the router owns), the password hasher (the app's, or the
 * bcrypt worker pool the router owns), the link builder, events, background tasks, the compiled
 * request readers and telemetry. Each service is built from the settings slices it needs.
 */
import { BackgroundTasks } from "./background.js";
import { Events } from "./events.js";
import type { GrantTerms } from "./grants/build.js";
import { createBcryptPool, type PasswordHashing } from "./hashing/bcrypt-pool.js";
import { createRequestReaders, type RequestReaders } from "./http/requests.js";
import {
  createLinkBuilder,
  createReportLinkBuilder,
  type LinkBuilder,
  type ReportLinkBuilder,
} from "./links.js";
import { createPasswordChecks } from "./policy/checks.js";
import type { PasswordChecks } from "./policy/types.js";
import { createTenantRealms, deriveRealm, type Realm, type TenantRealms } from "./realm.js";
import type { Settings } from "./settings/settings.js";
import { MemoryTokenStore } from "./stores/memory.js";
import { createTelemetry, type Telemetry } from "./telemetry/index.js";
import type { TokenStore } from "./types.js";

/** A router's services and settings. */
export interface Runtime {
  readonly settings: Settings;
  readonly store: TokenStore;
  /** What grants are made with (clock, lifetimes), gathered once from their slices. */
  readonly grants: GrantTerms;
  /**
   * The router's own realm (its `secret` and `accounts.namespace`): every request's, until a
   * request derives its own (see `Scope.realm`), and `revokeUser`'s.
   */
  readonly realm: Realm;
  /** The realms of the app's tenants (`accounts.tenant`), cached. */
  readonly tenants: TenantRealms;
  /** Hashes a new password; honours the signal when the hasher is the router's pool. */
  readonly hashPassword: (plain: string, signal: AbortSignal) => Promise<string>;
  /** The built-in password checks (common list, context words, strength, breached). */
  readonly passwordChecks: PasswordChecks;
  readonly buildLink: LinkBuilder;
  /** The report link of password-changed notices ("this wasn't me"); `undefined` without a page for it. */
  readonly buildReportLink: ReportLinkBuilder | undefined;
  readonly events: Events;
  readonly background: BackgroundTasks;
  readonly requests: RequestReaders;
  /** Spans and metrics (`advanced.telemetry`), or shared no-ops. */
  readonly telemetry: Telemetry;
  /** Waits for background work, then stops what the router itself started. */
  close(): Promise<void>;
}

/**
 * Builds the services `settings` call for. `hostedReportUrl` is the hosted report page's address
 * when the pages are on: the report links then lead there rather than to `delivery.reportUrl`.
 */
export function createRuntime(settings: Settings, hostedReportUrl?: string): Runtime {
  const { core, keys, accounts, codes, delivery, password, http, hooks, advanced } = settings;
  const ownStore = core.tokenStore ? undefined : new MemoryTokenStore({ now: advanced.now });
  const store: TokenStore = core.tokenStore ?? ownStore!;
  // bcrypt on the main thread stalls the host app for the whole hash (bench: a burst of 32 resets
  // blocked a neighbouring route for 2.6 s); a bcryptHasher, the default one included, hashes in
  // worker threads instead.
  // First: a missing `@opentelemetry/api` throws before anything live (the bcrypt pool) is started.
  const telemetry = createTelemetry(advanced.telemetry);
  const hashing = createHashing(password.hashing);
  const events = new Events({ onEvent: hooks.onEvent, logger: advanced.logger, now: advanced.now });
  const background = new BackgroundTasks((error) =>
    events.failure({ type: "adapter.failed", operation: "background task" }, error, []),
  );
  const realm = deriveRealm({ secrets: keys.secrets, namespace: accounts.namespace });
  return {
    settings,
    store,
    grants: {
      codes,
      linkTtlMs: delivery.linkTtlMs,
      sessionTtlMs: http.sessionTtlMs,
      now: advanced.now,
    },
    realm,
    tenants: createTenantRealms(keys.secrets, accounts.namespace, realm),
    hashPassword: hashing.hash,
    passwordChecks: createPasswordChecks({
      commonPasswords: password.commonPasswords,
      breached: password.breached,
      minStrength: password.minStrength,
      ...(core.appName !== undefined ? { appName: core.appName } : {}),
    }),
    buildLink: createLinkBuilder(core.resetUrl),
    buildReportLink: createReportLinkBuilder(hostedReportUrl, delivery.reportUrl),
    events,
    background,
    requests: createRequestReaders(settings),
    telemetry,
    async close() {
      await background.drain();
      await hashing.close();
      await ownStore?.close();
    },
  };
}

/** The router's bcrypt pool, or the app's hasher as it is (nothing to close). */
function createHashing(setting: Settings["password"]["hashing"]): PasswordHashing {
  if (setting.kind === "pool") return createBcryptPool({ rounds: setting.rounds });
  return { hash: (plain) => setting.hash(plain), close: async () => {} };
}

/**
 * Tenants (`accounts.tenant`): one router serving several tenants gives each request the realm of
 * its tenant (realm.ts) before any flow runs, so links, codes, reset sessions, supersede, the
 * per-identifier and per-account limits and events belong to the tenant, and a secret of one
 * tenant is no secret under another. Per-IP limits are keyed by the `secret` alone and stay global.
 * A malformed tenant is the app's bug, or an attacker's header: logged as an error, and the request
 * goes on in a realm nothing is ever issued in, where `findUser` finds nobody, so it gets exactly
 * the answer an unknown account gets.
 */
import type { Request } from "express";
import { bareOrigins, isAllowed, redirectOrigin } from "./origins.js";
import type { Scope } from "./scope.js";
import type { RedirectOriginsFunction } from "./types.js";

/** A tenant: like a namespace, a short plain name (it shows in a reset session's `aud`). */
const TENANT_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** True when `tenant` is a tenant name `accounts.tenant` may return. */
export function isTenant(tenant: unknown): tenant is string {
  return typeof tenant === "string" && TENANT_PATTERN.test(tenant);
}

/** What a malformed tenant is told, naming the fix; never the value itself (an attacker's header). */
export function tenantProblem(where: string, tenant: unknown): string {
  const got = typeof tenant === "string" ? `a string of ${tenant.length} characters` : typeof tenant;
  return `${where} must be undefined or 1 to 64 letters, digits, ".", "_" or "-" (got ${got})`;
}

/**
 * Runs `accounts.tenant` for the request, within the adapter time limit, and moves the scope into
 * the tenant's realm; see the module comment for a malformed one. A throwing hook fails the request.
 */
export async function enterTenant(scope: Scope, req: Request): Promise<void> {
  const hook = scope.runtime.settings.accounts.tenant;
  if (!hook) return;
  const tenant: unknown = await scope.call("accounts.tenant", async () => hook({ req }));
  if (tenant === undefined) return;
  if (!isTenant(tenant)) {
    scope.report(
      "adapter.failed",
      new TypeError(`${tenantProblem("accounts.tenant", tenant)}; answered as an unknown account`),
      {
        operation: "accounts.tenant",
      },
    );
    scope.realm = scope.runtime.tenants.nowhere;
    scope.unknownTenant = true;
    return;
  }
  scope.realm = scope.runtime.tenants.of(tenant);
  scope.note({ tenant });
}

/** `{ tenant }` of the request for a message or a `resetUrl` context; `{}` without a tenant. */
export function tenantOf(scope: Scope): { tenant?: string } {
  const { tenant } = scope.realm;
  return tenant === undefined ? {} : { tenant };
}

const ORIGINS_OPERATION = "delivery.allowedRedirectOrigins";
/** The origins functions whose malformed answer was logged already: once per function (router). */
const loggedBadOrigins = new WeakSet<RedirectOriginsFunction>();

/**
 * True when `url` may be the request's redirect: on `delivery.allowedRedirectOrigins`, or, when
 * that is a function, on the origins it answers for the request's tenant. A malformed tenant is
 * allowed none (the function is not asked), and an answer that is not a list of bare origins
 * allows none and is logged once, naming the fix. A failing function fails the request.
 */
export async function allowsRedirect(scope: Scope, url: string): Promise<boolean> {
  const origins = scope.runtime.settings.delivery.allowedRedirectOrigins;
  if (typeof origins !== "function") return isAllowed(url, origins);
  const origin = redirectOrigin(url);
  if (origin === undefined || scope.unknownTenant) return false;
  const answer: unknown = await scope.call(ORIGINS_OPERATION, async () => origins(tenantOf(scope)));
  if (answer === undefined) return false;
  const read = bareOrigins(answer);
  if ("origins" in read) return read.origins.has(origin);
  if (!loggedBadOrigins.has(origins)) {
    loggedBadOrigins.add(origins);
    const got = JSON.stringify(read.bad) ?? typeof read.bad;
    scope.report(
      "adapter.failed",
      new TypeError(
        `${ORIGINS_OPERATION} must answer an array of bare origins (scheme://host[:port], no path) ` +
          `or undefined; got ${got.slice(0, 80)}. Every redirect is refused until it does.`,
      ),
      { operation: ORIGINS_OPERATION },
    );
  }
  return false;
}

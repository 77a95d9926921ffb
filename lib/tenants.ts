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
import type { Scope } from "./scope.js";

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

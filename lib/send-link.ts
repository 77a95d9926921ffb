/**
 * `router.sendResetLink(identifier)`: the delivery `forgot` makes, started by the app itself (an
 * admin's "send reset link", an invitation), without HTTP and so without the per-IP limit. The
 * same lookup, supersession, per-account limit, channel choice and events as `forgot`.
 */
import { RequestError } from "./errors.js";
import { deliverReset } from "./flows/deliver.js";
import { readIdentifier } from "./requests/identifiers.js";
import type { Runtime } from "./runtime.js";
import { Scope } from "./scope.js";
import { allowsRedirect, isTenant, tenantProblem } from "./tenants.js";
import type { Identifier, SendResetLinkOptions, SendResetLinkResult } from "./types.js";

/** The client an app-started delivery is reported as, in events. */
const APP = { ip: "app", network: "app", byApp: true } as const;

/** Sends a reset link (or code) for `identifier`; see the module comment. */
export async function sendResetLink(
  runtime: Runtime,
  identifier: Identifier | string,
  options: SendResetLinkOptions = {},
): Promise<SendResetLinkResult> {
  const { accounts } = runtime.settings;
  const given = typeof identifier === "string" ? { type: "email" as const, value: identifier } : identifier;
  if (typeof given !== "object" || given === null || typeof given.value !== "string") {
    throw new TypeError("sendResetLink: pass an email address or { type, value }.");
  }
  const body: Record<string, unknown> = { [given.type]: given.value };
  let request;
  try {
    const read = readIdentifier(body, accounts.identifiers, true, accounts.normalizeIdentifier);
    if (!read) throw new TypeError("sendResetLink: an identifier is required.");
    request = { identifier: read, redirectUrl: options.redirectUrl };
  } catch (error) {
    if (error instanceof RequestError)
      throw new TypeError(`sendResetLink: ${error.message}`, { cause: error });
    throw error;
  }
  const scope = new Scope(runtime, "forgot", APP, { afterReset: undefined });
  if (options.tenant !== undefined) {
    if (!isTenant(options.tenant))
      throw new TypeError(tenantProblem("sendResetLink: `tenant`", options.tenant));
    scope.realm = runtime.tenants.of(options.tenant);
    scope.note({ tenant: options.tenant });
  }
  // In the tenant's realm, so that per-tenant origins are the tenant's.
  if (options.redirectUrl !== undefined && !(await allowsRedirect(scope, options.redirectUrl))) {
    throw new TypeError("sendResetLink: `redirectUrl` is not on an allowed redirect origin.");
  }
  scope.note({ identifierType: request.identifier.type });
  scope.emit("forgot.requested", { reason: "app" });
  try {
    await deliverReset(scope, request);
    return { sent: true };
  } catch (error) {
    if (error instanceof RequestError) {
      const reason =
        error.type === "NOT_FOUND"
          ? "unknown_user"
          : error.type === "RATE_LIMITED"
            ? "rate_limited"
            : "not_sent";
      return { sent: false, reason };
    }
    throw error;
  }
}

/**
 * POST /forgot: limit by identifier, answer, then deliver. The account is looked up only after
 * the answer has gone out, so nothing in the response depends on whether it exists
 * (guarantee 1) — unless `accounts.revealUnknown` asks for the synchronous, revealing answer.
 */
import { takeLimit } from "../limits.js";
import { redirectRefused } from "../origins.js";
import { allowsRedirect } from "../tenants.js";
import { identifierKey } from "../keys.js";
import { signRequestToken } from "../sessions.js";
import { randomInt } from "node:crypto";
import { deliverReset } from "./deliver.js";
import type { Flow } from "./flow.js";

/** When a background delivery starts, in ms after the answer: far less than any mail takes. */
const DELIVERY_JITTER_MS = { min: 2, max: 40 } as const;

/** The forgot flow. */
export const forgot: Flow<"forgot"> = async (scope, request) => {
  const { codes, delivery, accounts, advanced } = scope.runtime.settings;
  const { identifier } = request;
  scope.note({ identifierType: identifier.type });
  // Only with per-tenant origins: a list was checked when the request was read.
  if (request.redirectField !== undefined && !(await allowsRedirect(scope, request.redirectUrl ?? ""))) {
    throw redirectRefused(request.redirectField);
  }
  if (scope.runtime.settings.limits.rules.forgotPerIdentifier) {
    await takeLimit(scope, "forgotPerIdentifier", identifierKey(identifier));
  }
  scope.emit("forgot.requested");

  // A request token names the identifier, not the account: known and unknown get the same answer.
  const ttlMs = Math.max(delivery.linkTtlMs, codes.ttlMs);
  const data = codes.requestTokens
    ? { requestToken: signRequestToken(scope.realm, identifier, advanced.now(), ttlMs) }
    : {};
  if (accounts.revealUnknown) {
    await deliverReset(scope, request);
    return { data };
  }
  // Every failure of a background delivery has already been reported as an event. The delivery
  // starts at a random moment a little after the answer, so that its work (for known accounts only)
  // does not line up with the client's next request and slow that one down measurably.
  return {
    data,
    afterResponse: () => deliverReset(scope, request).catch((error) => scope.reportUnexpected(error)),
    afterResponseDelayMs: randomInt(DELIVERY_JITTER_MS.min, DELIVERY_JITTER_MS.max),
  };
};

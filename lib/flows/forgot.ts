/**
 * POST /forgot: read the identifier, rate-limit, answer. The account is looked up only after
 * the answer has gone out, so nothing in the response depends on whether it exists
 * (guarantee 1) — unless `revealUnknownUser` asks for the synchronous, revealing answer.
 */
import type { Flow } from "../context.js";
import { RequestError } from "../errors.js";
import { readIdentifier } from "../identifiers.js";
import { consume } from "../rate-limit.js";
import { readRedirectUrl } from "../redirect.js";
import { signRequestToken } from "../sessions.js";
import { identifierKey } from "../tokens.js";
import { deliverReset } from "./deliver.js";

/** The forgot flow. */
export const forgot: Flow = async (ctx, { body, ip, binding }) => {
  const { config, events } = ctx;
  await consume(ctx, "forgotPerIp", ip, { route: "forgot", ip });
  const identifier = readIdentifier(body, config.identifiers, true, config.normalizeIdentifier);
  if (!identifier) throw new RequestError("VALIDATION_ERROR");
  const redirectUrl = readRedirectUrl(body, config.allowedRedirectOrigins);
  await consume(ctx, "forgotPerIdentifier", identifierKey(identifier), {
    route: "forgot",
    ip,
    identifierType: identifier.type,
  });
  events.emit({ type: "forgot.requested", route: "forgot", ip, identifierType: identifier.type });

  // A request token names the identifier, not the account: known and unknown get the same answer.
  const ttlMs = Math.max(config.linkTtlMs, config.codeTtlMs);
  const data = config.requestTokens
    ? { requestToken: signRequestToken(config.secret, identifier, config.now(), ttlMs) }
    : {};
  if (!config.revealUnknownUser) {
    return {
      data,
      afterResponse: async () => void (await deliverReset(ctx, identifier, redirectUrl, ip, binding)),
    };
  }
  const result = await deliverReset(ctx, identifier, redirectUrl, ip, binding);
  if (result === "unknown") throw new RequestError("NOT_FOUND");
  if (result === "failed") throw new RequestError("OPERATION_FAILED");
  if (result === "error") throw new RequestError("INTERNAL_ERROR");
  if (result === "limited") {
    const window = config.rateLimit.forgotPerIdentifier?.durationSeconds ?? 1;
    throw new RequestError("RATE_LIMITED", { headers: { "Retry-After": String(window) } });
  }
  return { data };
};

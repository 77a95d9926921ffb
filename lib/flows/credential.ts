/**
 * The secret a verify or reset request presents — a link token, an identifier + code, or a
 * reset session — checked and then claimed in the store, so that of any number of concurrent
 * requests only one goes on (guarantee 4). The claim is released if the work after it fails
 * (guarantee 6) and spent when it succeeds.
 */
import type { FlowContext } from "../context.js";
import type { EventInput } from "../events.js";
import { RequestError, validationError } from "../errors.js";
import { readIdentifier, type RequestIdentifier } from "../identifiers.js";
import { fieldReader, stringField } from "../input.js";
import type { ResolvedConfig } from "../options.js";
import { checkRequestToken, checkSession } from "../sessions.js";
import {
  bareCodeId,
  bindingHash,
  hashCode,
  hashesEqual,
  identifierKey,
  parseLinkToken,
  sha256,
} from "../tokens.js";
import type { Grant } from "../types.js";

/** A presented secret, before it is checked. */
export type Credential =
  | { kind: "link"; token: string; identifier: RequestIdentifier | null }
  | { kind: "code"; identifier: RequestIdentifier | null; code: string }
  | { kind: "session"; token: string; identifier: RequestIdentifier | null };

const readCredentialFields = fieldReader<{
  token: string;
  code: string;
  resetToken: string;
  requestToken: string;
}>({
  token: stringField(512),
  code: stringField(64),
  resetToken: stringField(4096),
  requestToken: stringField(4096),
});

/** A grant this request holds the claim on. */
export interface ClaimedGrant {
  grant: Grant;
  /** The presented secret, to scrub from error messages. */
  secret: string;
}

/**
 * Reads the credential of a verify (`allowSession` false) or reset request. A credential in the
 * body wins; the `Authorization: Bearer` header is read only when the body has none, since apps
 * send their own Bearer token on every request.
 */
export function readCredential(
  body: Record<string, unknown>,
  config: ResolvedConfig,
  authorization: string | undefined,
  allowSession: boolean,
): Credential {
  const fields = readCredentialFields(body);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  const identifier =
    readIdentifier(body, config.identifiers, false, config.normalizeIdentifier) ??
    (fields.code !== undefined ? identifierFromRequestToken(config, fields.requestToken ?? bearer) : null);
  const present = (["token", "code", "resetToken"] as const).filter((name) => fields[name] !== undefined);
  if (present.length > 1) {
    throw validationError(
      present.map((field) => ({ field, message: "send exactly one of token, code or resetToken" })),
    );
  }
  if (fields.token !== undefined) return { kind: "link", token: fields.token, identifier };
  if (fields.resetToken !== undefined) {
    if (!allowSession)
      throw validationError([{ field: "resetToken", message: "resetToken is not accepted here" }]);
    return { kind: "session", token: fields.resetToken, identifier };
  }
  if (fields.code !== undefined) {
    if (!identifier && !config.codesWithoutIdentifier) {
      throw validationError([
        { field: "code", message: "a code must come with the identifier it was sent to" },
      ]);
    }
    if (!/^\d{1,12}$/.test(fields.code.trim()))
      throw validationError([{ field: "code", message: "code must be digits" }]);
    return { kind: "code", identifier, code: fields.code.trim() };
  }
  if (allowSession && bearer !== undefined) return { kind: "session", token: bearer, identifier };
  if (identifier) throw validationError([{ field: "code", message: "code is required" }]);
  throw validationError([{ field: "token", message: "token is required" }]);
}

/** The identifier named by a request token (the `requestTokens` option), or `null`. */
function identifierFromRequestToken(
  config: ResolvedConfig,
  token: string | undefined,
): RequestIdentifier | null {
  if (!config.requestTokens || token === undefined) return null;
  const identifier = checkRequestToken(config.secret, token, config.now());
  if (!identifier) throw new RequestError("INVALID_TOKEN");
  return { ...identifier, field: "requestToken" };
}

/** Checks the credential against the store and claims its grant; throws INVALID_TOKEN / TOKEN_EXPIRED. */
export async function claimCredential(
  ctx: FlowContext,
  credential: Credential,
  event: { route: "verify" | "reset"; ip: string },
  binding?: string,
): Promise<ClaimedGrant> {
  const { config } = ctx;
  const store = config.store;
  const base = { ...event, grant: credential.kind };
  const call = <T>(operation: string, fn: () => Promise<T>) =>
    ctx.call(operation, base, [credential.kind === "code" ? credential.code : credential.token], fn);

  let grant: Grant | null;
  let presentedHash: string;
  let secret: string;
  let sessionExpired = false;
  if (credential.kind === "link") {
    const parsed = parseLinkToken(credential.token);
    if (!parsed) throw new RequestError("INVALID_TOKEN");
    grant = await call("tokenStore.find", () => store.find("link", parsed.selector));
    presentedHash = parsed.hash;
    secret = credential.token;
  } else if (credential.kind === "code") {
    ({ grant, presentedHash } = await findGuessedCode(ctx, credential, event.ip, call));
    secret = credential.code;
  } else {
    const session = checkSession(config.secret, credential.token, config.now());
    if (!session) throw new RequestError("INVALID_TOKEN");
    grant = await call("tokenStore.find", () => store.find("session", session.jti));
    if (grant && grant.userId !== session.userId) grant = null;
    presentedHash = sha256(credential.token);
    secret = credential.token;
    sessionExpired = session.expired;
  }

  if (!grant || !hashesEqual(grant.hash, presentedHash)) throw new RequestError("INVALID_TOKEN");
  // An identifier sent beside a token must name the token's account, so a client never believes it
  // reset one account while another's password changes.
  const named = credential.identifier;
  if (named && (named.type !== grant.identifier.type || named.value !== grant.identifier.value)) {
    throw new RequestError("INVALID_TOKEN");
  }
  if (
    grant.binding !== undefined &&
    (binding === undefined || !hashesEqual(grant.binding, bindingHash(config.secret, binding)))
  ) {
    throw new RequestError("INVALID_TOKEN");
  }
  if (sessionExpired || grant.expiresAt <= config.now()) throw new RequestError("TOKEN_EXPIRED");
  // The claim lasts as long as the grant could: a claimed secret is spent unless the router gives it
  // back, so a store that vanishes after the password changed (and so cannot delete the grant)
  // cannot let it come back. Should the process die mid-reset, the user asks for a new one.
  const leaseMs = Math.max(60_000, grant.retainUntil - config.now());
  const found = grant;
  const claimed = await call("tokenStore.claim", () =>
    store.claim(found.kind, found.id, found.hash, leaseMs),
  );
  if (!claimed) throw new RequestError("INVALID_TOKEN");
  return { grant, secret };
}

/**
 * Counts a code guess, then finds the code's grant. Every guess is counted first, atomically, so
 * parallel guesses cannot all slip under the budget. The budget lives per identifier across resends
 * (a new code does not restart it), and per code: the identifier's window may have begun before this
 * code was sent and end within its life, so the code also keeps its own count, which outlives it.
 * Bare codes have no identifier, so their guesses are budgeted per client IP instead.
 */
async function findGuessedCode(
  ctx: FlowContext,
  { identifier, code }: Extract<Credential, { kind: "code" }>,
  ip: string,
  call: <T>(operation: string, fn: () => Promise<T>) => Promise<T>,
): Promise<{ grant: Grant | null; presentedHash: string }> {
  const { config } = ctx;
  const store = config.store;
  // With `codesWithoutIdentifier` every code is stored under the code itself; an identifier sent
  // with it is then checked against the grant by the caller, like one sent beside a token.
  const bare = config.codesWithoutIdentifier || !identifier;
  const key = bare ? bareCodeId(config.secret, code) : identifierKey(identifier);
  const presentedHash = bare ? key : hashCode(config.secret, identifier, code);
  const count = (budget: string) =>
    call("tokenStore.countAttempt", () => store.countAttempt(budget, config.codeTtlMs));

  let attempts = await count(identifier ? identifierKey(identifier) : `ip:${ip}`);
  if (attempts <= config.maxCodeAttempts) {
    const grant = await call("tokenStore.find", () => store.find("code", key));
    if (!grant) return { grant, presentedHash };
    attempts = Math.max(attempts, await count(codeBudgetKey(grant)));
    if (attempts <= config.maxCodeAttempts) {
      const wrong = !hashesEqual(grant.hash, presentedHash);
      if (wrong && attempts === config.maxCodeAttempts) {
        await call("tokenStore.remove", () => store.remove("code", key));
      }
      return { grant, presentedHash };
    }
  }
  await call("tokenStore.remove", () => store.remove("code", key));
  throw new RequestError("INVALID_TOKEN", { message: "Too many wrong codes. Request a new code later." });
}

/** Gives a claim back after the work behind it failed, so the secret stays usable (guarantee 6). */
export async function releaseClaim(
  ctx: FlowContext,
  claimed: ClaimedGrant,
  route: "verify" | "reset",
): Promise<void> {
  const { grant } = claimed;
  // Only someone who showed the right code gets here: the failure after the check was not a guess.
  await clearCodeBudget(ctx, grant, { route, grant: grant.kind, userId: grant.userId });
  try {
    await ctx.call(
      "tokenStore.release",
      { route, grant: grant.kind, userId: grant.userId },
      [claimed.secret],
      () => ctx.config.store.release(grant.kind, grant.id, grant.hash),
    );
  } catch {
    // Reported by ctx.call; the claim lapses by itself when its lease ends.
  }
}

/** The key of a code's own guess count (beside its identifier's budget). */
function codeBudgetKey(grant: Grant): string {
  return `code:${grant.hash}`;
}

/**
 * Forgets the guesses counted against a code, once its right digits were shown: after a success, or
 * after a failure that came after the check (the user table was down, the password was refused).
 */
export async function clearCodeBudget(
  ctx: FlowContext,
  grant: Grant,
  event: Partial<EventInput>,
): Promise<void> {
  if (grant.kind !== "code") return;
  for (const budget of [grant.id, codeBudgetKey(grant)]) {
    await ctx
      .call("tokenStore.clearAttempts", event, [], () => ctx.config.store.clearAttempts(budget))
      .catch(() => {});
  }
}

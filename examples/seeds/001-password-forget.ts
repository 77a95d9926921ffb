// Reproduces seed 001_c8b4188c051d3faa.txt: the reset step `POST auth/v1/password/forget` (mobile app)
// and `POST auth/v1/web/password/forget` (web app), taking `identifierType` + `identifierValue`,
// `brand`, `deviceId` (required on mobile only), the `sessionId` of an earlier code check, `password`
// and `confirmPassword`, and answering `{"status":{"success":true,"code":200,"message":"SUCCESS"}}`.
// Configuration: two routers (mobile and web `fields` differ) sharing one token store and secret;
// `aliases: { resetToken: ["sessionId"] }`; `bindTo` ties each code and session to the `deviceId` it
// was issued for ("sessionId: generated for the identifierType and deviceId combination");
// `formatResponse` for the `status` envelope. The steps before, which the seed leaves out, are
// `password/generate` (send a code) and `password/validate` (code → `sessionId`). No unsafe opt-in.
import { randomBytes } from "node:crypto";
import express from "express";
import type { Express } from "express";
import Joi from "joi";
import { MemoryTokenStore, createPasswordResetRouter } from "../../lib/index.js";
import type {
  FormatResponseContext,
  FormattedResponse,
  HttpOptions,
  PasswordResetOptions,
} from "../../lib/index.js";
import type { SeedApp, SeedDeps } from "./shared.js";

/** Where the seed's API lives (`http://{ae-host}/auth/v1`). */
export const MOUNT = "/auth/v1";

/** The seed's envelope; a code check also hands out the `sessionId` the reset step needs. */
export function formatResponse({ outcome }: FormatResponseContext): FormattedResponse {
  const { status, success, error, data } = outcome;
  const message = error ? error.message : "SUCCESS";
  const sessionId = outcome.route === "verify" ? data?.resetToken : undefined;
  return {
    status,
    body: { status: { success, code: status, message }, ...(sessionId ? { sessionId } : {}) },
  };
}

/** Extra fields of every route of one app flavour: `brand` always, `deviceId` on mobile. */
function extraFields(deviceId: Joi.StringSchema): HttpOptions["fields"] {
  const fields = { brand: Joi.string().max(100).required(), deviceId: deviceId.max(200) };
  return { forgot: fields, verify: fields, reset: fields };
}

/** The seed's API: the mobile and web routers under {@link MOUNT} on `app`. */
export function createApp(deps: SeedDeps, app: Express = express()): SeedApp {
  const tokenStore = deps.tokenStore ?? new MemoryTokenStore();
  const shared: PasswordResetOptions = {
    ...deps,
    // Shared, so a session validated through one app flavour is known to the other, and a reset
    // through either revokes everything outstanding for the user.
    tokenStore,
    secret: deps.secret ?? randomBytes(32).toString("hex"),
    accounts: { identifiers: ["mobile", "email", "username"] },
    delivery: { email: "code" },
  };
  const http: HttpOptions = {
    aliases: { resetToken: ["sessionId"] },
    // A code or session only works from the device it was issued to (none on the web: unbound).
    bindTo: ({ body }) => (typeof body.deviceId === "string" ? `device:${body.deviceId}` : undefined),
    formatResponse,
  };
  const paths = (prefix: string) => ({
    forgot: `${prefix}/password/generate`,
    verify: `${prefix}/password/validate`,
    reset: `${prefix}/password/forget`,
  });
  const mobile = createPasswordResetRouter({
    ...shared,
    http: { ...http, paths: paths(""), fields: extraFields(Joi.string().required()) },
  });
  const web = createPasswordResetRouter({
    ...shared,
    http: { ...http, paths: paths("/web"), fields: extraFields(Joi.string()) },
  });
  app.use(MOUNT, mobile, web);
  const routers = [mobile, web];
  return {
    app,
    drain: async () => void (await Promise.all(routers.map((router) => router.drain()))),
    close: async () => {
      await Promise.all(routers.map((router) => router.close()));
      if (!deps.tokenStore) await tokenStore.close?.();
    },
  };
}

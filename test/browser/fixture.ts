/**
 * A tiny Express app that serves the pages with the real building blocks (render, headers,
 * CSRF, hand-off cookie, assets) and a fake flow, so the browser tests see exactly what the
 * router will send, before the router is wired. Token `good-token` is live; code `123456` is right.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express, { type Request, type Response } from "express";
import { assetResponse, type PageAsset } from "../../lib/pages/assets.js";
import { pageCookies, readCookie } from "../../lib/pages/cookies.js";
import { createCsrf, CSRF_FIELD, type CsrfPurpose } from "../../lib/pages/csrf.js";
import { formToFlowRequest, pageErrorsFor } from "../../lib/pages/forms.js";
import { negotiateLocale } from "../../lib/pages/negotiate.js";
import { resolvePages, type PagesOptions } from "../../lib/pages/options.js";
import { renderPage, type Page, type PageContext, type PageError } from "../../lib/pages/render/index.js";
import type { IdentifierType } from "../../lib/types.js";

/** The mount path of the fixture's pages. */
export const MOUNT = "/auth/password";
const paths = { forgot: "/forgot", reset: "/reset" };

/** A running fixture. */
export interface Fixture {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Absolute URL of a router path, e.g. `url("/forgot")`. */
  url(path: string): string;
  /** Tokens spent so far (a GET must never add one). */
  spent: string[];
  close(): Promise<void>;
}

/** Starts the fixture on 127.0.0.1 and a free port. */
export async function startFixture(
  options: {
    pages?: PagesOptions;
    identifiers?: IdentifierType[];
    mode?: "link" | "code";
    appName?: string;
  } = {},
): Promise<Fixture> {
  const app = express();
  const pages = resolvePages(options.pages ?? { signInUrl: "/login" });
  if (pages === undefined) throw new Error("unreachable");
  const identifiers = options.identifiers ?? ["email"];
  const spent: string[] = [];
  let origin = "";
  // The resetUrl is known once the port is: cookie helpers are built lazily.
  let cookies: ReturnType<typeof pageCookies> | undefined;
  const jar = () =>
    (cookies ??= pageCookies({ resetUrl: `${origin}${MOUNT}${paths.reset}`, resetPath: paths.reset }));
  const csrf = createCsrf({ secrets: "fixture-secret-fixture-secret-32b", secure: false, mountPath: MOUNT });
  const router = express.Router();
  router.use(express.urlencoded({ extended: false }));

  const send = (req: Request, res: Response, page: Page, purpose: CsrfPurpose, status = 200) => {
    const issued = csrf.issue(readCookie(req.headers.cookie, csrf.cookieName), purpose);
    if (issued.setCookie !== undefined) res.append("Set-Cookie", issued.setCookie);
    const context: PageContext = {
      locale: negotiateLocale(req.headers["accept-language"], pages.locales),
      appName: options.appName ?? "Acme <Notes> & Co",
      pagePath: page.name === "forgot" || page.name === "sent" ? paths.forgot : paths.reset,
      paths,
      stylesheet: pages.stylesheet.href,
      ...(pages.logo !== undefined ? { logo: pages.logo.href } : {}),
      csrfToken: issued.token,
      ...(pages.signInUrl !== undefined ? { signInUrl: pages.signInUrl } : {}),
    };
    res
      .status(status)
      .set(pages.headers)
      .send(renderPage(page, context, pages.render));
  };
  const asset = (item: PageAsset | undefined) => (req: Request, res: Response) => {
    if (item === undefined) return void res.sendStatus(404);
    const answer = assetResponse(item, req.headers["if-none-match"]);
    res
      .status(answer.status)
      .set(answer.headers)
      .end(req.method === "HEAD" ? undefined : answer.body);
  };
  const csrfOk = (req: Request, purpose: CsrfPurpose) =>
    csrf.verify({
      token: (req.body as Record<string, unknown>)[CSRF_FIELD],
      cookieValue: readCookie(req.headers.cookie, csrf.cookieName),
      purpose,
      headers: req.headers,
    });
  const limits = { minLength: 8, maxLength: 72 };

  router.get(pages.assetPaths.stylesheet, asset(pages.stylesheet));
  router.get(pages.assetPaths.logo, asset(pages.logo));

  router.get(paths.forgot, (req, res) => {
    const flash = jar().readFlash(req.headers.cookie);
    if (flash?.page === "sent") {
      res.append("Set-Cookie", jar().clearFlash());
      return send(
        req,
        res,
        { name: "sent", channel: flash.channel, codeForm: flash.channel !== "email" },
        "forgot",
      );
    }
    send(req, res, { name: "forgot", identifierTypes: identifiers }, "forgot");
  });
  router.post(paths.forgot, (req, res) => {
    const request = formToFlowRequest("forgot", req.body as Record<string, unknown>, identifiers);
    const page = (errors: PageError[], status: number) =>
      send(
        req,
        res,
        { name: "forgot", identifierTypes: identifiers, values: request.values, errors },
        "forgot",
        status,
      );
    if (!csrfOk(req, "forgot")) return page([{ key: "errorFormExpired" }], 403);
    const value = request.values.identifier ?? "";
    if (value === "" || (request.identifierType === "email" && !value.includes("@"))) {
      const field = request.identifierType ?? "email";
      return page(
        pageErrorsFor(
          "forgot",
          {
            type: "VALIDATION_ERROR",
            details: [{ field, message: value === "" ? `${field} is required` : "invalid" }],
          },
          limits,
        ),
        400,
      );
    }
    const channel =
      request.identifierType === "email" ? "email" : request.identifierType === "mobile" ? "mobile" : "any";
    res.append("Set-Cookie", jar().setFlash({ page: "sent", channel })).redirect(303, `.${paths.forgot}`);
  });

  router.get(paths.reset, (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token : undefined;
    if (token !== undefined) {
      // The hand-off: the token leaves the address bar, nothing is spent.
      res.append("Set-Cookie", jar().setHandoff({ token }));
      return void res.set(pages.headers).redirect(303, `.${paths.reset}`);
    }
    const flash = jar().readFlash(req.headers.cookie);
    if (flash?.page === "success") {
      res.append("Set-Cookie", jar().clearFlash());
      return send(
        req,
        res,
        { name: "success", ...(flash.redirect ? { redirectUrl: flash.redirect } : {}) },
        "reset",
      );
    }
    if (options.mode === "code" || req.query.view === "code") {
      return send(req, res, { name: "code", identifierTypes: identifiers, minLength: 8 }, "code");
    }
    const handoff = jar().readHandoff(req.headers.cookie);
    if (handoff?.token !== "good-token" || spent.includes(handoff.token))
      return send(req, res, { name: "invalid" }, "reset");
    send(req, res, { name: "reset", minLength: 8 }, "reset");
  });
  router.post(paths.reset, (req, res) => {
    const handoff = jar().readHandoff(req.headers.cookie);
    const code = options.mode === "code";
    const request = formToFlowRequest(
      code ? "code" : "reset",
      req.body as Record<string, unknown>,
      identifiers,
    );
    const formPage = (errors: PageError[], status: number): void =>
      code
        ? send(
            req,
            res,
            { name: "code", identifierTypes: identifiers, minLength: 8, values: request.values, errors },
            "code",
            status,
          )
        : send(req, res, { name: "reset", minLength: 8, errors }, "reset", status);
    if (!csrfOk(req, code ? "code" : "reset")) return formPage([{ key: "errorFormExpired" }], 403);
    if (!code && (handoff?.token !== "good-token" || spent.includes(handoff.token))) {
      return send(req, res, { name: "invalid" }, "reset", 400);
    }
    const details = [];
    if ((request.body.password ?? "").length < 8)
      details.push({ field: "password", message: "password must be at least 8 characters long" });
    if (request.body.password !== request.body.passwordConfirm)
      details.push({ field: "passwordConfirm", message: "passwordConfirm does not match password" });
    if (code && request.body.code !== "123456") details.unshift({ field: "code", message: "wrong code" });
    if (details.length > 0)
      return formPage(
        pageErrorsFor(code ? "code" : "reset", { type: "VALIDATION_ERROR", details }, limits),
        400,
      );
    spent.push(handoff?.token ?? "code");
    res.append("Set-Cookie", jar().clearHandoff());
    res.append(
      "Set-Cookie",
      jar().setFlash({ page: "success", redirect: "https://app.example.com/welcome" }),
    );
    res.redirect(303, `.${paths.reset}`);
  });

  app.use(MOUNT, router);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${MOUNT}${path}`,
    spent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

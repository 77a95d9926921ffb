/**
 * A tiny Express app that serves the pages through the real controller (render, headers, CSRF,
 * hand-off, post/redirect/get) with fake flows, so the browser tests see exactly what the router
 * will send. Its Express part is the thin layer the router needs. Token `good-token` is live
 * until used; code `123456` is right.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express, { type Request, type Response } from "express";
import { createPagesController, type PageFlows, type PageRequest } from "../../lib/pages/controller.js";
import { resolvePages, type PagesOptions } from "../../lib/pages/options.js";
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
  /** Tokens and codes spent so far (a GET must never add one). */
  spent: string[];
  close(): Promise<void>;
}

/** What a fixture serves. */
export interface FixtureOptions {
  pages?: PagesOptions;
  identifiers?: IdentifierType[];
  /** The router can send codes: the reset page without a link shows the code form. */
  codes?: boolean;
  appName?: string;
}

/** Starts the fixture on 127.0.0.1 and a free port. */
export async function startFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const pages = resolvePages(options.pages ?? { signInUrl: "/login" });
  if (pages === undefined) throw new Error("pages are on");
  const identifiers = options.identifiers ?? ["email"];
  const spent: string[] = [];
  const flows = fakeFlows(spent);

  const app = express();
  const router = express.Router();
  router.use(express.urlencoded({ extended: false }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const controller = createPagesController({
    pages,
    resetUrl: `${origin}${MOUNT}${paths.reset}`,
    paths,
    secrets: "fixture-secret-of-32-bytes-or-so",
    appName: options.appName ?? "Acme <Notes> & Co",
    identifiers,
    codes: options.codes ?? false,
    password: { minLength: 8, maxLength: 72 },
    linkTtlSeconds: 3600,
    allowRedirect: (url) => url.startsWith("https://app.example.com/"),
  });

  // The thin layer: Express request in, the controller's answer out.
  const serve = (route: PageRequest["route"]) => async (req: Request, res: Response) => {
    const answer = await controller.handle(
      {
        method: req.method as PageRequest["method"],
        route,
        query: req.query as Record<string, unknown>,
        headers: req.headers,
        ...(req.method === "POST" ? { body: req.body as Record<string, unknown> } : {}),
      },
      flows,
    );
    res.status(answer.status).set(answer.headers);
    for (const cookie of answer.cookies) res.append("Set-Cookie", cookie);
    if (answer.location !== undefined) res.location(answer.location);
    res.end(answer.body);
  };
  router.get(pages.assetPaths.stylesheet, serve("stylesheet"));
  router.get(pages.assetPaths.logo, serve("logo"));
  router.get(paths.forgot, serve("forgot"));
  router.post(paths.forgot, serve("forgot"));
  router.get(paths.reset, serve("reset"));
  router.post(paths.reset, serve("reset"));
  app.use(MOUNT, router);

  return {
    origin,
    url: (path) => `${origin}${MOUNT}${path}`,
    spent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Flows that answer like the real ones for the cases the tests walk through. */
function fakeFlows(spent: string[]): PageFlows {
  const passwordProblems = (body: Record<string, string>) => {
    const details = [];
    if ((body.password ?? "").length < 8) {
      details.push({ field: "password", message: "password must be at least 8 characters long" });
    }
    if (body.password !== body.passwordConfirm) {
      details.push({ field: "passwordConfirm", message: "passwordConfirm does not match password" });
    }
    return details;
  };
  return {
    async forgot(body) {
      const [field = "email", value = ""] = Object.entries(body)[0] ?? [];
      if (value === "")
        return { ok: false, type: "VALIDATION_ERROR", details: [{ field, message: `${field} is required` }] };
      if (field === "email" && !value.includes("@")) {
        return {
          ok: false,
          type: "VALIDATION_ERROR",
          details: [{ field, message: "email must be a valid email" }],
        };
      }
      return { ok: true };
    },
    async check(token) {
      return { ok: true, valid: token === "good-token" && !spent.includes(token) };
    },
    async reset(body) {
      const details = passwordProblems(body);
      if (body.token !== undefined) {
        if (body.token !== "good-token" || spent.includes(body.token))
          return { ok: false, type: "INVALID_TOKEN" };
      } else if (body.code !== "123456") {
        details.unshift({ field: "code", message: "code is wrong" });
      }
      if (details.length > 0) return { ok: false, type: "VALIDATION_ERROR", details };
      spent.push(body.token ?? "code");
      return { ok: true };
    },
  };
}

// The single-page app's own origin: a static server for public/ (one HTML page, a script, a
// stylesheet). The API's address is written into the page when it is served; a bundler would do
// the same at build time (an `import.meta.env` variable).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import express, { type Express } from "express";
import { RESET_VIEW_PATH } from "./api.js";

const PUBLIC = join(__dirname, "public");
const ASSETS = { "/app.js": "text/javascript", "/style.css": "text/css" } as const;

/** `&`, `<`, `>` and `"` escaped, for the API address in an attribute of the page. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The static app serving the single page at `/` and at the reset view's path. */
export function createSpaStatic(options: { apiBase: string }): Express {
  const page = readFileSync(join(PUBLIC, "index.html"), "utf8").replace(
    "%API_BASE%",
    escapeAttribute(options.apiBase),
  );
  const headers = {
    // Scripts and styles from this origin only, and calls to the API's origin only.
    "Content-Security-Policy":
      "default-src 'none'; script-src 'self'; style-src 'self'; " +
      `connect-src ${new URL(options.apiBase).origin}; ` +
      "form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
    // The reset view's address holds the token: it must not leak in a Referer.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  };

  const app = express();
  app.get(["/", RESET_VIEW_PATH], (_req, res) => {
    res
      .set({ ...headers, "Cache-Control": "no-store" })
      .type("html")
      .send(page);
  });
  for (const [path, type] of Object.entries(ASSETS)) {
    const body = readFileSync(join(PUBLIC, path.slice(1)), "utf8");
    app.get(path, (_req, res) => {
      res.set(headers).type(type).send(body);
    });
  }
  return app;
}

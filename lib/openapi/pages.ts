/**
 * The hosted pages' paths, when `pages` is on: `GET` on forgot and reset (HTML forms), the
 * stylesheet and the logo, and what a browser's form post gets on the two form paths.
 */
import type { PagesSettings } from "../settings/pages.js";
import { normalizePath } from "../settings/paths.js";
import type { RoutePaths } from "../settings/settings.js";
import type { JsonObject } from "./types.js";

const HTML = { "text/html": { schema: { type: "string" } } };
const PAGE_NOTE =
  "A browser page (HTML, strict CSP, `Cache-Control: no-store`), in the language `Accept-Language` asks for.";

/** The GET operations of the pages, by path inside the mount point. */
export function pageOperations(pages: PagesSettings | undefined, paths: RoutePaths): Map<string, JsonObject> {
  const operations = new Map<string, JsonObject>();
  if (pages === undefined) return operations;
  operations.set(paths.forgot, {
    operationId: "forgotPage",
    tags: ["pages"],
    summary: "The forgot-password page",
    description: PAGE_NOTE,
    responses: { "200": { description: "The form asking for the identifier.", content: HTML } },
  });
  operations.set(paths.reset, {
    operationId: "resetPage",
    tags: ["pages"],
    summary: "The reset page the mailed link opens",
    description: `${PAGE_NOTE} With \`token\`, the token moves into a short-lived cookie and the browser is sent to the same page without it: nothing is checked or spent by a GET.`,
    parameters: [
      {
        name: "token",
        in: "query",
        required: false,
        schema: { type: "string", maxLength: 2048 },
        description: "The link's token.",
      },
      {
        name: "redirect",
        in: "query",
        required: false,
        schema: { type: "string", maxLength: 2048 },
        description: "Where to go after the reset, if allowed.",
      },
    ],
    responses: {
      "200": {
        description: "The new-password form, the code form, or a page saying the link cannot be used.",
        content: HTML,
      },
      "303": {
        description: "The token was taken out of the address; `Location` is this page without it.",
        headers: { Location: { schema: { type: "string" } } },
      },
    },
  });
  operations.set(normalizePath(pages.assetPaths.stylesheet), {
    operationId: "pagesStylesheet",
    tags: ["pages"],
    summary: "The pages' stylesheet",
    responses: {
      "200": { description: "CSS.", content: { "text/css": { schema: { type: "string" } } } },
      "304": { description: "Not modified (`If-None-Match`)." },
    },
  });
  if (pages.logo !== undefined) {
    operations.set(normalizePath(pages.assetPaths.logo), {
      operationId: "pagesLogo",
      tags: ["pages"],
      summary: "The app's logo",
      responses: {
        "200": {
          description: "The image.",
          content: { "image/*": { schema: { type: "string", contentEncoding: "binary" } } },
        },
        "304": { description: "Not modified (`If-None-Match`)." },
      },
    });
  }
  return operations;
}

/** What a browser's form post on a page path gets besides the JSON answers. */
export const FORM_POST_RESPONSES: JsonObject = {
  "303": {
    description:
      "Pages on, a browser's form post (urlencoded, preferring `text/html`): done, see the page at `Location` (post/redirect/get). A refused form post gets its form again as `text/html`, with the refusal's status.",
    headers: { Location: { schema: { type: "string" } } },
  },
  "403": {
    description:
      "Pages on, a browser's form post whose form expired or came from another site (CSRF): the form again.",
    content: HTML,
  },
};

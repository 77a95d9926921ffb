/**
 * The pages' part of `router.openapi()`: the `GET` of the three pages and the assets, and what a
 * browser's form post gets on the page paths besides the JSON answers.
 */
import type { OpenApiObject as JsonObject, PagesOpenApi } from "./core.js";
import type { ResolvedPages } from "./options.js";

const HTML = { "text/html": { schema: { type: "string" } } };
const PAGE_NOTE =
  "A browser page (HTML, strict CSP, `Cache-Control: no-store`), in the language `Accept-Language` asks for.";

/** What a browser's form post on a page path gets besides the JSON answers. */
const FORM_POST_RESPONSES: JsonObject = {
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

/** The pages' operations, by path inside the mount point. */
export function pagesOpenApi(
  paths: { forgot: string; reset: string; report: string },
  pages: ResolvedPages,
): PagesOpenApi {
  const operations = new Map<string, JsonObject>();
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
        description:
          "The new-password form (naming the link's account, masked, once its token is proven), the code form, or a page saying the link cannot be used.",
        content: HTML,
      },
      "303": {
        description: "The token was taken out of the address; `Location` is this page without it.",
        headers: { Location: { schema: { type: "string" } } },
      },
      "400": {
        description:
          "The token's cookie was not got by opening the link in this browser (planted from a sibling site): a page saying to open the link again; nothing is checked or spent.",
        content: HTML,
      },
    },
  });
  operations.set(paths.report, {
    operationId: "reportPage",
    tags: ["pages"],
    summary: "The \"this wasn't me\" page a password-changed notice's report link opens",
    description: `${PAGE_NOTE} Shows a confirm button and changes nothing (mail scanners open links); the button posts the token to the report route.`,
    parameters: [
      {
        name: "token",
        in: "query",
        required: false,
        schema: { type: "string", maxLength: 512 },
        description: "The report link's token.",
      },
    ],
    responses: {
      "200": {
        description:
          "The confirm page; after a confirmed report, the page offering a fresh reset; or a page saying the link cannot be used.",
        content: HTML,
      },
    },
  });
  operations.set(pages.assetPaths.stylesheet, {
    operationId: "pagesStylesheet",
    tags: ["pages"],
    summary: "The pages' stylesheet",
    responses: {
      "200": { description: "CSS.", content: { "text/css": { schema: { type: "string" } } } },
      "304": { description: "Not modified (`If-None-Match`)." },
    },
  });
  if (pages.logo !== undefined) {
    operations.set(pages.assetPaths.logo, {
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
  return {
    operations,
    formPostResponses: {
      forgot: FORM_POST_RESPONSES,
      reset: FORM_POST_RESPONSES,
      report: FORM_POST_RESPONSES,
    },
  };
}

/**
 * The hosted pages behind one door: `createPages` checks `pages`, builds what the pages serve and
 * returns the paths they answer, their handler and their part of the OpenAPI document. The core
 * hands them a {@link PagesCore} and, per request, its {@link CoreFlows}; nothing outside
 * `lib/pages/` imports any other file of it.
 */
import { answerPage, pageWants } from "./express.js";
import { createPagesController } from "./controller.js";
import type { HostedPages, PageRoute, PagesCore } from "./core.js";
import { deprecationWarning } from "./hooks.js";
import { pagesOpenApi } from "./openapi.js";
import { resolvePages, type PagesOptions } from "./options.js";
import { hostedReportUrl, hostedResetUrl } from "./reset-url.js";

export type {
  CoreCheckResult,
  CoreFlowResult,
  CoreFlows,
  CoreFormBody,
  HostedPages,
  OpenApiJson,
  OpenApiObject,
  PageAccount,
  PageRoute,
  PagesCore,
  PagesOpenApi,
} from "./core.js";
export type { PagesOptions } from "./options.js";
// The pages' brand colours and logo rules, shared with the nodemailer mailer's HTML.
export { brandColours, DARK_CARD, DEFAULT_BRAND, LIGHT_CARD, type BrandColours } from "./colour.js";
export { MAX_LOGO_BYTES, sniffImage } from "./logo.js";
export type { CspSources } from "./headers.js";
export type { LogoSource, LogoType } from "./logo.js";
export type { LocaleCatalog, MessageKey, Messages, TextDirection } from "./messages/index.js";
export type {
  ChallengeCheckInput,
  ChallengeOptions,
  ChallengeWidget,
  CodePage,
  ForgotPage,
  InvalidPage,
  Page,
  PageContext,
  PageError,
  PageField,
  PageName,
  PageRenderer,
  RenderHelpers,
  RenderPageFunction,
  RenderPageInput,
  ReportedPage,
  ReportPage,
  ResetPage,
  SentPage,
  SuccessPage,
} from "./render/types.js";

/**
 * The hosted pages of a router, or `undefined` when `value` (the `pages` option) is off. Checks
 * every page option first, throwing a `PasswordResetConfigError` that names it, and warns once
 * through `core.logger` for each 0.2 spelling given.
 */
export function createPages(value: unknown, core: PagesCore): HostedPages | undefined {
  const pages = resolvePages(value as boolean | PagesOptions | undefined);
  if (pages === undefined) return undefined;
  const resetUrl = hostedResetUrl(core);
  for (const spelling of pages.deprecated) core.logger.warn(deprecationWarning(spelling));
  const { paths } = core;
  const controller = createPagesController({
    pages,
    resetUrl,
    paths,
    secrets: core.secrets,
    // Without an appName the pages name the site they are on.
    appName: core.appName ?? new URL(resetUrl).hostname,
    identifiers: core.identifiers,
    codes: core.canSendCodes,
    // A phone always gets a code; mail only with `delivery.email` "code" or "link+code".
    codeFormAfter: new Set(
      !core.canSendCodes ? [] : core.emailsCodes ? ["email", "mobile", "any"] : ["mobile", "any"],
    ),
    password: { minLength: core.password.minLength, maxLength: core.password.maxBytes },
    linkTtlSeconds: core.linkTtlSeconds,
    now: () => core.now(),
  });
  // The asset paths are constants already in the router's normal form (lower case, no trailing slash).
  const routes = new Map<string, PageRoute>([
    [paths.forgot, "forgot"],
    [paths.reset, "reset"],
    [paths.report, "report"],
    [pages.assetPaths.stylesheet, "stylesheet"],
    [pages.assetPaths.logo, "logo"],
  ]);
  return {
    routes,
    wants: pageWants,
    handle: (route, req, res, flows) => answerPage(controller, flows, core.responseHeaders, route, req, res),
    openapi: pagesOpenApi(paths, pages),
    reportUrl: hostedReportUrl(resetUrl, paths),
  };
}

/**
 * The hosted pages: pure building blocks the router wires in (render, headers, CSRF, cookies,
 * languages, assets). Nothing here touches Express.
 */
export { resolvePages, type PagesOptions, type ResolvedPages } from "./options.js";
export {
  resolveLocales,
  SHIPPED_LOCALES,
  t,
  type LocaleCatalog,
  type LocaleOptions,
  type MessageKey,
  type Messages,
  type PageLocales,
  type TextDirection,
} from "./messages/index.js";
export { negotiateLocale } from "./negotiate.js";
export { renderPage, renderDefault, relativeHref } from "./render/index.js";
export type * from "./render/types.js";
export { pageHeaders, contentSecurityPolicy, type CspSources } from "./headers.js";
export {
  createCsrf,
  CSRF_FIELD,
  type Csrf,
  type CsrfCheck,
  type CsrfOptions,
  type CsrfPurpose,
  type IssuedToken,
} from "./csrf.js";
export {
  pageCookies,
  mountPathOf,
  readCookie,
  type Flash,
  type Handoff,
  type PageCookieOptions,
  type PageCookies,
} from "./cookies.js";
export { ASSET_PATHS, assetResponse, createAsset, type AssetResponse, type PageAsset } from "./assets.js";
export { createStylesheet, stylesheet } from "./style.js";
export { createLogo, logoTag, sniffImage, MAX_LOGO_BYTES, type LogoSource, type LogoType } from "./logo.js";
export { brandColours, contrast, DEFAULT_BRAND, type BrandColours } from "./colour.js";
export {
  formToFlowRequest,
  classifyIdentifier,
  pageErrorsFor,
  type FlowFailure,
  type FlowFieldError,
  type FlowRequest,
  type PageForm,
  type PasswordLimits,
} from "./forms.js";
export {
  createPagesController,
  wantsPage,
  type FlowResult,
  type PageAnswer,
  type PageFlows,
  type PageRequest,
  type PagesController,
  type PagesControllerConfig,
} from "./controller.js";

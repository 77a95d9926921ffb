/**
 * The stylesheet of the pages, served by the router at {@link ASSET_PATHS.stylesheet} (relative
 * to its mount path) so the pages need no inline style and the CSP can say `style-src 'self'`.
 * The brand colours are written into it once, at construction.
 */
import { ASSET_PATHS, createAsset, type PageAsset } from "./assets.js";
import { brandColours, DARK_CARD, LIGHT_CARD } from "./colour.js";

/** The stylesheet for `brandColor` (validated; see {@link brandColours}) as a servable asset. */
export function createStylesheet(brandColor?: string): PageAsset {
  return createAsset(
    ASSET_PATHS.stylesheet,
    Buffer.from(stylesheet(brandColor), "utf8"),
    "text/css; charset=utf-8",
  );
}

/** The CSS text itself, for an app that serves or inlines it on its own terms. */
export function stylesheet(brandColor?: string): string {
  const c = brandColours(brandColor);
  // Logical properties (margin-inline, padding-inline-start) keep the layout right in RTL locales.
  return `:root {
  color-scheme: light dark;
  --brand: ${c.brand};
  --on-brand: ${c.onBrand};
  --link: ${c.linkLight};
  --bg: #f4f5f7;
  --card: ${LIGHT_CARD};
  --text: #1b1f24;
  --muted: #5b6571;
  --border: #d6dae0;
  --input-border: #6e7781;
  --input-bg: #ffffff;
  --error: #b3261e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --link: ${c.linkDark};
    --bg: #0f1115;
    --card: ${DARK_CARD};
    --text: #e6e8eb;
    --muted: #a3adb8;
    --border: #313741;
    --input-border: #8b949e;
    --input-bg: #12151a;
    --error: #ff8a80;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  min-height: 100vh;
  padding: 2.5rem 1rem;
  background: var(--bg);
  color: var(--text);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", Arial, sans-serif;
}
.page { max-width: 28rem; margin-inline: auto; }
.brand { display: flex; align-items: center; gap: 0.75rem; margin: 0 0 1.25rem; font-size: 1.125rem; font-weight: 600; }
.brand img { display: block; max-height: 2.5rem; max-width: 10rem; width: auto; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 0.75rem; padding: 2rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 0.75rem; }
p { margin: 0 0 1rem; }
.lead { color: var(--muted); }
a { color: var(--link); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
form { margin: 1.5rem 0 0; }
.field { margin: 0 0 1.25rem; }
label { display: block; font-weight: 600; margin: 0 0 0.25rem; }
.hint { color: var(--muted); font-size: 0.875rem; margin: 0 0 0.375rem; }
.field-error { color: var(--error); font-size: 0.875rem; font-weight: 600; margin: 0 0 0.375rem; }
input {
  display: block;
  width: 100%;
  min-height: 2.75rem;
  padding: 0.5rem 0.75rem;
  font: inherit;
  color: var(--text);
  background: var(--input-bg);
  border: 1px solid var(--input-border);
  border-radius: 0.5rem;
}
input[aria-invalid="true"] { border: 2px solid var(--error); }
input.code { letter-spacing: 0.25em; font-variant-numeric: tabular-nums; max-width: 12rem; }
.button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  width: 100%;
  min-height: 2.75rem;
  padding: 0.5rem 1.25rem;
  font: inherit;
  font-weight: 600;
  color: var(--on-brand);
  background: var(--brand);
  border: 0;
  border-radius: 0.5rem;
  text-decoration: none;
  cursor: pointer;
}
.button:hover { filter: brightness(1.08); }
.secondary { margin: 1.25rem 0 0; padding: 0; list-style: none; font-size: 0.9375rem; }
.secondary li + li { margin-top: 0.5rem; }
.error-summary { border: 2px solid var(--error); border-radius: 0.5rem; padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
.error-summary h2 { font-size: 1.0625rem; margin: 0 0 0.5rem; }
.error-summary ul { margin: 0; padding-inline-start: 1.25rem; }
.error-summary a { color: var(--error); font-weight: 600; }
.challenge { margin: 0 0 1.25rem; }
:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
input:focus-visible { outline-offset: 0; }
.visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
@media (max-width: 30rem) {
  body { padding: 1rem 0.75rem; }
  .card { padding: 1.25rem; border-radius: 0.5rem; }
}
@media (forced-colors: active) {
  .button { border: 2px solid ButtonText; }
}
@media (prefers-reduced-motion: no-preference) {
  .button { transition: filter 0.15s; }
}
`;
}

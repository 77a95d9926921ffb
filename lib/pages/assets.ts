/**
 * Files the router serves beside the pages (the stylesheet, the logo): bytes fixed at
 * construction, a strong ETag, and an address that changes with the bytes so browsers may cache
 * them for a year.
 */
import { createHash } from "node:crypto";

/** Where the assets live, relative to the router's mount path. Fixed, so the router can route them. */
export const ASSET_PATHS = {
  /** The stylesheet of every page. */
  stylesheet: "/pages-assets/style.css",
  /** The app's logo, when `pages.logo` is set. */
  logo: "/pages-assets/logo",
} as const;

/** One file served beside the pages. */
export interface PageAsset {
  /** Router-relative path the router answers `GET`/`HEAD` on, e.g. `/pages-assets/style.css`. */
  readonly path: string;
  /** Router-relative address pages link to: the path plus `?v=` and a digest of the bytes. */
  readonly href: string;
  /** The bytes. */
  readonly body: Buffer;
  /** Strong ETag (a quoted digest of the bytes). */
  readonly etag: string;
  /** Headers of a `200` answer, `Content-Type` and caching included. */
  readonly headers: Readonly<Record<string, string>>;
}

/** What to send for a request of an asset: `304` when the browser's copy is current. */
export interface AssetResponse {
  /** `200`, or `304` for a matching `If-None-Match`. */
  status: 200 | 304;
  /** Headers to set. */
  headers: Readonly<Record<string, string>>;
  /** The body of a `200`; none for a `304` (nor send one for `HEAD`). */
  body?: Buffer;
}

/** Builds an asset: digest, ETag, versioned href and the headers of its answers. */
export function createAsset(
  path: string,
  body: Buffer,
  contentType: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): PageAsset {
  const digest = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  const etag = `"${digest}"`;
  return {
    path,
    href: `${path}?v=${digest}`,
    body,
    etag,
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(body.length),
      // The href changes with the bytes, so a cached copy is never stale.
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: etag,
      "X-Content-Type-Options": "nosniff",
      "Cross-Origin-Resource-Policy": "same-origin",
      ...extraHeaders,
    },
  };
}

/** The answer to a `GET`/`HEAD` of `asset` carrying `ifNoneMatch` (the request header, if any). */
export function assetResponse(asset: PageAsset, ifNoneMatch: string | undefined): AssetResponse {
  const matches =
    ifNoneMatch !== undefined &&
    (ifNoneMatch.trim() === "*" ||
      ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === asset.etag));
  if (matches) {
    const { "Content-Length": _length, "Content-Type": _type, ...headers } = asset.headers;
    return { status: 304, headers };
  }
  return { status: 200, headers: asset.headers, body: asset.body };
}

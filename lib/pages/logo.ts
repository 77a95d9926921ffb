/**
 * The app's logo, served by the router from bytes (or a file) the app gives, so the pages load
 * nothing from another origin and the CSP can stay `img-src 'self'`.
 */
import { readFileSync } from "node:fs";
import { PasswordResetConfigError } from "../config-error.js";
import { ASSET_PATHS, createAsset, type PageAsset } from "./assets.js";

/** The logo as the app gives it: bytes or a file path (read once, at construction). */
export type LogoSource =
  { body: Uint8Array; contentType?: LogoType } | { file: string; contentType?: LogoType };

/** The image types a logo may be. */
export type LogoType = "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "image/svg+xml";

/** The largest logo accepted: a logo is small, and every page view may fetch it once. */
export const MAX_LOGO_BYTES = 512 * 1024;

// An SVG opened on its own (not through <img>) is a document that could run script: this CSP
// and `sandbox` keep such a navigation inert. Inline styles are how SVGs are usually coloured.
const SVG_HEADERS = { "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox" };

/**
 * Reads and checks the logo: its type is sniffed from the bytes (a `contentType` that disagrees
 * is an error), it must be at most {@link MAX_LOGO_BYTES}. Throws a
 * {@link PasswordResetConfigError} naming `pages.logo` otherwise.
 */
export function createLogo(source: LogoSource): PageAsset {
  let bytes: Buffer;
  if ("file" in source) {
    try {
      bytes = readFileSync(source.file);
    } catch (error) {
      const unreadable = new PasswordResetConfigError(
        "pages.logo.file",
        `could not be read (${(error as Error).message}): give the path of an image file this process can read.`,
      );
      unreadable.cause = error;
      throw unreadable;
    }
  } else if (source.body instanceof Uint8Array) {
    bytes = Buffer.from(source.body);
  } else {
    throw new PasswordResetConfigError("pages.logo", "must be `{ body: Buffer }` or `{ file: string }`.");
  }
  if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES) {
    throw new PasswordResetConfigError(
      "pages.logo",
      `must be between 1 byte and ${MAX_LOGO_BYTES} bytes; got ${bytes.length}.`,
    );
  }
  const sniffed = sniffImage(bytes);
  if (sniffed === undefined) {
    throw new PasswordResetConfigError("pages.logo", "must be a PNG, JPEG, GIF, WebP or SVG image.");
  }
  if (source.contentType !== undefined && source.contentType !== sniffed) {
    throw new PasswordResetConfigError(
      "pages.logo.contentType",
      `says ${source.contentType} but the bytes are ${sniffed}: correct it or leave it out.`,
    );
  }
  return createAsset(ASSET_PATHS.logo, bytes, sniffed, sniffed === "image/svg+xml" ? SVG_HEADERS : {});
}

/** The image type of `bytes` from its signature, or `undefined`. */
export function sniffImage(bytes: Buffer): LogoType | undefined {
  const starts = (signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  const head = bytes
    .subarray(0, 1024)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head))
    return "image/svg+xml";
  return undefined;
}

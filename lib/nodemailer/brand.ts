/**
 * The mail's brand: the colour and logo the pages take (`pages.brandColor`, `pages.logo`), given
 * to the mailer in the same shape so one value serves both. The colour is checked and paired
 * with readable text and link colours by the pages' own rules; the logo travels inside the
 * message as an inline (CID) attachment, since mail clients block remote images.
 */
import { readFileSync } from "node:fs";
import {
  brandColours,
  MAX_LOGO_BYTES,
  sniffImage,
  type BrandColours,
  type LogoSource,
} from "../pages/index.js";
import type { MailAttachment } from "./types.js";

/** The brand the HTML is drawn in. */
export interface MailBrand {
  /** Button, link and accent colours, derived from `brandColor`. */
  colours: BrandColours;
  /** The logo, attached inline, when the app gave one. */
  logo?: MailAttachment;
}

/** The `cid:` the HTML's `<img>` points at. */
export const LOGO_CID = "logo@express-password-reset";

// Mail clients show PNG, JPEG and GIF everywhere; SVG and WebP are blocked or unshown in several
// (Gmail, Outlook), and a logo that silently vanishes is worse than a refusal at start-up.
const MAIL_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif"]);

/** Checks `brandColor` and `logo`; `fail` throws the mailer's option error. */
export function resolveBrand(
  brandColor: unknown,
  logo: unknown,
  fail: (message: string) => never,
): MailBrand {
  if (
    brandColor !== undefined &&
    (typeof brandColor !== "string" || !/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(brandColor))
  ) {
    fail(
      `\`brandColor\` must be a hex colour such as "#2454c5" (the value of \`pages.brandColor\`); got ${JSON.stringify(brandColor)}.`,
    );
  }
  const colours = brandColours(brandColor as string | undefined);
  return logo === undefined ? { colours } : { colours, logo: readLogo(logo, fail) };
}

function readLogo(source: unknown, fail: (message: string) => never): MailAttachment {
  const given = source as Partial<LogoSource & { file: unknown; body: unknown }> | null;
  let bytes: Buffer;
  if (typeof given === "object" && given !== null && typeof given.file === "string") {
    try {
      bytes = readFileSync(given.file);
    } catch (error) {
      return fail(
        `\`logo.file\` could not be read (${(error as Error).message}): give the path of an image file this process can read.`,
      );
    }
  } else if (typeof given === "object" && given !== null && given.body instanceof Uint8Array) {
    bytes = Buffer.from(given.body);
  } else {
    return fail("`logo` must be `{ body: Buffer }` or `{ file: string }`, as `pages.logo`.");
  }
  if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES) {
    fail(`\`logo\` must be between 1 byte and ${MAX_LOGO_BYTES} bytes; got ${bytes.length}.`);
  }
  const type = sniffImage(bytes);
  if (type === undefined || !MAIL_IMAGE_TYPES.has(type)) {
    fail(
      `\`logo\` must be a PNG, JPEG or GIF image${type ? ` (got ${type}, which several mail clients do not show)` : ""}: ` +
        "give the mailer a PNG of the logo the pages use.",
    );
  }
  const extension = type === "image/jpeg" ? "jpg" : (type as string).slice("image/".length);
  return {
    filename: `logo.${extension}`,
    content: bytes,
    contentType: type as string,
    cid: LOGO_CID,
    contentDisposition: "inline",
  };
}

/**
 * The brand colour: validated as a hex colour (nothing else can reach the stylesheet, so no CSS
 * injection), and paired with text and link colours that keep WCAG AA contrast whatever the app
 * picks.
 */
import { PasswordResetConfigError } from "../config-error.js";

/** The colours the stylesheet derives from the brand colour. */
export interface BrandColours {
  /** Button background, `#rrggbb`. */
  brand: string;
  /** Text on the brand colour: black or white, whichever contrasts more. */
  onBrand: string;
  /** Links and focus ring on the light background: the brand when it reaches 4.5:1, else a default. */
  linkLight: string;
  /** The same on the dark background. */
  linkDark: string;
}

/** The brand colour when the app gives none: a blue with 4.5:1 or more against white text. */
export const DEFAULT_BRAND = "#2454c5";
/** Page backgrounds the link colours are checked against (must match style.ts). */
export const LIGHT_CARD = "#ffffff";
export const DARK_CARD = "#1a1d23";
const DEFAULT_LINK_LIGHT = "#1f4fbf";
const DEFAULT_LINK_DARK = "#8ab4ff";

/**
 * Validates `colour` (`#rgb` or `#rrggbb`) and derives the colours of the pages from it. Throws
 * a {@link PasswordResetConfigError} naming `pages.brandColor` for anything else, such as
 * `red;}body{...`.
 */
export function brandColours(colour: string = DEFAULT_BRAND): BrandColours {
  if (typeof colour !== "string" || !/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(colour)) {
    throw new PasswordResetConfigError(
      "pages.brandColor",
      `must be a hex colour such as "#2454c5"; got ${JSON.stringify(colour)}.`,
    );
  }
  const brand = expand(colour);
  const onBrand = contrast(brand, "#ffffff") >= contrast(brand, "#000000") ? "#ffffff" : "#000000";
  return {
    brand,
    onBrand,
    linkLight: contrast(brand, LIGHT_CARD) >= 4.5 ? brand : DEFAULT_LINK_LIGHT,
    linkDark: contrast(brand, DARK_CARD) >= 4.5 ? brand : DEFAULT_LINK_DARK,
  };
}

/** WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function expand(hex: string): string {
  const digits = hex.slice(1).toLowerCase();
  return digits.length === 3 ? `#${[...digits].map((d) => d + d).join("")}` : `#${digits}`;
}

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const value = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

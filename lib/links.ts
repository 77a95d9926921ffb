/**
 * The link a reset message carries. A `resetUrl` string gets `token` (and `redirect`) in its query;
 * a function returns the whole link. Never built from the request's Host header.
 */
import type { ResetUrlSetting } from "./settings/settings.js";
import type { ResetUrlContext } from "./types.js";

/** Builds the emailed link for a token; throws when the app's function fails or returns no string. */
export type LinkBuilder = (context: ResetUrlContext) => string;

/** The link builder of a `resetUrl` setting. */
export function createLinkBuilder(setting: ResetUrlSetting): LinkBuilder {
  switch (setting.kind) {
    case "function":
      return (context) => {
        const link: unknown = setting.build(context);
        // An async function would otherwise mail the words "[object Promise]".
        if (typeof link !== "string" || link === "") {
          // A Promise's own rejection would otherwise go unhandled and could end the process.
          if (isThenable(link)) Promise.resolve(link).catch(() => {});
          throw new TypeError("resetUrl must return the link as a non-empty string (not a Promise)");
        }
        return link;
      };
    case "url":
      return ({ token, redirectUrl }) => {
        const link = new URL(setting.base);
        link.searchParams.set("token", token);
        if (redirectUrl !== undefined) link.searchParams.set("redirect", redirectUrl);
        return link.href;
      };
    case "none":
      return () => {
        throw new Error("resetUrl is not configured");
      };
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

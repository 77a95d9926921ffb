/**
 * The link a reset message carries. A `resetUrl` string gets `token` (and `redirect`) in its query;
 * a function returns the whole link, or a Promise of it (a tenant's domain looked up in a
 * database), which is awaited: the flow calls the builder through `scope.call`, so it is bounded by
 * `advanced.adapterTimeoutSeconds` like any adapter. Never built from the request's Host header.
 */
import type { ReportUrlSetting, ResetUrlSetting } from "./settings/settings.js";
import type { ReportUrlContext, ResetUrlContext } from "./types.js";

/** Builds the emailed link for a token; rejects when the app's function fails or gives no string. */
export type LinkBuilder = (context: ResetUrlContext) => Promise<string>;

/** Builds a notice's report link ("this wasn't me") for a report token. */
export type ReportLinkBuilder = (context: ReportUrlContext) => Promise<string>;

/**
 * The report link builder: the hosted report page when pages are on (`hosted`), else the app's
 * `delivery.reportUrl`; `undefined` when there is neither.
 */
export function createReportLinkBuilder(
  hosted: string | undefined,
  setting: ReportUrlSetting,
): ReportLinkBuilder | undefined {
  if (hosted !== undefined) return createLinkBuilder({ kind: "url", base: hosted });
  if (setting.kind === "none") return undefined;
  return createLinkBuilder(setting, "delivery.reportUrl");
}

/** The link builder of a `resetUrl` setting (or another link option's, spelled `name`). */
export function createLinkBuilder(
  setting: ResetUrlSetting | ReportUrlSetting,
  name = "resetUrl",
): LinkBuilder {
  switch (setting.kind) {
    case "function":
      return async (context) => {
        const link: unknown = await setting.build(context);
        if (typeof link !== "string" || link === "") {
          throw new TypeError(`${name} must return the link (or a Promise of it) as a non-empty string`);
        }
        return link;
      };
    case "url": {
      // Without a query or fragment of its own (the usual case), the link is the base plus
      // `?token=`: a token is base64url with a `.` between its halves, all of which the query's
      // encoding leaves as it is (the `.` too, so a link token takes this path).
      const base = new URL(setting.base);
      const plain = /[?#]/.test(base.href) ? undefined : `${base.href}?token=`;
      return async ({ token, redirectUrl }) => {
        if (plain !== undefined && redirectUrl === undefined && /^[\w.-]*$/.test(token)) return plain + token;
        const link = new URL(setting.base);
        link.searchParams.set("token", token);
        if (redirectUrl !== undefined) link.searchParams.set("redirect", redirectUrl);
        return link.href;
      };
    }
    case "none":
      return async () => {
        throw new Error(`${name} is not configured`);
      };
  }
}

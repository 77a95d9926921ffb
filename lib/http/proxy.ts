/**
 * `X-Forwarded-For` reaching the router from an address Express does not trust. Behind a proxy
 * with `trust proxy` off, `req.ip` is the proxy's address for every client: per-IP limits count
 * all users as one (the 21st user in 15 minutes is refused) and code-guess budgets per network
 * lose their meaning. Nothing fails visibly until then, so the router warns once.
 */
import type { Request } from "express";

/** The warning, naming the fix and the README section that explains it. */
export const UNTRUSTED_PROXY_WARNING =
  "X-Forwarded-For arrived, but Express's `trust proxy` is off (or does not trust the address it came " +
  "from), so req.ip is the proxy's address and every client behind it shares the per-IP limits: the " +
  "21st user in 15 minutes is refused. Tell Express which proxies stand in front, e.g. " +
  '`app.set("trust proxy", 1)` for one hop, or their addresses ("loopback", "10.0.0.0/8"); never ' +
  '`true` on the open internet. See the README, "Running behind a proxy" ' +
  "(https://github.com/express-password-reset/express-password-reset#running-behind-a-proxy).";

/** The compiled `trust proxy` function Express keeps on every app (`app.get("trust proxy fn")`). */
type TrustFunction = (address: string | undefined, hop: number) => boolean;

/**
 * True when `req` carries `X-Forwarded-For` and Express will not read it: the address it came
 * from is not trusted by the app's `trust proxy` setting (off by default).
 */
export function isUntrustedForward(req: Request): boolean {
  if (req.headers["x-forwarded-for"] === undefined) return false;
  const trust: unknown = typeof req.app?.get === "function" ? req.app.get("trust proxy fn") : undefined;
  if (typeof trust !== "function") return true;
  return !(trust as TrustFunction)(req.socket.remoteAddress, 0);
}

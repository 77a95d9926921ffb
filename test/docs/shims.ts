// Declarations of packages the docs tell readers to install but this repository does not (yet)
// depend on. A shim is used only while its package's types cannot be resolved, so installing the
// real package makes the docs check against the real types with no change here; the docs test
// names every shim in use. Each follows the package's documented API, no more.

/** Module name → an ambient declaration of it. */
export const SHIMS: Readonly<Record<string, string>> = {
  // expressjs/cors, as its README and @types/cors describe `cors(options)`.
  cors: `declare module "cors" {
  import type { RequestHandler } from "express";
  type StaticOrigin = boolean | string | RegExp | Array<boolean | string | RegExp>;
  interface CorsOptions {
    origin?:
      | StaticOrigin
      | ((origin: string | undefined, callback: (error: Error | null, origin?: StaticOrigin) => void) => void);
    methods?: string | string[];
    allowedHeaders?: string | string[];
    exposedHeaders?: string | string[];
    credentials?: boolean;
    maxAge?: number;
    preflightContinue?: boolean;
    optionsSuccessStatus?: number;
  }
  function cors(options?: CorsOptions): RequestHandler;
  export = cors;
}
`,
};

/**
 * The one interface between the hosted pages and the rest of the router, in both directions:
 * what the core hands `createPages` (a few values out of its settings, no settings object), the
 * flows it runs for a page, and what the pages hand back (the paths they answer, a handler, their
 * part of the OpenAPI document). The pages reach nothing else of the core.
 */
import type { Request, Response } from "express";
import type { FlowFailure } from "./forms.js";
import type { IdentifierType } from "./render/types.js";

/**
 * A JSON value of the OpenAPI document. Declared here rather than imported from the public types,
 * which import the pages' options (no import circle); the same shape as the document's `JsonValue`.
 */
export type OpenApiJson = string | number | boolean | null | OpenApiJson[] | { [key: string]: OpenApiJson };

/** A JSON object of the OpenAPI document. */
export type OpenApiObject = { [key: string]: OpenApiJson };

/** What the router tells the pages about itself, once, at construction. */
export interface PagesCore {
  /**
   * `resetUrl` when it is a URL string: the public address of the hosted reset page (origin +
   * mount path + `paths.reset`). `undefined` when it is a function or not given: the pages then
   * refuse to start, since they scope their cookies by its path.
   */
  readonly resetUrl: string | undefined;
  /** Router-relative paths of the pages, normalised as the router compares them. */
  readonly paths: { readonly forgot: string; readonly reset: string; readonly report: string };
  /** The router's secrets, newest first: the first signs the pages' CSRF tokens, each verifies. */
  readonly secrets: readonly string[];
  /** `appName`, if given; the pages otherwise name the host of `resetUrl`. */
  readonly appName: string | undefined;
  /** The identifier types the router accepts, in a stable order. */
  readonly identifiers: readonly IdentifierType[];
  /** True when some identifier can get a code (SMS, or email delivering codes): the reset page then offers the code form. */
  readonly canSendCodes: boolean;
  /** True when mail carries a code (`delivery.email` `"code"` or `"link+code"`): "check your inbox" then offers the code form. */
  readonly emailsCodes: boolean;
  /** The password policy's bounds, quoted in hints and messages. */
  readonly password: { readonly minLength: number; readonly maxBytes: number };
  /** Lifetime of a mailed link in seconds: the token's hand-off cookie lives no longer. */
  readonly linkTtlSeconds: number;
  /** The router's clock, epoch ms. */
  now(): number;
  /** Where the pages' construction-time warnings go (a deprecated spelling, a `resetUrl` off the reset page). */
  readonly logger: { warn(message: string): void };
  /** Headers every response of the router carries (pages and redirects carry them too). */
  readonly responseHeaders: Readonly<Record<string, string>>;
}

/**
 * How a flow the core ran for a page ended: done (with work to start once the page has gone out,
 * such as a forgot's delivery), or refused. Failures were already reported (events) by the core.
 */
export type CoreFlowResult =
  | {
      ok: true;
      afterAnswer?: () => void;
      /** The checked link's account has a second factor: the reset form asks for its code. */
      secondFactor?: boolean;
    }
  | ({ ok: false } & FlowFailure);

/** The account a link's grant was asked for by: the identifier's type and its normalised value. */
export interface PageAccount {
  readonly type: IdentifierType;
  readonly value: string;
}

/** How the link check the core ran for a page ended: the link's account, or the refusal. */
export type CoreCheckResult =
  | {
      ok: true;
      account: PageAccount;
      /** The account has a second factor: the reset form asks for its code too. */
      secondFactor?: boolean;
    }
  | ({ ok: false } & FlowFailure);

/** A form post's body as the core read it: the fields, or the refusal to show on the form. */
export type CoreFormBody =
  | { ok: true; body: Readonly<Record<string, unknown>> }
  | {
      ok: false;
      failure: FlowFailure;
      /** The refusal's HTTP status (413, 408, 415, 400...). */
      status: number;
      /** Its extra headers, if any. */
      headers?: Readonly<Record<string, string>>;
    };

/**
 * The router's flows, run for a page: each takes the browser's request (its client, for the
 * per-IP limits and the app's hooks) and goes through the same steps, limits and checks as the
 * JSON API's route of the same name.
 */
export interface CoreFlows {
  /** Reads a form post's body under the router's size and time limits and refuses hostile input. */
  readForm(req: Request, page: "forgot" | "reset" | "report"): Promise<CoreFormBody>;
  /** `forgot` with `{ email }`, `{ mobile }` or `{ username }`. */
  forgot(req: Request, body: Readonly<Record<string, string>>): Promise<CoreFlowResult>;
  /** `reset` with `{ token, password, passwordConfirm }` or `{ <identifier>, code, password, passwordConfirm }`. */
  reset(req: Request, body: Readonly<Record<string, string>>): Promise<CoreFlowResult>;
  /**
   * `check` of a link token: is it still good? Spends nothing. Succeeds for a live token, naming
   * the account its grant was asked for by; fails as `POST check` would (INVALID_TOKEN,
   * TOKEN_EXPIRED, RATE_LIMITED...).
   */
  check(req: Request, token: string): Promise<CoreCheckResult>;
  /** `report` ("this wasn't me") of a report link's token: revokes the account's grants, tells the app. */
  report(req: Request, token: string): Promise<CoreFlowResult>;
  /**
   * True for a redirect URL the router allows for this request (`allowedRedirectOrigins`, the
   * request's tenant's when they are a function of it). False when it cannot tell (a failing hook).
   */
  allowsRedirect(req: Request, url: string): Promise<boolean>;
}

/** What the pages answer: the three pages and the two assets. */
export type PageRoute = "forgot" | "reset" | "report" | "stylesheet" | "logo";

/** The pages' part of `router.openapi()`. */
export interface PagesOpenApi {
  /** The `GET` operation of each path the pages answer, by router-relative path. */
  readonly operations: ReadonlyMap<string, OpenApiObject>;
  /** Responses a browser's form post adds to a route's `POST`, by route name (`forgot`, `reset`). */
  readonly formPostResponses: Readonly<Record<string, OpenApiObject>>;
}

/** The hosted pages, on: what `createPages` returns. */
export interface HostedPages {
  /** Router-relative paths the pages answer, and which page or asset each one is. */
  readonly routes: ReadonlyMap<string, PageRoute>;
  /**
   * True when the pages answer this request on one of their paths: a `GET` or `HEAD`, or a
   * browser's form post to a form (see `wantsPage`). Anything else is the JSON API's.
   */
  wants(route: PageRoute, req: Request): boolean;
  /** Answers a request the pages want, running `flows` for the form posts and the link check. */
  handle(route: PageRoute, req: Request, res: Response, flows: CoreFlows): Promise<void>;
  /** The pages' part of `router.openapi()`. */
  readonly openapi: PagesOpenApi;
  /** The public address of the hosted report page ("this wasn't me"), for notices' report links. */
  readonly reportUrl: string | undefined;
}

/**
 * The typed requests the flows take, one per route, as the router's readers (`http/requests.ts`)
 * make them from a body: flows and grants import these, never anything of HTTP.
 */
import type { Identifier } from "../types.js";

/** An identifier as found in a request, with the field it came from. */
export interface RequestIdentifier extends Identifier {
  /** The request field that held it, for error details. */
  field: string;
  /** Whether normalisation changed more than surrounding spaces (case, width, punctuation). */
  normalised?: boolean;
}

/** A presented secret, before it is checked against the store. */
export type Credential =
  | { kind: "link"; token: string; identifier: RequestIdentifier | null }
  | { kind: "code"; code: string; identifier: RequestIdentifier | null }
  | { kind: "session"; token: string; identifier: RequestIdentifier | null };

/** `POST forgot`. */
export interface ForgotRequest {
  identifier: RequestIdentifier;
  redirectUrl: string | undefined;
  /**
   * Set when `redirectUrl`'s origin is still to be checked, against the tenant's own origins
   * (`delivery.allowedRedirectOrigins` as a function): the field as sent, for the 400's details.
   */
  redirectField?: string;
}

/** `POST verify`. */
export interface VerifyRequest {
  credential: Credential;
}

/** `POST reset`. */
export interface ResetRequest {
  credential: Credential;
  /** The new password, confirmed when the policy asks for it; not yet checked against the policy. */
  password: string;
  /** The answer to the account's second factor (`otp`), if sent; asked for by `accounts.secondFactor`. */
  otp: string | undefined;
}

/** `POST check`: read as verify reads it (a link token, or an identifier + code). */
export type CheckRequest = VerifyRequest;

/** `POST report`: the token of a "this wasn't me" link. */
export interface ReportRequest {
  token: string;
}

/** The typed request of each route. */
export interface RouteRequests {
  forgot: ForgotRequest;
  verify: VerifyRequest;
  reset: ResetRequest;
  check: CheckRequest;
  report: ReportRequest;
}

/** Where a user can be reached, read once from the record `findUser` returned (never from the request). */
import type { ResetUser } from "../types.js";

/** The record's email address and mobile number, each only when it is a non-blank string. */
export interface Addresses {
  email: string | undefined;
  mobile: string | undefined;
}

/** The addresses of `user`; see {@link Addresses}. */
export function addressesOf(user: ResetUser): Addresses {
  return { email: nonBlank(user.email), mobile: nonBlank(user.mobile) };
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

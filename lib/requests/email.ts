/**
 * The email check of an identifier: joi's `string().email({ tlds: { allow: false } }).max(254)`,
 * answered without joi for the addresses nearly every request sends. joi's check (its validator,
 * then `@hapi/address`, which runs every domain through `new URL`) was a tenth of a forgot request;
 * an all-ASCII address is decided here by one compiled pattern and two length checks that give
 * exactly joi's answer (test/http/email-check.test.ts holds the two to the same answers over joi's
 * own cases and a fuzzed corpus). Anything with a non-ASCII character goes to joi as before: its
 * NFC normalisation, UTF-8 lengths and IDNA rules are not worth copying for the rare address
 * that needs them.
 */
import Joi from "joi";
import { FIELD_MAX_LENGTHS } from "../vocabulary.js";

const joiEmail = Joi.string()
  .email({ tlds: { allow: false } })
  .max(FIELD_MAX_LENGTHS.email);

/** RFC 5321 atext (joi's `ATEXT_RX`: `\w` holds `_`), one or more. */
const ATOM = "[\\w!#$%&'*+\\-/=?^`{|}~]+";
/** A domain label of 1–63 characters: letters, digits, inner hyphens. */
const LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
/** The last label: as a label, but starting with a letter (so never an IPv4 address). */
const TLD = "[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
/**
 * An ASCII address joi accepts: a dot-atom local part of at most 64 characters, `@`, two or more
 * labels. For ASCII, `new URL` in joi's domain check only lower-cases a valid domain, and fails (or
 * turns it into an IPv4 address, which the last label then refuses) on an invalid one, so the
 * labels are checked as typed.
 */
const ASCII_EMAIL = new RegExp(`^(?=[^@]{1,64}@)${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${TLD}$`);
// eslint-disable-next-line no-control-regex -- the ASCII range is the point
const NON_ASCII = /[^\x00-\x7f]/;

/** True when joi's email schema (see the module comment) accepts `value`. */
export function isEmailAddress(value: string): boolean {
  if (value.length > FIELD_MAX_LENGTHS.email) return false;
  if (NON_ASCII.test(value)) return joiEmail.validate(value).error === undefined;
  return ASCII_EMAIL.test(value);
}

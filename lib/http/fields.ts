/**
 * Typed reading of known fields with joi: strings only, bounded, every problem reported with the
 * field it belongs to. Schemas are compiled once, when a reader is made, never per request.
 */
import Joi from "joi";
import { validationError } from "../errors.js";
import type { FieldError } from "../types.js";

const OPTIONS: Joi.ValidationOptions = {
  abortEarly: false,
  convert: false,
  errors: { wrap: { label: false } },
};

/** A bounded string field: strings only, never numbers, arrays or objects. */
export function stringField(maxLength: number): Joi.StringSchema {
  return Joi.string().max(maxLength);
}

/**
 * A reader of the known fields `fields` of a body: it validates them (other fields pass untouched)
 * and returns them. `sentAs` names a field as the client sent it (an alias) in error details.
 */
export function fieldReader<T extends Record<string, unknown>>(
  fields: Record<keyof T & string, Joi.Schema>,
): (body: Record<string, unknown>, sentAs?: (field: string) => string) => Partial<T> {
  const names = Object.keys(fields);
  const schema = Joi.object(fields);
  // Most requests send none of a reader's fields (no `redirectUrl`, no `otp`): when joi accepts
  // the empty pick as it is (none required, no defaults), it is not asked again per request.
  const empty = schema.validate({}, OPTIONS);
  const noneNeeded = empty.error === undefined && Object.keys(empty.value as object).length === 0;
  return (body, sentAs = (field) => field) => {
    const picked: Record<string, unknown> = {};
    let any = false;
    for (const name of names) {
      if (Object.prototype.hasOwnProperty.call(body, name)) {
        picked[name] = body[name];
        any = true;
      }
    }
    if (!any && noneNeeded) return picked as Partial<T>;
    const { error, value } = schema.validate(picked, OPTIONS);
    if (error) {
      const details: FieldError[] = error.details.map((detail) => {
        const field = detail.path.join(".") || "body";
        const sent = sentAs(field);
        return {
          field: sent,
          message: sent === field ? detail.message : detail.message.replace(field, sent),
        };
      });
      throw validationError(details);
    }
    return value as Partial<T>;
  };
}

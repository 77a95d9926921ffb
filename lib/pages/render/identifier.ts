/** How the identifier field looks for the identifier types the router accepts. */
import type { IdentifierType } from "./types.js";
import type { MessageKey } from "../messages/index.js";

/** Label, input type and wording of the identifier field. */
export interface IdentifierInput {
  label: MessageKey;
  type: "text" | "email" | "tel";
  autocomplete: string;
  inputmode?: "email" | "tel";
  hint?: MessageKey;
  intro: MessageKey;
  submit: MessageKey;
  required: MessageKey;
}

/** The identifier field for `types` (one field even when several types are accepted). */
export function identifierInput(types: readonly IdentifierType[]): IdentifierInput {
  const has = (type: IdentifierType) => types.includes(type);
  const only = types.length === 1 ? types[0] : undefined;
  if (only === "email" || types.length === 0) {
    return {
      label: "labelEmail",
      type: "email",
      autocomplete: "email",
      intro: "forgotIntroEmail",
      submit: "forgotSubmitLink",
      required: "errorEmailRequired",
    };
  }
  if (only === "mobile") {
    return {
      label: "labelMobile",
      type: "tel",
      autocomplete: "tel",
      hint: "hintMobile",
      intro: "forgotIntroMobile",
      submit: "forgotSubmitCode",
      required: "errorMobileRequired",
    };
  }
  if (only === "username") {
    return {
      label: "labelUsername",
      type: "text",
      autocomplete: "username",
      intro: "forgotIntroUsername",
      submit: "forgotSubmitAny",
      required: "errorUsernameRequired",
    };
  }
  // Several types share one text field; the router tells them apart (see classifyIdentifier).
  const label: MessageKey = !has("username")
    ? "labelEmailOrMobile"
    : !has("mobile")
      ? "labelEmailOrUsername"
      : !has("email")
        ? "labelMobileOrUsername"
        : "labelAnyIdentifier";
  return {
    label,
    type: "text",
    autocomplete: "username",
    ...(has("mobile") ? { hint: "hintMobile" as const } : {}),
    intro: "forgotIntroAny",
    submit: "forgotSubmitAny",
    required: "errorIdentifierRequired",
  };
}

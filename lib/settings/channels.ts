/**
 * What a router can send, derived from its identifiers, its email delivery and its senders: the
 * settings decide from it whether `resetUrl` is needed, the pages whether to offer the code form,
 * the OpenAPI document which credentials to describe.
 */
import type { AccountSettings, CoreSettings, DeliverySettings } from "./settings.js";

/** The settings the channels follow: the senders, the identifiers, the email delivery. */
export interface ChannelSettings {
  readonly core: Pick<CoreSettings, "mailer" | "sms">;
  readonly accounts: Pick<AccountSettings, "identifiers">;
  readonly delivery: Pick<DeliverySettings, "email">;
}

/** True when this router can mail links (to email and username identifiers). */
export function sendsLinks({ core, accounts, delivery }: ChannelSettings): boolean {
  const { identifiers } = accounts;
  const emailPossible = identifiers.has("email") || identifiers.has("username");
  return emailPossible && delivery.email !== "code" && core.mailer !== undefined;
}

/** True when some identifier can get a code: by SMS, or by email when email delivers codes (alone or beside links). */
export function sendsCodes({ core, accounts, delivery }: ChannelSettings): boolean {
  const { identifiers } = accounts;
  const bySms = core.sms !== undefined && (identifiers.has("mobile") || identifiers.has("username"));
  return bySms || (core.mailer !== undefined && delivery.email !== "link");
}

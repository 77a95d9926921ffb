/**
 * Checks the options of `createNodemailerMailer` once, at construction, and resolves them into a
 * filled-in config. Mistakes throw a `TypeError` naming the option and the fix; the caller's
 * object is read, never changed.
 */
import { firstUnknownKey, isObject, suggest } from "../settings/checks.js";
import { hasControlCharacters } from "./headers.js";
import { resolveBrand, type MailBrand } from "./brand.js";
import { resolveMailLocales, type MailLocales } from "./messages/index.js";
import { MAX_ATTEMPTS, type RetryPolicy } from "./retry.js";
import { defaultTemplates, type CompleteTemplates } from "./templates.js";
import type {
  ChangedTemplateContext,
  MailAddress,
  MailTransport,
  MessageTemplates,
  NodemailerMailerOptions,
  ResetTemplateContext,
} from "./types.js";

/** The options with every default filled in. */
export interface MailerConfig {
  /** Sends messages. */
  transport: MailTransport;
  /** Sender, as given. */
  from: string | MailAddress;
  /** Product name, if any. */
  appName?: string;
  /** The reset message's templates, overrides merged over defaults. */
  reset: CompleteTemplates<ResetTemplateContext>;
  /** The notice's templates, overrides merged over defaults. */
  changed: CompleteTemplates<ChangedTemplateContext>;
  /** Retry policy. */
  retry: RetryPolicy;
  /** Clock, epoch ms. */
  now: () => number;
  /** The catalogs, the app's strings merged in. */
  locales: MailLocales;
  /** Colours and logo of the HTML. */
  brand: MailBrand;
}

const OPTION_KEYS = [
  "transport",
  "from",
  "appName",
  "templates",
  "messages",
  "brandColor",
  "logo",
  "retry",
  "lang",
  "now",
];
const MESSAGE_KEYS = ["reset", "changed"];
const PART_KEYS = ["subject", "text", "html"];
const RETRY_KEYS = ["attempts", "baseDelayMs"];
const DEFAULT_BASE_DELAY_MS = 250;

function fail(message: string): never {
  throw new TypeError(`express-password-reset/nodemailer: ${message}`);
}

function checkKeys(value: Record<string, unknown>, known: string[], where: string): void {
  const key = firstUnknownKey(value, known);
  if (key !== undefined) {
    fail(`unknown option \`${where}${key}\`; the known ones are ${known.join(", ")}.${suggest(key, known)}`);
  }
}

function checkHeaderValue(value: unknown, name: string): string {
  if (typeof value !== "string" || value.trim() === "" || hasControlCharacters(value)) {
    fail(`\`${name}\` must be a non-empty string without line breaks or control characters.`);
  }
  return value;
}

function checkFrom(from: unknown): string | MailAddress {
  if (typeof from === "string") return checkHeaderValue(from, "from");
  if (isObject(from)) {
    const address = checkHeaderValue(from.address, "from.address");
    const name = from.name === undefined || from.name === "" ? "" : checkHeaderValue(from.name, "from.name");
    return { name, address };
  }
  return fail('`from` is required: a string such as "Acme <no-reply@acme.test>" or { name, address }.');
}

function checkRetry(retry: unknown): RetryPolicy {
  if (retry === undefined) return { attempts: 1, baseDelayMs: DEFAULT_BASE_DELAY_MS };
  if (!isObject(retry)) return fail("`retry` must be an object such as { attempts: 3, baseDelayMs: 250 }.");
  checkKeys(retry, RETRY_KEYS, "retry.");
  const attempts = retry.attempts ?? 1;
  const baseDelayMs = retry.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  if (!Number.isInteger(attempts) || (attempts as number) < 1 || (attempts as number) > MAX_ATTEMPTS) {
    fail(`\`retry.attempts\` must be an integer from 1 (no retry) to ${MAX_ATTEMPTS}.`);
  }
  if (typeof baseDelayMs !== "number" || !Number.isFinite(baseDelayMs) || baseDelayMs < 0) {
    fail("`retry.baseDelayMs` must be a number of milliseconds, 0 or more.");
  }
  return { attempts: attempts as number, baseDelayMs };
}

function mergeTemplates<Context>(
  defaults: CompleteTemplates<Context>,
  overrides: unknown,
  where: string,
): CompleteTemplates<Context> {
  if (overrides === undefined) return { ...defaults };
  if (!isObject(overrides)) {
    return fail(`\`${where}\` must be an object of { subject?, text?, html? } functions.`);
  }
  checkKeys(overrides, PART_KEYS, `${where}.`);
  for (const part of PART_KEYS) {
    const fn = overrides[part];
    if (fn !== undefined && typeof fn !== "function") {
      fail(`\`${where}.${part}\` must be a function of the context.`);
    }
  }
  const given = overrides as MessageTemplates<Context>;
  return {
    subject: given.subject ?? defaults.subject,
    text: given.text ?? defaults.text,
    html: given.html ?? defaults.html,
  };
}

/** Validates `options` and fills in the defaults. */
export function resolveMailerOptions(options: NodemailerMailerOptions): MailerConfig {
  if (!isObject(options)) return fail("options are required: { transport, from }.");
  checkKeys(options, OPTION_KEYS, "");
  const transport = options.transport as unknown;
  if (!isObject(transport) || typeof transport.sendMail !== "function") {
    fail(
      "`transport.sendMail` must be a function: pass a nodemailer transporter (nodemailer.createTransport(...)).",
    );
  }
  const from = checkFrom(options.from);
  if (options.appName !== undefined && typeof options.appName !== "string") {
    fail("`appName` must be a string.");
  }
  const lang = options.lang ?? "en";
  if (typeof lang !== "string" || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) {
    fail('`lang` must be a language tag such as "en" or "pt-BR".');
  }
  if (options.now !== undefined && typeof options.now !== "function") {
    fail("`now` must be a function returning epoch ms.");
  }
  const templates: unknown = options.templates ?? {};
  if (!isObject(templates)) fail("`templates` must be an object: { reset?, changed? }.");
  checkKeys(templates, MESSAGE_KEYS, "templates.");
  const locales = resolveMailLocales(options.messages, lang, fail);
  const brand = resolveBrand(options.brandColor, options.logo, fail);
  const defaults = defaultTemplates(locales, brand);
  return {
    locales,
    brand,
    transport: options.transport,
    from,
    ...(options.appName ? { appName: options.appName } : {}),
    reset: mergeTemplates(defaults.reset, templates.reset, "templates.reset"),
    changed: mergeTemplates(defaults.changed, templates.changed, "templates.changed"),
    retry: checkRetry(options.retry),
    now: options.now ?? Date.now,
  };
}

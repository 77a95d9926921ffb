/**
 * Reads the request body itself, so the router behaves the same whether or not the host app
 * installed body parsers, on Express 4 and 5 alike. Accepts JSON, `text/plain` holding JSON,
 * and urlencoded forms; everything else is 415, over the limit 413, malformed 400.
 */
import contentType from "content-type";
import getRawBody from "raw-body";
import type { Request } from "express";
import { RequestError, validationError } from "../errors.js";
import { deadlinesOf } from "../timeout.js";

type Body = Record<string, unknown>;

/** Parses the request body into a plain object (never with a prototype to pollute). */
export async function readBody(req: Request, maxBytes: number, timeoutMs: number): Promise<Body> {
  if (alreadyParsed(req)) return fromHostParser(req.body);
  const media = mediaType(req);
  const raw = await readRaw(req, maxBytes, timeoutMs);
  if (raw.length === 0) return Object.create(null) as Body;
  if (media === undefined) throw new RequestError("UNSUPPORTED_MEDIA_TYPE");
  const text = decodeUtf8(raw);
  return media === "form" ? parseForm(text) : parseJsonObject(text);
}

/** True when a host parser (body-parser's json/urlencoded/text) has consumed the stream. */
function alreadyParsed(req: Request): boolean {
  return (req as Request & { _body?: boolean })._body === true || req.readableEnded;
}

function fromHostParser(body: unknown): Body {
  if (body === undefined || body === null) return Object.create(null) as Body;
  if (typeof body === "string")
    return body.trim() === "" ? (Object.create(null) as Body) : parseJsonObject(body);
  if (Buffer.isBuffer(body))
    return body.length === 0 ? (Object.create(null) as Body) : parseJsonObject(decodeUtf8(body));
  if (typeof body === "object" && !Array.isArray(body)) return body as Body;
  throw validationError([{ field: "body", message: "body must be a JSON object" }]);
}

function mediaType(req: Request): "json" | "form" | undefined {
  const header = req.headers["content-type"];
  if (header === undefined) return undefined;
  let parsed: contentType.ParsedMediaType;
  try {
    parsed = contentType.parse(header);
  } catch {
    throw new RequestError("UNSUPPORTED_MEDIA_TYPE");
  }
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw new RequestError("UNSUPPORTED_MEDIA_TYPE", { message: "Only the UTF-8 charset is supported." });
  }
  const type = parsed.type;
  if (
    type === "application/json" ||
    /^application\/[a-z0-9.+-]+\+json$/.test(type) ||
    type === "text/plain"
  ) {
    return "json";
  }
  if (type === "application/x-www-form-urlencoded") return "form";
  throw new RequestError("UNSUPPORTED_MEDIA_TYPE");
}

/**
 * Reads at most `maxBytes`, within `timeoutMs`: without a deadline of its own a client trickling
 * a byte at a time would hold the request (and a connection) until Node's 300 s request timeout.
 * A late body answers 408 and the connection is closed behind the answer.
 */
async function readRaw(req: Request, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding !== "identity") {
    throw new RequestError("UNSUPPORTED_MEDIA_TYPE", {
      message: "Compressed request bodies are not supported.",
    });
  }
  const declared = req.headers["content-length"];
  const deadlines = deadlinesOf(timeoutMs);
  try {
    // The deadline is one entry of a shared queue, not a timer of its own (see timeout.ts).
    return await new Promise<Buffer>((resolve, reject) => {
      const deadline = deadlines.set(() =>
        reject(new RequestError("REQUEST_TIMEOUT", { headers: { Connection: "close" } })),
      );
      getRawBody(req, { limit: maxBytes, length: declared }, (error, body) => {
        deadlines.cancel(deadline);
        if (error) reject(error);
        else resolve(body);
      });
    });
  } catch (error) {
    if (error instanceof RequestError) throw error;
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") throw new RequestError("PAYLOAD_TOO_LARGE");
    throw validationError([{ field: "body", message: "the request body could not be read" }]);
  }
}

/** One decoder for every body: `decode()` without `stream` starts afresh on each call. */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function decodeUtf8(raw: Buffer): string {
  try {
    return UTF8.decode(raw);
  } catch {
    throw validationError([{ field: "body", message: "the request body must be valid UTF-8" }]);
  }
}

function parseJsonObject(text: string): Body {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationError([{ field: "body", message: "the request body is not valid JSON" }]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw validationError([{ field: "body", message: "the request body must be a JSON object" }]);
  }
  return value as Body;
}

/**
 * A form as a flat object of strings. A field given twice (`email=a&email=b`) becomes an array,
 * which the strict field types then refuse; bracket names (`email[]`) are refused outright.
 */
function parseForm(text: string): Body {
  const body = Object.create(null) as Body;
  for (const [key, value] of new URLSearchParams(text)) {
    if (/[[\]]/.test(key)) {
      throw validationError([
        { field: key, message: `${key}: nested or array form fields are not supported` },
      ]);
    }
    const existing = body[key];
    if (existing === undefined) body[key] = value;
    else body[key] = Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
  }
  return body;
}

/**
 * Lets an unread body drain before answering, so the client reads the error instead of a reset
 * connection; bounded, so a client that never stops sending cannot hold the request.
 */
export async function discardBody(req: Request): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, 1000);
    function done(): void {
      clearTimeout(timer);
      resolve();
    }
    req.once("end", done);
    req.once("close", done);
    req.once("error", done);
    req.resume();
  });
}

/** True for a refusal sent before the body was read, whose body must be drained first. */
export function leftBodyUnread(error: unknown): boolean {
  return (
    error instanceof RequestError &&
    (error.type === "PAYLOAD_TOO_LARGE" || error.type === "UNSUPPORTED_MEDIA_TYPE")
  );
}

/**
 * Calls the router as Express would, without a socket: a readable request carrying a JSON body
 * and a response that records what is written. A flood of 100,000 requests then takes seconds
 * instead of a minute, and the heap holds nothing of HTTP's own, only what the package keeps.
 */
import { Readable } from "node:stream";
import type { Request, Response } from "express";
import type { PasswordResetRouter } from "../lib/index.js";

/** POSTs `json` to `path` of `router` from `ip`; resolves with the status once the answer is written. */
export function callRouter(
  router: PasswordResetRouter,
  path: string,
  json: unknown,
  ip: string,
): Promise<number> {
  const payload = Buffer.from(JSON.stringify(json));
  const req = Object.assign(Readable.from([payload], { objectMode: false }), {
    method: "POST",
    url: path,
    path,
    ip,
    headers: { "content-type": "application/json", "content-length": String(payload.length) },
  });
  return new Promise((resolve, reject) => {
    const res = {
      statusCode: 200,
      headersSent: false,
      setHeader: () => res,
      end: () => {
        res.headersSent = true;
        resolve(res.statusCode);
      },
    };
    router(req as unknown as Request, res as unknown as Response, (error?: unknown) =>
      reject(error instanceof Error ? error : new Error(`the router passed ${path} on`)),
    );
  });
}

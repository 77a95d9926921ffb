/**
 * Loopback plumbing for the benchmarks: start an app on 127.0.0.1 port 0, and time single
 * requests over a keep-alive agent, so a connection's setup is never part of a measured latency.
 */
import { Agent, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";

/** A listening app. */
export interface Listening {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Stops listening and drops idle keep-alive connections. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 on a free port: nothing is reachable from outside the machine. */
export function listen(app: Express): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(0, "127.0.0.1");
    server.once("error", reject);
    server.once("listening", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** A keep-alive agent; `sockets` bounds how many requests run at once on it. */
export function keepAliveAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets });
}

/** One answered request. */
export interface Reply {
  status: number;
  body: string;
  /** From just before the request is written to the end of the response, in ms. */
  ms: number;
}

/** Sends one request (a JSON body when given) and times it with the monotonic clock. */
export function send(agent: Agent, url: string, method: "GET" | "POST", json?: unknown): Promise<Reply> {
  const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const headers: Record<string, string | number> = {};
  if (payload) {
    headers["content-type"] = "application/json";
    headers["content-length"] = payload.length;
  }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = httpRequest(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

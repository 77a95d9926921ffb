// An app on a real loopback socket, for what supertest's in-process calls cannot show: truly
// parallel requests, slow bodies, connections the router closes.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";

/** Listens on a free loopback port; `close` ends open connections too. */
export async function listen(app: RequestListener): Promise<{ server: Server; close: () => Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  expect((server.address() as AddressInfo).port).to.be.greaterThan(0);
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Starts the two origins of the single-page-app example: the API and the app's static files, each
// on its own port of 127.0.0.1. Each needs the other's address (the API allows the app's origin;
// the app calls the API), so both listen first and are given their apps once the ports are known.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Mailer, PasswordResetRouter } from "../../lib/index.js";
import { createSpaApi, MOUNT_PATH } from "./api.js";
import { createSpaStatic } from "./static.js";

/** Ports (0: any free one) and the host name the browser uses for both origins. */
export interface SpaExampleOptions {
  apiPort: number;
  spaPort: number;
  /** The host name in both origins; the servers listen on 127.0.0.1 whatever it is. ["localhost"] */
  hostname?: string;
  mailer?: Mailer;
  print?: (line: string) => void;
}

/** The running example. */
export interface SpaExample {
  /** The single-page app's origin, e.g. `http://localhost:5173`. */
  spaOrigin: string;
  /** Where the app sends its calls, e.g. `http://localhost:3000/auth/password`. */
  apiBase: string;
  router: PasswordResetRouter;
  passwordHashOf(userId: string): string | undefined;
  close(): Promise<void>;
}

/** Starts both servers. */
export async function startSpaExample(options: SpaExampleOptions): Promise<SpaExample> {
  const hostname = options.hostname ?? "localhost";
  const apiServer = await listen(options.apiPort);
  const spaServer = await listen(options.spaPort);
  const spaOrigin = `http://${hostname}:${portOf(spaServer)}`;
  const apiBase = `http://${hostname}:${portOf(apiServer)}${MOUNT_PATH}`;

  const api = createSpaApi({
    spaOrigin,
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.print ? { print: options.print } : {}),
  });
  apiServer.on("request", api.app);
  spaServer.on("request", createSpaStatic({ apiBase }));

  return {
    spaOrigin,
    apiBase,
    router: api.router,
    passwordHashOf: api.passwordHashOf,
    async close() {
      await Promise.all([stop(apiServer), stop(spaServer)]);
      await api.router.close();
    },
  };
}

function listen(port: number): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

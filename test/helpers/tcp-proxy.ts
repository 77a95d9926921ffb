/**
 * A loopback TCP proxy for outage tests: clients connect to the proxy instead of Redis or
 * PostgreSQL, and the test pulls the plug with `stop()` (the listener closes and every open
 * connection is destroyed, so clients see the backend vanish mid-session and new connections
 * are refused) and puts it back with `start()` on the same port, so clients reconnect to the
 * address they were configured with, as they would after a backend restart.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";

/** Where the proxy forwards to. */
export interface ProxyTarget {
  host: string;
  port: number;
}

/** A running (or stopped) proxy; see the module comment. */
export class TcpProxy {
  /** The proxy listens on loopback only. */
  readonly host = "127.0.0.1";
  readonly #target: ProxyTarget;
  readonly #server: Server;
  // Both ends of every forwarded connection, so `stop()` can cut them all.
  readonly #sockets = new Set<Socket>();
  #port = 0;
  #listening = false;
  #closed = false;
  #accepted = 0;

  private constructor(target: ProxyTarget) {
    this.#target = target;
    this.#server = createServer((client) => this.#forward(client));
  }

  /** Opens a proxy to `target` on a free loopback port. */
  static async open(target: ProxyTarget): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.start();
    return proxy;
  }

  /** The port clients connect to; it stays the same across `stop()` and `start()`. */
  get port(): number {
    return this.#port;
  }

  /** Connections accepted since the proxy was opened; tells a test its client really reconnected. */
  get connections(): number {
    return this.#accepted;
  }

  /** Whether the listener is up. */
  get listening(): boolean {
    return this.#listening;
  }

  /** Connections currently forwarded (each counts once, not once per end). */
  get openConnections(): number {
    return this.#sockets.size / 2;
  }

  /**
   * Listens again (first call: on a free port; later calls: on the same port). Node sets
   * SO_REUSEADDR on listeners, so the port is free again at once after `stop()`.
   */
  async start(): Promise<void> {
    if (this.#closed) throw new Error("TcpProxy: start() after close()");
    if (this.#listening) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.#server.once("error", onError);
      this.#server.listen(this.#port, this.host, () => {
        this.#server.off("error", onError);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    this.#listening = true;
  }

  /**
   * The backend goes away: new connections are refused and every open one is destroyed on
   * both sides. Resolves once the listener is closed.
   */
  async stop(): Promise<void> {
    if (!this.#listening) return;
    this.#listening = false;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // `server.close()` only waits for open connections; destroying them is what cuts clients off.
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await closed;
  }

  /** Stops for good; the proxy cannot be started again. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.stop();
  }

  #forward(client: Socket): void {
    this.#accepted += 1;
    const upstream = connect(this.#target.port, this.#target.host);
    const pair = [client, upstream];
    for (const socket of pair) {
      this.#sockets.add(socket);
      socket.setNoDelay(true);
      // When one side fails or ends, the other goes too, as on a real dropped connection; the
      // error itself is expected here and must not become an uncaught 'error' event.
      socket.on("error", () => {});
      socket.once("close", () => {
        this.#sockets.delete(socket);
        for (const other of pair) if (other !== socket) other.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

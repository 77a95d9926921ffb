// Slow request bodies (issue #12, finding 16): a client that trickles its body is answered 408 once
// `bodyTimeoutMs` has passed, and its connection is closed, instead of holding the request until
// Node's 300 s request timeout.
import { expect } from "chai";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { listen } from "../helpers/server.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`slow request bodies (${version.name})`, () => {
    it("answers 408 REQUEST_TIMEOUT in the envelope and closes the connection", async () => {
      const t = createTestApp(version, { bodyTimeoutMs: 300 });
      const { server, close } = await listen(t.app);
      const { port } = server.address() as AddressInfo;
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
      socket.write(
        "POST /auth/password/forgot HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{",
      );
      // A byte now and then, never the whole body: the client stays "active" all along.
      const trickle = setInterval(() => socket.writable && socket.write(" "), 50);
      await closed;
      clearInterval(trickle);
      expect(received).to.match(/^HTTP\/1\.1 408 /);
      expect(received.toLowerCase()).to.contain("connection: close");
      expect(received).to.contain('"type":"REQUEST_TIMEOUT"');
      expect(received.toLowerCase()).to.contain("cache-control: no-store");
      await close();
      await t.router.close();
    });

    it("a body that arrives in time is read as usual", async () => {
      const t = createTestApp(version, { bodyTimeoutMs: 300 });
      const { server, close } = await listen(t.app);
      const res = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/password/forgot`,
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ email: "alice@example.com" }),
        },
      );
      expect(res.status).to.equal(200);
      await close();
      await t.router.close();
    });
  });
}

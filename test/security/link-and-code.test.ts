// `delivery.email: "link+code"`: one mail carries a link and a code for one grant (guarantees 4
// and 5). The link works in the browser that opens it, the code on another device with the
// identifier; spending either spends both, even when both are presented at once; a later forgot
// supersedes both. Through the JSON API on every built-in store, Redis Cluster included.
import type { Server } from "node:http";
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import request from "supertest";
import { MemoryTokenStore } from "../../lib/index.js";
import { RedisTokenStore } from "../../lib/redis.js";
import type { PasswordResetMessage, TokenStore } from "../../lib/types.js";
import { EXPRESS_VERSIONS, createTestApp, type TestApp, type TestAppOptions } from "../helpers/app.js";
import { deleteClusterKeys, ioredisCluster, type ClusterClient } from "../helpers/cluster-clients.js";
import { BASE, forgot, newPassword, reset, session, verify, wrong } from "../helpers/client.js";
import { expectError, expectOk, expectPassword, expectUnchanged } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import { listen } from "../helpers/server.js";
import {
  sharedMariaDbStore,
  sharedMemoryStore,
  sharedPostgresStore,
  sharedRedisStore,
  type SharedStore,
} from "../helpers/shared-stores.js";
import { requireService, services, uniqueName } from "../helpers/services.js";

const version = EXPRESS_VERSIONS[1];

/** One Redis Cluster prefix, over an ioredis `Cluster`. */
function sharedClusterStore(name: string): SharedStore {
  const prefix = `${uniqueName("pwreset-linkcode")}:`;
  let cluster: ClusterClient | undefined;
  return {
    name,
    service: "redis-cluster",
    async open() {
      cluster = ioredisCluster(services.redisCluster.nodes);
    },
    store: () => new RedisTokenStore({ client: cluster!.client, prefix }),
    async close() {
      await cluster?.close();
      await deleteClusterKeys(services.redisCluster.nodes, prefix);
    },
  };
}

/** The link's token and the code of the last reset mail. */
function both(message: PasswordResetMessage | undefined): { token: string; code: string } {
  expect(message?.link, "the mail holds a link").to.be.a("string");
  expect(message?.code, "the mail holds a code").to.match(/^\d{6}$/);
  return { token: new URL(message!.link!).searchParams.get("token")!, code: message!.code! };
}

for (const backend of [
  sharedMemoryStore("a MemoryTokenStore"),
  sharedRedisStore("Redis", "pwreset-linkcode"),
  sharedClusterStore("Redis Cluster"),
  sharedPostgresStore("PostgreSQL", "pwreset_linkcode"),
  sharedMariaDbStore("MariaDB", "pwreset_linkcode"),
]) {
  describe(`security: a "link+code" mail is one grant, on ${backend.name}`, () => {
    let t: TestApp;
    before(async function () {
      if (backend.service) await requireService(this, backend.service);
      await backend.open();
    });
    after(() => backend.close());
    afterEach(() => t?.router.close());

    function app(options: TestAppOptions = {}): TestApp {
      t = createTestApp(version, {
        secret: randomBytes(32).toString("hex"),
        tokenStore: backend.store(),
        delivery: { email: "link+code" },
        advanced: { now: Date.now },
        ...options,
      });
      return t;
    }

    it("mails a link and a code together, both ending at the sooner of the two lifetimes", async () => {
      app({ codes: { ttlSeconds: 600 } });
      const before = Date.now();
      await forgot(t, { email: ALICE.email });
      expect(t.mailer.resets).to.have.length(1);
      both(t.mailer.last);
      const ends = t.mailer.last!.expiresAt.getTime();
      expect(ends).to.be.within(before + 600_000 - 1000, Date.now() + 600_000);
    });

    it("the link resets in the browser that opens it; the code is then INVALID_TOKEN", async () => {
      app();
      await forgot(t, { email: ALICE.email });
      const { token, code } = both(t.mailer.last);
      expectOk(await reset(t, { token }, "new-password-1"));
      await expectPassword(t, ALICE.id, "new-password-1");
      expectError(await reset(t, { email: ALICE.email, code }, "new-password-2"), "INVALID_TOKEN");
      expectError(await verify(t, { email: ALICE.email, code }), "INVALID_TOKEN");
      await expectPassword(t, ALICE.id, "new-password-1");
    });

    it("the code resets with the identifier on another device; the link is then INVALID_TOKEN", async () => {
      app();
      await forgot(t, { email: ALICE.email });
      const { token, code } = both(t.mailer.last);
      expectError(await reset(t, { code }, "new-password-1"), "VALIDATION_ERROR");
      expectOk(await reset(t, { email: ALICE.email, code }, "new-password-1"));
      await expectPassword(t, ALICE.id, "new-password-1");
      expectError(await reset(t, { token }, "new-password-2"), "INVALID_TOKEN");
      expectError(await verify(t, { token }), "INVALID_TOKEN");
      await expectPassword(t, ALICE.id, "new-password-1");
    });

    it("a code verified into a reset session spends the link too", async () => {
      app();
      await forgot(t, { email: ALICE.email });
      const { token, code } = both(t.mailer.last);
      const resetToken = await session(t, { email: ALICE.email, code });
      expectError(await verify(t, { token }), "INVALID_TOKEN");
      expectOk(await reset(t, { resetToken }, "new-password-1"));
      await expectPassword(t, ALICE.id, "new-password-1");
    });

    it("of link resets and code resets sent at once, exactly one answers 200", async () => {
      app();
      const { server, close } = await listen(t.app);
      try {
        await forgot(t, { email: ALICE.email });
        const { token, code } = both(t.mailer.last);
        const send = (server: Server, body: object, password: string) =>
          request(server)
            .post(`${BASE}/reset`)
            .send({ ...body, ...newPassword(password) });
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            i % 2
              ? send(server, { token }, `link-password-${i}`)
              : send(server, { email: ALICE.email, code }, `code-password-${i}`),
          ),
        );
        const won = answers.filter((res) => res.status === 200);
        expect(won, answers.map((res) => res.status).join(",")).to.have.length(1);
        for (const res of answers) if (res.status !== 200) expectError(res, "INVALID_TOKEN");
        const winner = answers.indexOf(won[0]!);
        await expectPassword(t, ALICE.id, `${winner % 2 ? "link" : "code"}-password-${winner}`);
      } finally {
        await close();
      }
    });

    it("a later forgot supersedes both the link and the code", async () => {
      app();
      await forgot(t, { email: ALICE.email });
      const first = both(t.mailer.last);
      await forgot(t, { email: ALICE.email });
      const second = both(t.mailer.last);
      expectError(await reset(t, { token: first.token }), "INVALID_TOKEN");
      expectError(
        await reset(t, {
          email: ALICE.email,
          code: first.code === second.code ? wrong(first.code) : first.code,
        }),
        "INVALID_TOKEN",
      );
      await expectUnchanged(t, ALICE.id);
      expectOk(await reset(t, { email: ALICE.email, code: second.code }, "new-password-1"));
      expectError(await reset(t, { token: second.token }), "INVALID_TOKEN");
    });

    it("wrong codes spend the code guess budget, not the link", async () => {
      app({ codes: { maxAttempts: 3 } });
      await forgot(t, { email: ALICE.email });
      const { token, code } = both(t.mailer.last);
      for (let i = 1; i <= 3; i++)
        expectError(await reset(t, { email: ALICE.email, code: wrong(code, i) }), "INVALID_TOKEN");
      const refused = await reset(t, { email: ALICE.email, code }, "new-password-1");
      expectError(refused, "INVALID_TOKEN");
      expect(refused.body.error.message).to.match(/Too many wrong codes/);
      await expectUnchanged(t, ALICE.id);
      expectOk(await reset(t, { token }, "new-password-1"));
      await expectPassword(t, ALICE.id, "new-password-1");
    });
  });
}

describe('security: "link+code" needs a store that keeps a grant\'s code', () => {
  it("refuses at construction a tokenStore without linkAndCode, naming the fix", () => {
    const memory = new MemoryTokenStore();
    const keepsOneWay: TokenStore = {
      issue: (grant) => memory.issue(grant),
      find: (kind, id) => memory.find(kind, id),
      claim: (kind, id, hash, lease) => memory.claim(kind, id, hash, lease),
      release: (kind, id, hash) => memory.release(kind, id, hash),
      remove: (kind, id) => memory.remove(kind, id),
      revokeUser: (userId) => memory.revokeUser(userId),
      countAttempt: (key, windowMs) => memory.countAttempt(key, windowMs),
      clearAttempts: (key) => memory.clearAttempts(key),
    };
    try {
      expect(() =>
        createTestApp(version, { tokenStore: keepsOneWay, delivery: { email: "link+code" } }),
      ).to.throw(/delivery\.email.*"link\+code".*linkAndCode: true.*describeTokenStoreContract/s);
      const t = createTestApp(version, { tokenStore: keepsOneWay, delivery: { email: "code" } });
      void t.router.close();
      const own = createTestApp(version, { delivery: { email: "link+code" } });
      void own.router.close();
    } finally {
      void memory.close();
    }
  });
});

// Tenants: one router serves several tenants (the app says which from the request, here a header
// it trusts), and the same email address may be an account in two of them. Everything a reset
// makes belongs to the request's tenant: a link, code or reset session of tenant a is INVALID_TOKEN
// under tenant b, a forgot under a supersedes nothing of b's, per-identifier limits count per
// tenant, while per-IP limits stay global (each tenant would otherwise multiply them). The app's
// adapters are told the tenant, and a tenant that is unknown (findUser finds nobody) or malformed
// gets the answer an unknown account gets. The axis is the store: memory, and PostgreSQL.
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import request from "supertest";
import type { AccountContext, Identifier, ResetUser, UserAdapter } from "../../lib/types.js";
import { EXPRESS_VERSIONS, createTestApp, type TestApp, type TestAppOptions } from "../helpers/app.js";
import { BASE } from "../helpers/client.js";
import { expectError, expectOk } from "../helpers/expect.js";
import { sharedMemoryStore, sharedPostgresStore, useSharedStore } from "../helpers/shared-stores.js";

const version = EXPRESS_VERSIONS[1];
const PASSWORD = "violet harbour lantern 1";

/** The same address, the same id, in both tenants: two different people. */
const ROWS: Record<string, ResetUser> = {
  a: { id: "1", email: "sam@example.com", mobile: "+14155550100", name: "Sam of a" },
  b: { id: "1", email: "sam@example.com", mobile: "+14155550100", name: "Sam of b" },
};

/** A user table per tenant; records what the router told it. */
class TenantUsers implements UserAdapter {
  readonly lookups: Array<{ identifier: Identifier; tenant: string | undefined }> = [];
  readonly updates: Array<{ userId: string; tenant: string | undefined }> = [];

  async findUser(identifier: Identifier, context: AccountContext): Promise<ResetUser | null> {
    this.lookups.push({ identifier, tenant: context.tenant });
    const row = context.tenant === undefined ? undefined : ROWS[context.tenant];
    const found = row && (identifier.type === "email" ? row.email : row.mobile) === identifier.value;
    return found ? { ...row } : null;
  }

  async updatePassword(userId: string | number, _hash: string, context: AccountContext): Promise<void> {
    this.updates.push({ userId: String(userId), tenant: context.tenant });
  }
}

for (const backend of [
  sharedMemoryStore("a MemoryTokenStore"),
  sharedPostgresStore("a PostgreSQL table", "pwreset_tenants"),
]) {
  describe(`security: tenants, one router on ${backend.name}`, () => {
    const apps = useSharedStore(backend);

    function tenantRouter(options: TestAppOptions = {}): TestApp & { users: unknown; people: TenantUsers } {
      const people = new TenantUsers();
      const t = createTestApp(version, {
        users: people,
        secret: randomBytes(32).toString("hex"),
        tokenStore: backend.store(),
        accounts: { tenant: ({ req }) => req.get("X-Tenant") },
        advanced: { now: Date.now },
        ...options,
      });
      apps.push(t);
      return Object.assign(t, { people });
    }

    function send(t: TestApp, tenant: string | undefined, route: string, body: object, ip = "203.0.113.5") {
      const req = request(t.app).post(`${BASE}/${route}`).set("X-Forwarded-For", ip);
      if (tenant !== undefined) req.set("X-Tenant", tenant);
      return req.send(body);
    }

    /** POST /forgot under `tenant`, then the token (or code) the mail carried, if one was sent. */
    async function forgotIn(t: TestApp, tenant: string | undefined): Promise<string | undefined> {
      const before = t.mailer.resets.length;
      expectOk(await send(t, tenant, "forgot", { email: "sam@example.com" }));
      await t.router.drain();
      if (t.mailer.resets.length === before) return undefined;
      return t.mailer.lastToken() ?? t.mailer.last?.code;
    }

    it("a's link and reset session are INVALID_TOKEN under tenant b, and work under a", async () => {
      const t = tenantRouter();
      const token = (await forgotIn(t, "a"))!;
      expect(t.mailer.last?.user.name).to.equal("Sam of a");

      expectError(await send(t, "b", "verify", { token }), "INVALID_TOKEN");
      expectError(
        await send(t, "b", "reset", { token, password: PASSWORD, passwordConfirm: PASSWORD }),
        "INVALID_TOKEN",
      );
      expectError(await send(t, undefined, "verify", { token }), "INVALID_TOKEN");
      const verified = await send(t, "a", "verify", { token });
      expectOk(verified);
      const resetToken = verified.body.data.resetToken as string;
      const claims = JSON.parse(Buffer.from(resetToken.split(".")[1]!, "base64url").toString("utf8"));
      expect(claims.aud).to.equal("password-reset/default/a");
      expectError(
        await send(t, "b", "reset", { resetToken, password: PASSWORD, passwordConfirm: PASSWORD }),
        "INVALID_TOKEN",
      );
      expect(t.people.updates).to.deep.equal([]);
      expectOk(await send(t, "a", "reset", { resetToken, password: PASSWORD, passwordConfirm: PASSWORD }));
      expect(t.people.updates).to.deep.equal([{ userId: "1", tenant: "a" }]);
    });

    it("a's code is INVALID_TOKEN under tenant b, and works under a", async () => {
      const t = tenantRouter({ delivery: { email: "code" } });
      const code = (await forgotIn(t, "a"))!;
      expect(code).to.be.a("string");
      const body = { email: "sam@example.com", code, password: PASSWORD, passwordConfirm: PASSWORD };
      expectError(await send(t, "b", "verify", body), "INVALID_TOKEN");
      expectError(await send(t, "b", "reset", body), "INVALID_TOKEN");
      expect(t.people.updates).to.deep.equal([]);
      expectOk(await send(t, "a", "reset", body));
      expect(t.people.updates).to.deep.equal([{ userId: "1", tenant: "a" }]);
    });

    it("a request token from tenant a names no identifier in tenant b", async () => {
      const t = tenantRouter({ delivery: { email: "code" }, codes: { requestTokens: true } });
      const asked = await send(t, "a", "forgot", { email: "sam@example.com" });
      const requestToken = asked.body.data.requestToken as string;
      const code = (await forgotIn(t, "b"))!;
      expectError(await send(t, "b", "verify", { requestToken, code }), "INVALID_TOKEN");
      const own = (await send(t, "b", "forgot", { email: "sam@example.com" })).body.data.requestToken;
      await t.router.drain();
      expectOk(await send(t, "b", "verify", { requestToken: own, code: t.mailer.last?.code }));
    });

    it("a failing tenant hook answers INTERNAL_ERROR for every address alike, and sends nothing", async () => {
      const t = tenantRouter({
        accounts: {
          tenant: () => {
            throw new Error("tenant directory unreachable");
          },
        },
      });
      const known = await send(t, "a", "forgot", { email: "sam@example.com" });
      const unknown = await send(t, "a", "forgot", { email: "nobody@example.com" });
      expectError(known, "INTERNAL_ERROR");
      expect(unknown.status).to.equal(known.status);
      expect(unknown.body).to.deep.equal(known.body);
      await t.router.drain();
      expect(t.mailer.resets).to.have.length(0);
      expect(t.people.lookups).to.deep.equal([]);
      expect(t.events.some((e) => e.type === "adapter.failed" && e.operation === "accounts.tenant")).to.equal(
        true,
      );
    });

    it("a forgot for a does not supersede b's grant; revokeUser with a tenant stays in it", async () => {
      const t = tenantRouter();
      const forB = (await forgotIn(t, "b"))!;
      const forA = (await forgotIn(t, "a"))!;

      await t.router.revokeUser(1, { tenant: "a" });
      expectError(await send(t, "a", "verify", { token: forA }), "INVALID_TOKEN");
      expectOk(await send(t, "b", "reset", { token: forB, password: PASSWORD, passwordConfirm: PASSWORD }));
      expect(t.people.updates).to.deep.equal([{ userId: "1", tenant: "b" }]);
    });

    it("per-identifier limits count per tenant, while per-IP limits stay global", async () => {
      const t = tenantRouter({
        rateLimit: {
          forgotPerIdentifier: { points: 2, durationSeconds: 900 },
          forgotPerIp: { points: 5, durationSeconds: 900 },
        },
      });
      t.app.set("trust proxy", true);
      for (let i = 0; i < 2; i++) await forgotIn(t, "a");
      expectError(await send(t, "a", "forgot", { email: "sam@example.com" }), "RATE_LIMITED");
      // b's budget for the same address is whole...
      expect(await forgotIn(t, "b")).to.be.a("string");
      expect(t.mailer.last?.user.name).to.equal("Sam of b");
      expect(await forgotIn(t, "b")).to.be.a("string");
      // ...but the network has spent its 5 forgot requests across both tenants.
      expectError(await send(t, "c", "forgot", { email: "nobody@example.com" }), "RATE_LIMITED");
      expectOk(await send(t, "c", "forgot", { email: "nobody@example.com" }, "198.51.100.9"));
    });

    it("wrong codes guessed in tenant b spend nothing of the same address's guesses in tenant a", async () => {
      const t = tenantRouter({ delivery: { email: "code" } });
      const code = (await forgotIn(t, "a"))!;
      const wrongCode = code.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
      // From the same network, as many wrong guesses in b as a network may make at one address.
      for (let i = 0; i < 6; i++) {
        await send(t, "b", "verify", { email: "sam@example.com", code: wrongCode });
      }
      const body = { email: "sam@example.com", code, password: PASSWORD, passwordConfirm: PASSWORD };
      expectOk(await send(t, "a", "reset", body));
      expect(t.people.updates).to.deep.equal([{ userId: "1", tenant: "a" }]);
    });

    it("wrong second-factor answers in tenant b use up none of tenant a's account, the same id", async () => {
      const t = tenantRouter({
        accounts: {
          tenant: ({ req }) => req.get("X-Tenant"),
          secondFactor: { required: () => true, verify: ({ answer }) => answer === "246810" },
        },
      });
      const resetIn = (tenant: string, token: string, otp: string) =>
        send(t, tenant, "reset", { token, otp, password: PASSWORD, passwordConfirm: PASSWORD });
      // b's account 1 answers wrong until its day's budget is gone (2 links × maxAttempts)...
      for (let link = 0; link < 2; link++) {
        const token = (await forgotIn(t, "b"))!;
        for (let i = 0; i < 5; i++) expectError(await resetIn("b", token, "000000"), "INVALID_SECOND_FACTOR");
      }
      expectError(await resetIn("b", (await forgotIn(t, "b"))!, "246810"), "RATE_LIMITED");
      // ...and a's account 1, another person, still resets with its factor.
      expectOk(await resetIn("a", (await forgotIn(t, "a"))!, "246810"));
      expect(t.people.updates).to.deep.equal([{ userId: "1", tenant: "a" }]);
    });

    it("findUser, updatePassword, the resetUrl function, the mailer and events see the tenant", async () => {
      const seen: Array<string | undefined> = [];
      const t = tenantRouter({
        resetUrl: ({ token, tenant }) => {
          seen.push(tenant);
          return `https://${tenant}.app.example/reset?token=${token}`;
        },
      });
      const token = (await forgotIn(t, "b"))!;
      expect(seen).to.deep.equal(["b"]);
      expect(t.mailer.last?.link).to.match(/^https:\/\/b\.app\.example\/reset\?token=/);
      expect(t.mailer.last?.tenant).to.equal("b");
      expect(t.people.lookups.map((lookup) => lookup.tenant)).to.deep.equal(["b"]);
      expectOk(await send(t, "b", "reset", { token, password: PASSWORD, passwordConfirm: PASSWORD }));
      await t.router.drain();
      expect(t.people.updates).to.deep.equal([{ userId: "1", tenant: "b" }]);
      expect(t.mailer.notices.map((notice) => notice.tenant)).to.deep.equal(["b"]);
      const sent = t.events.find((event) => event.type === "delivery.sent");
      expect(sent?.tenant).to.equal("b");
      expect(t.events.find((event) => event.type === "reset.succeeded")?.tenant).to.equal("b");
    });

    it("an unknown tenant, and a malformed one, get the answer of an unknown account", async () => {
      const t = tenantRouter({ accounts: { tenant: ({ req }) => req.get("X-Tenant"), revealUnknown: true } });
      expectError(await send(t, "z", "forgot", { email: "sam@example.com" }), "NOT_FOUND");
      expectError(await send(t, "a/b", "forgot", { email: "sam@example.com" }), "NOT_FOUND");
      expectError(await send(t, "x".repeat(65), "forgot", { email: "sam@example.com" }), "NOT_FOUND");
      expect(t.mailer.resets).to.have.length(0);
      // The malformed ones never reached the app's table; the logs name the fix.
      expect(t.people.lookups.map((lookup) => lookup.tenant)).to.deep.equal(["z"]);
      expect(t.logs.some((line) => line.startsWith("error:") && line.includes("accounts.tenant"))).to.equal(
        true,
      );

      const quiet = tenantRouter();
      for (const tenant of ["z", "", "a b"]) expect(await forgotIn(quiet, tenant)).to.equal(undefined);
      expect(quiet.mailer.resets).to.have.length(0);
    });

    it("the SMS sender's code message carries the tenant", async () => {
      const t = tenantRouter({
        accounts: { tenant: ({ req }) => req.get("X-Tenant"), identifiers: ["email", "mobile"] },
      });
      expectOk(await send(t, "b", "forgot", { mobile: "+14155550100" }));
      await t.router.drain();
      expect(t.sms.last?.tenant).to.equal("b");
      expect(t.sms.last?.user.name).to.equal("Sam of b");
    });

    it("sendResetLink takes a tenant", async () => {
      const t = tenantRouter();
      expect(await t.router.sendResetLink("sam@example.com", { tenant: "b" })).to.deep.equal({ sent: true });
      expect(t.mailer.last?.user.name).to.equal("Sam of b");
      const token = t.mailer.lastToken()!;
      expectError(await send(t, "a", "verify", { token }), "INVALID_TOKEN");
      expectOk(await send(t, "b", "verify", { token }));
      expect(await t.router.sendResetLink("sam@example.com")).to.deep.equal({
        sent: false,
        reason: "unknown_user",
      });
    });
  });
}

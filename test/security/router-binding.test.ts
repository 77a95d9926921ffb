// Two routers of one company on ONE token store — a customer router and a staff router, each with its
// own user table, the store's default key prefix or table — never accept each other's secrets. The
// red-team scenario: an attacker's own customer account is called `ops-admin` (id 7), like the staff
// administrator. With different secrets, the attacker's customer link reset the staff account;
// with one secret, the customer's reset session (JWT) was accepted by the staff router; and either
// router's forgot or `revokeUser` deleted the other's grants for the same user id. Routers are told
// apart by their `secret` and by `accounts.namespace`; two instances of one app (same secret, same
// namespace) still share everything. Guarantees 4 and 5 of CONTRACT.md, per router.
//
// Express 5 only: the subject is what the store holds and who accepts it, not Express; the axis
// here is the store (memory, Redis, PostgreSQL, MariaDB).
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import { EXPRESS_VERSIONS, createTestApp, type TestApp, type TestAppOptions } from "../helpers/app.js";
import { forgot, post, requestLink, reset, session } from "../helpers/client.js";
import { expectError, expectOk, expectUnchanged } from "../helpers/expect.js";
import {
  sharedMariaDbStore,
  sharedMemoryStore,
  sharedPostgresStore,
  sharedRedisStore,
  useSharedStore,
} from "../helpers/shared-stores.js";
import { FakeUsers } from "../helpers/users.js";

const version = EXPRESS_VERSIONS[1];

/** The attacker's own customer account, named like the staff administrator. */
const CUSTOMER_OPS = { id: "7", username: "ops-admin", email: "attacker@example.net", name: "Mallory" };
/** The staff administrator: the same username and the same id, in the staff table. */
const STAFF_OPS = { id: "7", username: "ops-admin", email: "ops@corp.example", name: "Ops" };

const secret = () => randomBytes(32).toString("hex");

/** How two routers on the store differ. */
const SETUPS = {
  "different secrets, the default namespace": () => {
    return [{ secret: secret() }, { secret: secret() }] as const;
  },
  "one secret, namespaces customers and staff": () => {
    const shared = secret();
    return [
      { secret: shared, namespace: "customers" },
      { secret: shared, namespace: "staff" },
    ] as const;
  },
};

const BACKENDS = [
  sharedMemoryStore("one MemoryTokenStore"),
  sharedRedisStore("one Redis prefix", "pwreset-binding"),
  sharedPostgresStore("one PostgreSQL table", "pwreset_binding"),
  sharedMariaDbStore("one MariaDB table", "pwreset_binding"),
];

for (const backend of BACKENDS) {
  describe(`security: a secret works only on the router that issued it, two routers on ${backend.name}`, () => {
    const apps = useSharedStore(backend);

    /** A router on the shared store, over its own user table holding `user`. */
    async function router(
      user: typeof CUSTOMER_OPS,
      { secret, namespace }: { secret: string; namespace?: string },
      options: TestAppOptions = {},
    ): Promise<TestApp> {
      const t = createTestApp(version, {
        users: new FakeUsers([{ ...user, passwordHash: "old" }]),
        secret,
        tokenStore: backend.store(),
        accounts: { identifiers: ["email", "username"], ...(namespace !== undefined ? { namespace } : {}) },
        advanced: { now: Date.now }, // real time: Redis and the databases expire on real clocks
        ...options,
      });
      apps.push(t);
      return t;
    }

    async function customerAndStaff(
      setup: keyof typeof SETUPS,
      options: TestAppOptions = {},
    ): Promise<[TestApp, TestApp]> {
      const [customerKeys, staffKeys] = SETUPS[setup]();
      return [await router(CUSTOMER_OPS, customerKeys, options), await router(STAFF_OPS, staffKeys, options)];
    }

    for (const setup of Object.keys(SETUPS) as Array<keyof typeof SETUPS>) {
      it(`${setup}: the attacker's customer link for ops-admin (id 7) resets no staff account`, async () => {
        const [customer, staff] = await customerAndStaff(setup);
        const token = await requestLink(customer, { username: "ops-admin" });
        expect(customer.mailer.last?.to).to.equal(CUSTOMER_OPS.email);

        expectError(await post(staff.app, "verify", { token }), "INVALID_TOKEN");
        expectError(await reset(staff, { token }, "violet harbour lantern 1"), "INVALID_TOKEN");
        expectError(
          await reset(staff, { token, username: "ops-admin" }, "violet harbour lantern 1"),
          "INVALID_TOKEN",
        );
        expectUnchanged(staff, STAFF_OPS.id);
        // The link is genuine: on its own router it resets the attacker's own account.
        expectOk(await reset(customer, { token }, "violet harbour lantern 2"));
      });

      it(`${setup}: the customer's reset session (JWT) is refused by the staff router`, async () => {
        const [customer, staff] = await customerAndStaff(setup);
        const token = await requestLink(customer, { username: "ops-admin" });
        const resetToken = await session(customer, { token });
        // The session names the router's namespace as its audience, for anyone who reads it.
        const claims = JSON.parse(Buffer.from(resetToken.split(".")[1]!, "base64url").toString("utf8"));
        const namespace = setup.startsWith("one secret") ? "customers" : "default";
        expect(claims).to.include({
          aud: `password-reset/${namespace}`,
          iss: "express-password-reset",
          sub: "7",
        });

        expectError(
          await reset(staff, {}, "violet harbour lantern 1", `Bearer ${resetToken}`),
          "INVALID_TOKEN",
        );
        expectError(await reset(staff, { resetToken }, "violet harbour lantern 1"), "INVALID_TOKEN");
        expectUnchanged(staff, STAFF_OPS.id);
        expectOk(await reset(customer, {}, "violet harbour lantern 2", `Bearer ${resetToken}`));
      });

      it(`${setup}: the customer's code for ops-admin is refused by the staff router`, async () => {
        const [customer, staff] = await customerAndStaff(setup, { delivery: { email: "code" } });
        await forgot(customer, { username: "ops-admin" });
        const code = customer.mailer.last?.code;
        expect(code).to.be.a("string");

        expectError(await post(staff.app, "verify", { username: "ops-admin", code }), "INVALID_TOKEN");
        expectError(
          await reset(staff, { username: "ops-admin", code }, "violet harbour lantern 1"),
          "INVALID_TOKEN",
        );
        expectUnchanged(staff, STAFF_OPS.id);
        expectOk(await reset(customer, { username: "ops-admin", code }, "violet harbour lantern 2"));
      });

      it(`${setup}: a forgot on the customer router supersedes no staff link or code of id 7`, async () => {
        const [customer, staff] = await customerAndStaff(setup);
        const staffLink = await requestLink(staff, { username: "ops-admin" });
        await requestLink(customer, { username: "ops-admin" });
        expectOk(await reset(staff, { token: staffLink }, "violet harbour lantern 1"));

        const [customerCodes, staffCodes] = await customerAndStaff(setup, { delivery: { email: "code" } });
        await forgot(staffCodes, { username: "ops-admin" });
        const staffCode = staffCodes.mailer.last?.code;
        await forgot(customerCodes, { username: "ops-admin" });
        expectOk(
          await reset(staffCodes, { username: "ops-admin", code: staffCode }, "violet harbour lantern 2"),
        );
      });

      it(`${setup}: a request token from the customer router names no identifier on the staff router`, async () => {
        const options: TestAppOptions = { delivery: { email: "code" }, codes: { requestTokens: true } };
        const [customer, staff] = await customerAndStaff(setup, options);
        const asked = await post(customer.app, "forgot", { username: "ops-admin" });
        const requestToken = asked.body.data.requestToken as string;
        await post(staff.app, "forgot", { username: "ops-admin" });
        await staff.router.drain();
        const code = staff.mailer.last?.code;

        expectError(await post(staff.app, "verify", { requestToken, code }), "INVALID_TOKEN");
        const own = (await post(staff.app, "forgot", { username: "ops-admin" })).body.data.requestToken;
        await staff.router.drain();
        expectOk(await post(staff.app, "verify", { requestToken: own, code: staff.mailer.last?.code }));
      });

      it(`${setup}: spending the customer router's forgot limit for ops-admin leaves the staff router's alone`, async () => {
        // `{}`: the default limits, 3 forgot requests per identifier and per account in 15 minutes.
        const [customer, staff] = await customerAndStaff(setup, { rateLimit: {} });
        for (let i = 0; i < 3; i++) await requestLink(customer, { username: "ops-admin" });
        expectError(await post(customer.app, "forgot", { username: "ops-admin" }), "RATE_LIMITED");

        const token = await requestLink(staff, { username: "ops-admin" });
        expect(staff.mailer.last?.to).to.equal(STAFF_OPS.email);
        expectOk(await reset(staff, { token }, "violet harbour lantern 1"));
      });

      it(`${setup}: revokeUser on the customer router leaves the staff link of id 7 alive`, async () => {
        const [customer, staff] = await customerAndStaff(setup);
        const staffLink = await requestLink(staff, { username: "ops-admin" });
        const customerLink = await requestLink(customer, { username: "ops-admin" });
        await customer.router.revokeUser(7);

        expectError(
          await reset(customer, { token: customerLink }, "violet harbour lantern 1"),
          "INVALID_TOKEN",
        );
        expectOk(await reset(staff, { token: staffLink }, "violet harbour lantern 1"));
      });
    }

    it("two instances of one app (one secret, one namespace) share links, sessions and supersede", async () => {
      const keys = { secret: secret(), namespace: "staff" };
      const users = new FakeUsers([{ ...STAFF_OPS, passwordHash: "old" }]);
      const a = await router(STAFF_OPS, keys, { users });
      const b = await router(STAFF_OPS, keys, { users });

      const token = await requestLink(a, { username: "ops-admin" });
      expectOk(await reset(b, { token }, "violet harbour lantern 1"));

      const resetToken = await session(b, { token: await requestLink(b, { username: "ops-admin" }) });
      expectOk(await reset(a, {}, "violet harbour lantern 2", `Bearer ${resetToken}`));

      const older = await requestLink(a, { username: "ops-admin" });
      await requestLink(b, { username: "ops-admin" });
      expectError(await reset(a, { token: older }, "violet harbour lantern 3"), "INVALID_TOKEN");
      await b.router.revokeUser(STAFF_OPS.id);
      expectError(
        await reset(a, { token: b.mailer.lastToken() }, "violet harbour lantern 3"),
        "INVALID_TOKEN",
      );
    });
  });
}

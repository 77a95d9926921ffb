// The per-account delivery budget, a limiter backend that fails, and the normalisation override.
import { expect } from "chai";
import { MemoryTokenStore, normalizeIdentifier, type Identifier, type ResetUser } from "../../lib/index.js";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { post } from "../helpers/client.js";
import { expectGenericInternalError } from "../helpers/expect.js";

// A user table that collates like a case- and accent-insensitive database column would.
function collate(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}/gu, "").replace(/ı/g, "i").toLowerCase();
}

for (const version of EXPRESS_VERSIONS) {
  describe(`per-account limits and normalisation (${version.name})`, () => {
    it("caps deliveries per account even when look-alike spellings dodge the identifier limit", async () => {
      const t = createTestApp(version, { rateLimit: { forgotPerIp: false } });
      const findUser = t.users.findUser.bind(t.users);
      t.users.findUser = async (identifier: Identifier): Promise<ResetUser | null> =>
        identifier.type === "email" && collate(identifier.value) === "alice@example.com"
          ? findUser({ type: "email", value: "alice@example.com" })
          : null;
      const spellings = [
        "alice@example.com",
        "alıce@example.com",
        "àlice@example.com",
        "alicé@example.com",
        "ålice@example.com",
      ];
      for (const email of spellings) {
        const res = await post(t.app, "forgot", { email });
        expect(res.status, email).to.equal(200);
        expect(res.body).to.deep.equal({ success: true, data: {} });
      }
      await t.router.drain();
      expect(t.mailer.resets).to.have.length(3);
      expect(t.mailer.resets.every((m) => m.to === "alice@example.com")).to.equal(true);
      const limited = t.events.filter((e) => e.type === "rate_limited" && e.reason === "per_account");
      expect(limited).to.have.length(2);
      expect(limited[0]?.userId).to.equal("u1");
    });

    it("fails closed with a 500 envelope and an event when the limiter's backend fails", async () => {
      const store = new MemoryTokenStore();
      store.countAttempt = async () => {
        throw new Error("ECONNREFUSED 127.0.0.1:6379");
      };
      const t = createTestApp(version, { tokenStore: store, rateLimit: undefined, now: Date.now });
      expectGenericInternalError(await post(t.app, "forgot", { email: "alice@example.com" }));
      const failure = t.events.find((e) => e.type === "adapter.failed");
      expect(failure?.operation).to.equal("rateLimit.forgotPerIp");
      await t.router.drain();
      expect(t.mailer.resets).to.have.length(0);
      await store.close();
    });

    it("lets the app replace normalisation, and still checks what comes out", async () => {
      // National US numbers become E.164 with a default country.
      const t = createTestApp(version, {
        identifiers: ["mobile"],
        normalizeIdentifier: (type, raw) => {
          const value = normalizeIdentifier(type, raw);
          return type === "mobile" && /^\+\d{10}$/.test(value) ? `+1${value.slice(1)}` : value;
        },
      });
      const res = await post(t.app, "forgot", { mobile: "(415) 555-0100" });
      expect(res.status).to.equal(200);
      await t.router.drain();
      expect(t.users.lookups).to.deep.equal([{ type: "mobile", value: "+14155550100" }]);
      expect(t.sms.messages.map((m) => m.to)).to.deep.equal(["+14155550100"]);
      const bad = await post(t.app, "forgot", { mobile: "555" });
      expect(bad.status).to.equal(400);
      expect(bad.body.error.details[0].field).to.equal("mobile");
    });
  });
}

// Issue 12, finding 3: per-IP limits and budgets count IPv6 clients by prefix (/56 by default,
// `ipv6Subnet`), since one subscriber holds a whole /56 or /64 and could otherwise be millions
// of clients; an IPv4-mapped IPv6 address is the IPv4 address it maps. Client addresses come
// from X-Forwarded-For behind `trust proxy`, as in test/security/rate-limit.test.ts.
import { expect } from "chai";
import type { Response } from "supertest";
import { networkOf } from "../../lib/http/client.js";
import { EXPRESS_VERSIONS, createTestApp, type ExpressVersion, type TestApp } from "../helpers/app.js";
import type { TestAppOptions } from "../helpers/app.js";
import { postFrom, smsCode, wrong } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

/** The default limits (`createTestApp` turns them off), behind a trusted proxy. */
function limitedApp(version: ExpressVersion, options: TestAppOptions = {}): TestApp {
  const t = createTestApp(version, { rateLimit: undefined, ...options });
  t.app.set("trust proxy", true);
  return t;
}

/** One forgot from `ip`, each for another email, so only the per-IP limit (20) can refuse it. */
let serial = 0;
function forgotFrom(t: TestApp, ip: string): Promise<Response> {
  serial += 1;
  return postFrom(t.app, ip, "forgot", { email: `user${serial}@example.com` });
}

/** Sends a forgot from each address; returns the statuses. */
async function statusesFrom(t: TestApp, ips: string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const ip of ips) statuses.push((await forgotFrom(t, ip)).status);
  return statuses;
}

const hex = (n: number) => n.toString(16);
/** 100 addresses of the /64 2001:db8:1:2::/64, all different. */
const ONE_64 = Array.from(
  { length: 100 },
  (_, i) => `2001:db8:1:2:${hex((i * 7919 + 1) % 0x10000)}::${hex(i + 1)}`,
);
/** 100 addresses of the /56 2001:db8:1:200::/56, each in another /64 of it. */
const ONE_56 = Array.from({ length: 100 }, (_, i) => `2001:db8:1:2${hex(i).padStart(2, "0")}::${hex(i + 1)}`);

for (const version of EXPRESS_VERSIONS) {
  describe(`security: IPv6 clients and per-IP limits (${version.name})`, () => {
    let t: TestApp;
    afterEach(() => t.router.close());

    it("100 addresses of one /64 share one forgot limit: 20 pass, the 21st and every one after is 429", async () => {
      t = limitedApp(version);
      const statuses = await statusesFrom(t, ONE_64);
      expect(statuses.slice(0, 20)).to.deep.equal(Array(20).fill(200));
      expect(statuses.slice(20)).to.deep.equal(Array(80).fill(429));
    });

    it("100 addresses in 100 different /64s of one /56 share one forgot limit", async () => {
      t = limitedApp(version);
      const statuses = await statusesFrom(t, ONE_56);
      expect(statuses.slice(0, 20)).to.deep.equal(Array(20).fill(200));
      expect(statuses.slice(20)).to.deep.equal(Array(80).fill(429));
    });

    it("addresses in different /56 prefixes have limits of their own", async () => {
      t = limitedApp(version);
      expect(await statusesFrom(t, ONE_56.slice(0, 20))).to.deep.equal(Array(20).fill(200));
      expect((await forgotFrom(t, "2001:db8:1:2ff::1")).status, "same /56").to.equal(429);
      expect((await forgotFrom(t, "2001:db8:1:300::1")).status, "the next /56").to.equal(200);
      expect((await forgotFrom(t, "2001:db8:2:200::1")).status, "another /48").to.equal(200);
    });

    it("`::ffff:1.2.3.4` and `1.2.3.4` are one client: 10 requests in each form, the 21st is 429", async () => {
      t = limitedApp(version);
      const mixed = Array.from({ length: 20 }, (_, i) => (i % 2 ? "1.2.3.4" : "::ffff:1.2.3.4"));
      expect(await statusesFrom(t, mixed)).to.deep.equal(Array(20).fill(200));
      expect((await forgotFrom(t, "1.2.3.4")).status).to.equal(429);
      expect((await forgotFrom(t, "::ffff:1.2.3.4")).status).to.equal(429);
      expect((await forgotFrom(t, "1.2.3.5")).status, "the neighbouring IPv4 address").to.equal(200);
    });

    it("`ipv6Subnet: 64` groups by /64: two /64s of one /56 are then apart", async () => {
      t = limitedApp(version, { ipv6Subnet: 64 });
      const first64 = ONE_64.slice(0, 20);
      expect(await statusesFrom(t, first64)).to.deep.equal(Array(20).fill(200));
      expect((await forgotFrom(t, "2001:db8:1:2::ffff")).status, "same /64").to.equal(429);
      expect((await forgotFrom(t, "2001:db8:1:3::1")).status, "another /64 of the same /56").to.equal(200);
    });

    it("code guesses are budgeted per /56 too: a guesser rotating addresses is refused, the owner on another /56 resets", async () => {
      const c = createCodeApp(version, { maxCodeAttempts: 5 });
      c.app.set("trust proxy", true);
      t = c;
      const code = await smsCode(c, { mobile: ALICE.mobile });
      const guess = (ip: string, digits: string) =>
        postFrom(c.app, ip, "verify", { mobile: ALICE.mobile, code: digits });
      for (let i = 1; i <= 5; i++)
        expectError(await guess(`2001:db8:5:5${i}0::${i}`, wrong(code, i)), "INVALID_TOKEN");
      const sixth = await guess("2001:db8:5:5ff::abcd", code);
      expectError(sixth, "INVALID_TOKEN");
      expect(sixth.body.error.message, "the right code, from the guesser's /56").to.match(
        /Too many wrong codes/,
      );
      const owner = await postFrom(c.app, "2001:db8:9::1", "verify", { mobile: ALICE.mobile, code });
      expect(owner.status, owner.text).to.equal(200);
    });
  });
}

describe("networkOf (lib/http/client.ts)", () => {
  const cases: Array<[ip: string, subnet: number, network: string]> = [
    ["203.0.113.7", 56, "203.0.113.7"],
    ["::ffff:203.0.113.7", 56, "203.0.113.7"],
    ["::FFFF:203.0.113.7", 56, "203.0.113.7"],
    ["2001:db8:1:2ff:aaaa:bbbb:cccc:dddd", 56, "2001:db8:1:200:0:0:0:0/56"],
    ["2001:db8:1:2ff:aaaa:bbbb:cccc:dddd", 64, "2001:db8:1:2ff:0:0:0:0/64"],
    ["2001:db8:1:2ff:aaaa:bbbb:cccc:dddd", 128, "2001:db8:1:2ff:aaaa:bbbb:cccc:dddd/128"],
    ["2001:db8:1:2ff:aaaa:bbbb:cccc:dddd", 48, "2001:db8:1:0:0:0:0:0/48"],
    ["2001:DB8:1:2FF::1", 56, "2001:db8:1:200:0:0:0:0/56"],
    ["2001:0db8:0001:02ff:0000:0000:0000:0001", 56, "2001:db8:1:200:0:0:0:0/56"],
    ["::", 56, "0:0:0:0:0:0:0:0/56"],
    ["::", 128, "0:0:0:0:0:0:0:0/128"],
    ["::1", 56, "0:0:0:0:0:0:0:0/56"],
    ["::1", 128, "0:0:0:0:0:0:0:1/128"],
    ["2001:db8::", 56, "2001:db8:0:0:0:0:0:0/56"],
    ["fe80::1%eth0", 64, "fe80:0:0:0:0:0:0:0/64"],
    ["fe80::2%25", 64, "fe80:0:0:0:0:0:0:0/64"],
    ["64:ff9b::192.0.2.33", 56, "64:ff9b:0:0:0:0:0:0/56"],
    ["64:ff9b::192.0.2.33", 128, "64:ff9b:0:0:0:0:c000:221/128"],
    ["::192.0.2.33", 128, "0:0:0:0:0:0:c000:221/128"],
    ["203.0.113.7:40000", 56, "203.0.113.7"],
    ["[2001:db8:1:2ff::1]:443", 56, "2001:db8:1:200:0:0:0:0/56"],
    ["unknown", 56, "unknown"],
    ["not an address", 56, "not an address"],
  ];
  for (const [ip, subnet, network] of cases) {
    it(`${JSON.stringify(ip)} /${subnet} → ${network}`, () => {
      expect(networkOf(ip, subnet)).to.equal(network);
    });
  }

  it("gives every address of a /56 one network, and the next /56 another", () => {
    const networks = new Set(ONE_56.map((ip) => networkOf(ip, 56)));
    expect([...networks]).to.deep.equal(["2001:db8:1:200:0:0:0:0/56"]);
    expect(networkOf("2001:db8:1:300::", 56)).to.not.equal(networkOf("2001:db8:1:2ff::", 56));
  });
  it("treats the hexadecimal spelling of an IPv4-mapped address (`::ffff:c000:221`) as the IPv4 address", () => {
    // An IPv4-mapped address spelled in hex is the same address; grouped as IPv6 it would land in
    // `::/56`, together with every other such client and `::1`.
    expect(networkOf("::ffff:c000:221", 56)).to.equal("192.0.2.33");
    expect(networkOf("0:0:0:0:0:ffff:c000:221", 56)).to.equal("192.0.2.33");
  });
});

// The code guess budget (guarantee 7, and "code guesses cannot lock the owner out"; SECURITY.md,
// "Code guessing: the budget and its bound"). A code belongs to the network that asked for it (its
// origin): no number of wrong guesses from other networks can refuse it there. Guesses count only
// against a live code, and an account that draws many of them in a day gets longer codes instead
// of refused ones. Client networks are simulated with `trust proxy` and X-Forwarded-For: IPv4
// addresses in distinct /24s and IPv6 addresses in distinct /56s, as a botnet would hold them.
//
// Express 5 only: each test sends hundreds to thousands of requests, and the subject is the
// budget kept in the token store, not Express; each runs on memory, Redis and PostgreSQL.
import { expect } from "chai";
import { Redis } from "ioredis";
import pg from "pg";
import type { Response } from "supertest";
import { PostgresTokenStore } from "../../lib/postgres.js";
import { RedisTokenStore } from "../../lib/redis.js";
import type { TokenStore } from "../../lib/types.js";
import { EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { postFrom, wrong } from "../helpers/client.js";
import { expectError, expectOk, expectPassword, expectUnchanged } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import { requireService, services, uniqueName, type ServiceName } from "../helpers/services.js";
import { createCodeApp } from "../helpers/sms-apps.js";
import { deleteKeys } from "../helpers/redis-keys.js";

const MAX = 5; // codes.maxAttempts, the default
const TALLY = 20; // codes sent and guesses at live codes per account per day before codes lengthen
const OWNER = "198.51.100.9";
const BY_MOBILE = { mobile: ALICE.mobile };
const TOO_MANY = "Too many wrong codes. Request a new code later.";

/** The attacker's network `i`: an IPv4 address in its own /24 (even `i`) or an IPv6 /56 (odd). */
function network(i: number): string {
  return i % 2
    ? `2001:db8:${(i >> 8).toString(16)}:${((i & 0xff) << 8).toString(16)}::1`
    : `10.${(i >> 8) & 0xff}.${i & 0xff}.7`;
}

/** Where the store lives: memory on the test's clock, or a real service on real time. */
interface Backend {
  name: string;
  service?: ServiceName;
  open(): Promise<void>;
  store(): Promise<TokenStore | undefined>;
  close(): Promise<void>;
}

function memory(): Backend {
  return { name: "memory", open: async () => {}, store: async () => undefined, close: async () => {} };
}

function redis(): Backend {
  let client: Redis | undefined;
  const prefix = `${uniqueName("pwreset-budget")}:`;
  let stores = 0;
  return {
    name: "Redis",
    service: "redis",
    async open() {
      client = new Redis(services.redis.port, services.redis.host);
    },
    async store() {
      stores += 1;
      return new RedisTokenStore({ client: client!, prefix: `${prefix}${stores}:` });
    },
    async close() {
      if (!client) return;
      await deleteKeys(client, `${prefix}*`);
      await client.quit();
    },
  };
}

function postgres(): Backend {
  let pool: pg.Pool | undefined;
  const table = uniqueName("pwreset_budget");
  return {
    name: "PostgreSQL",
    service: "postgres",
    async open() {
      pool = new pg.Pool({ ...services.postgres, max: 10 });
    },
    async store() {
      const store = new PostgresTokenStore({ pool: pool!, table });
      await store.migrate();
      await pool!.query(`TRUNCATE "${table}", "${table}_attempts"`);
      return store;
    },
    async close() {
      await pool?.query(`DROP TABLE IF EXISTS "${table}", "${table}_attempts"`);
      await pool?.end();
    },
  };
}

for (const backend of [memory(), redis(), postgres()]) {
  describe(`security: the code guess budget (${backend.name})`, function () {
    this.timeout(120_000);
    let t: TestApp;
    let store: TokenStore | undefined;

    before(async function () {
      if (backend.service) await requireService(this, backend.service);
      await backend.open();
    });
    after(() => backend.close());
    afterEach(async () => {
      await t.router.close();
      await store?.close?.();
    });

    /** A code app behind a trusted proxy over this backend's store, with `check` mounted. */
    async function start(): Promise<TestApp> {
      store = await backend.store();
      t = createCodeApp(EXPRESS_VERSIONS[1], {
        codes: { maxAttempts: MAX },
        paths: { check: "/check" },
        ...(store ? { tokenStore: store, advanced: { now: Date.now } } : {}),
      });
      t.app.set("trust proxy", true);
      return t;
    }

    /** Asks for a code for Alice's number from `ip`; resolves the digits her phone received. */
    async function codeFrom(ip: string, to: string = ALICE.mobile): Promise<string> {
      const before = t.sms.messages.length;
      expectOk(await postFrom(t.app, ip, "forgot", { mobile: to }));
      await t.router.drain();
      expect(t.sms.messages, "one more SMS").to.have.length(before + 1);
      return t.sms.last!.code;
    }

    function guess(ip: string, code: string, to: string = ALICE.mobile): Promise<Response> {
      return postFrom(t.app, ip, "verify", { mobile: to, code });
    }

    /** `n` wrong guesses from each of `networks`, `batch` networks at a time; every one refused. */
    async function guessWrong(networks: string[], code: string, n: number, batch = 50): Promise<void> {
      for (let start = 0; start < networks.length; start += batch) {
        await Promise.all(
          networks.slice(start, start + batch).map(async (ip) => {
            for (let i = 1; i <= n; i++)
              expectError(await guess(ip, wrong(code, (i % 9) + 1)), "INVALID_TOKEN");
          }),
        );
      }
    }

    function ownerResets(code: string, ip = OWNER): Promise<Response> {
      return postFrom(t.app, ip, "reset", {
        ...BY_MOBILE,
        code,
        password: "owner-pass-1",
        passwordConfirm: "owner-pass-1",
      });
    }

    const range = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => network(from + i));

    it("guesses sent before a code exists do not count against it", async () => {
      await start();
      // 40 networks spend more than their whole budget while Alice has no code: 240 guesses.
      await guessWrong(range(0, 40), "123456", MAX + 1);
      const code = await codeFrom(OWNER);
      expect(code, "the code is as short as ever").to.have.length(6);
      // Not even the account's share is spent: a network that never guessed is still heard, and
      // the right code from it works.
      expectOk(await guess(network(999), code));
    });

    it("1,000 networks of wrong guesses cannot refuse the owner's fresh code on the owner's network", async () => {
      await start();
      const code = await codeFrom(OWNER);
      await guessWrong(range(0, 1000), code, 1);
      await guessWrong(range(0, 20), code, MAX + 3);
      const res = await ownerResets(code);
      expectOk(res);
      await expectPassword(t, ALICE.id, "owner-pass-1");
    });

    it(`past ${TALLY} guesses in a day, the right code works only from the network that asked for it`, async () => {
      await start();
      const code = await codeFrom(OWNER);
      // The code's own send counts too: 1 + 19 guesses leave the tally at 20, within it.
      await guessWrong(range(0, 4), code, 4);
      await guessWrong(range(4, 5), code, 3);
      expectError(await guess(network(5), wrong(code)), "INVALID_TOKEN"); // the 21st
      const elsewhere = await guess(network(6), code);
      expectError(elsewhere, "INVALID_TOKEN");
      expect(elsewhere.body.error.message, "answered as any wrong code is").to.not.equal(TOO_MANY);
      expectUnchanged(t, ALICE.id);
      expectOk(await ownerResets(code));
      await expectPassword(t, ALICE.id, "owner-pass-1");
    });

    it("the owner's right code forgives only the owner's network", async () => {
      // 0.2.0: the owner's `check`, or a reset the password policy refused, cleared the account-wide
      // counters too, so 8 networks made 35 wrong guesses at one code against a bound of 20.
      await start();
      const code = await codeFrom(OWNER);
      for (let i = 0; i < 8; i++) {
        await guessWrong([network(i)], code, MAX);
        expectOk(await postFrom(t.app, OWNER, "check", { ...BY_MOBILE, code }));
        const weak = await postFrom(t.app, OWNER, "reset", {
          ...BY_MOBILE,
          code,
          password: "password",
          passwordConfirm: "password",
        });
        expectError(weak, "VALIDATION_ERROR");
      }
      // The networks that guessed are still refused: forgiving is for the network that knew the code.
      const spent = await guess(network(0), wrong(code));
      expect(spent.body.error.message).to.equal(TOO_MANY);
      // And the account's tally was not refilled: another network's right code is no longer heard.
      expectError(await guess(network(8), code), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
      expectOk(await ownerResets(code));
    });

    it("an account under attack gets longer codes, not refused ones", async () => {
      await start();
      // The attacker asks for codes himself, from his own networks, and guesses at each from there
      // and from one more: 2 codes sent + 20 guesses pass the day's tally of 20.
      for (let i = 0; i < 2; i++) {
        const his = await codeFrom(network(100 + i));
        expect(his, `code ${i + 1}, within the tally`).to.have.length(6);
        await guessWrong([network(100 + i), network(200 + i)], his, MAX);
      }
      const code = await codeFrom(OWNER);
      expect(code, "the owner's code under attack").to.match(/^\d{12}$/);
      expectError(await guess(network(300), wrong(code)), "INVALID_TOKEN");
      expectOk(await ownerResets(code));
      await expectPassword(t, ALICE.id, "owner-pass-1");
    });

    it("a guesser gets the same answers whether or not the account exists", async () => {
      // The budget must not become an account oracle: a network that spent its budget stays refused
      // after someone else asks for a code, and one that asks for a code itself starts afresh, for
      // known and unknown numbers alike.
      await start();
      const script = async (to: string): Promise<string[]> => {
        const answers: string[] = [];
        const note = (res: Response) => answers.push(`${res.status} ${res.body.error?.message ?? "ok"}`);
        const [a, b] = [network(400), network(401)];
        for (let i = 1; i <= MAX + 1; i++) note(await guess(b, `55555${i}`, to));
        expectOk(await postFrom(t.app, a, "forgot", { mobile: to }));
        await t.router.drain();
        note(await guess(b, "555550", to));
        expectOk(await postFrom(t.app, b, "forgot", { mobile: to }));
        await t.router.drain();
        for (let i = 1; i <= MAX + 1; i++) note(await guess(b, `66666${i}`, to));
        for (const ip of range(410, 440)) note(await guess(ip, "777777", to));
        return answers;
      };
      const known = await script(ALICE.mobile);
      const unknown = await script("+14155550199");
      expect(known).to.deep.equal(unknown);
      expect(known.filter((answer) => answer.endsWith(TOO_MANY))).to.have.length(3);
    });

    it("a code the app sends itself belongs to no client's network, not even one that calls itself `app`", async () => {
      // router.sendResetLink runs as the client "app"; behind `trust proxy`, X-Forwarded-For can say so too.
      await start();
      for (let i = 0; i < TALLY; i++) await t.router.sendResetLink({ type: "mobile", value: ALICE.mobile });
      expect(await t.router.sendResetLink({ type: "mobile", value: ALICE.mobile })).to.deep.equal({
        sent: true,
      });
      const code = t.sms.last!.code;
      expect(code, "past the tally").to.have.length(12);
      expectError(await guess("app", code), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
    });

    if (backend.name === "memory") {
      it("the tally lasts a day: the next day's codes are short again", async () => {
        await start();
        for (let i = 0; i < 4; i++) {
          const his = await codeFrom(network(500 + i));
          await guessWrong([network(500 + i), network(600 + i)], his, MAX);
        }
        expect(await codeFrom(OWNER)).to.have.length(12);
        t.clock.now += 24 * 3600 * 1000 + 1000;
        const code = await codeFrom(OWNER);
        expect(code).to.have.length(6);
        expectOk(await ownerResets(code));
      });
    }
  });
}

// Key rotation (issue #15, item 6): `secret` may be a list, newest first. The first key signs
// sessions and hashes new codes; every key verifies, so instances rolled onto a new key keep the
// codes, sessions and bound links issued under the old one working.
import { expect } from "chai";
import { MemoryTokenStore } from "../../lib/index.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { requestLink, reset, session, smsCode, verify } from "../helpers/client.js";
import { testClock } from "../helpers/clock.js";
import { expectError, expectOk } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";
import { createCodeApp } from "../helpers/sms-apps.js";

const OLD = "old-key-old-key-old-key-old-key-0123456789";
const NEW = "new-key-new-key-new-key-new-key-0123456789";

for (const version of EXPRESS_VERSIONS) {
  describe(`secret rotation (${version.name})`, () => {
    const pair = (newSecret: string | string[], options = {}) => {
      const clock = testClock();
      const store = new MemoryTokenStore({ now: clock.fn });
      const before = createCodeApp(version, { secret: OLD, tokenStore: store, now: clock.fn, ...options });
      const after = createCodeApp(version, {
        secret: newSecret,
        tokenStore: store,
        now: clock.fn,
        users: before.users,
        sms: before.sms,
        ...options,
      });
      return { before, after };
    };

    it("a code sent under the old key is accepted by an instance on [new, old]", async () => {
      const { before, after } = pair([NEW, OLD]);
      const code = await smsCode(before, { mobile: ALICE.mobile });
      expectOk(await reset(after, { mobile: ALICE.mobile, code }, "a-long-unusual-passphrase-42"));
    });

    it("a reset session signed with the old key works on [new, old]; one the new key signs works too", async () => {
      const { before, after } = pair([NEW, OLD]);
      const oldSession = await session(before, {
        mobile: ALICE.mobile,
        code: await smsCode(before, { mobile: ALICE.mobile }),
      });
      expectOk(await reset(after, {}, "a-long-unusual-passphrase-42", `Bearer ${oldSession}`));
      const newSession = await session(after, {
        mobile: ALICE.mobile,
        code: await smsCode(after, { mobile: ALICE.mobile }),
      });
      expectOk(await reset(after, {}, "another-unusual-passphrase-43", `Bearer ${newSession}`));
    });

    it("once the old key is dropped, what it signed or hashed is refused", async () => {
      const { before, after } = pair(NEW);
      const code = await smsCode(before, { mobile: ALICE.mobile });
      expectError(await verify(after, { mobile: ALICE.mobile, code }), "INVALID_TOKEN");
    });

    it("codes looked up by themselves (codesWithoutIdentifier) survive the roll too", async () => {
      const { before, after } = pair([NEW, OLD], { codesWithoutIdentifier: true, codeLength: 10 });
      const code = await smsCode(before, { mobile: ALICE.mobile });
      expectOk(await reset(after, { code }, "a-long-unusual-passphrase-42"));
    });

    it("a link sent under the old key resets on [new, old] (its hash is keyed), and not once the old key is dropped", async () => {
      const { before, after } = pair([NEW, OLD]);
      const token = await requestLink(before);
      const { before: other, after: onlyNew } = pair(NEW);
      const stale = await requestLink(other);
      expectError(await reset(onlyNew, { token: stale }, "a-long-unusual-passphrase-41"), "INVALID_TOKEN");
      expectOk(await reset(after, { token }, "a-long-unusual-passphrase-42"));
    });

    it("on [new, old], a new request supersedes what the old key issued, and revokeUser kills it", async () => {
      const { before, after } = pair([NEW, OLD]);
      const superseded = await requestLink(before);
      await requestLink(after);
      expectError(await reset(after, { token: superseded }, "a-long-unusual-passphrase-41"), "INVALID_TOKEN");

      const revoked = await requestLink(before);
      await after.router.revokeUser(ALICE.id);
      expectError(await reset(after, { token: revoked }, "a-long-unusual-passphrase-42"), "INVALID_TOKEN");
    });

    it("refuses an empty list or a short key in it, naming `secret`", () => {
      expect(() => createCodeApp(version, { secret: [] })).to.throw(/`secret`/);
      expect(() => createCodeApp(version, { secret: [NEW, "short"] })).to.throw(/`secret`/);
    });
  });
}

for (const version of EXPRESS_VERSIONS) {
  describe(`two routers on one store with different secrets (${version.name})`, () => {
    it("refuses the other's sessions and says once, in the log, that the secrets likely differ", async () => {
      const clock = testClock();
      const store = new MemoryTokenStore({ now: clock.fn });
      const a = createCodeApp(version, { secret: OLD, tokenStore: store, now: clock.fn });
      const b = createCodeApp(version, {
        secret: NEW,
        tokenStore: store,
        now: clock.fn,
        users: a.users,
        sms: a.sms,
      });
      const fromA = await session(a, {
        mobile: ALICE.mobile,
        code: await smsCode(a, { mobile: ALICE.mobile }),
      });
      expectError(await reset(b, {}, "a-long-unusual-passphrase-42", `Bearer ${fromA}`), "INVALID_TOKEN");
      expectError(await reset(b, {}, "a-long-unusual-passphrase-42", `Bearer ${fromA}`), "INVALID_TOKEN");
      expect(b.logs.filter((line) => line.includes("same `secret`"))).to.have.length(1);
      expect(b.logs.join("\n")).to.not.contain(fromA);
    });
  });
}

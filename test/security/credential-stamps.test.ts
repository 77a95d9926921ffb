// `ResetUser.stamp`: anything that changes with the account's credentials or address (the password
// hash, a `credentials_changed_at`). A grant remembers a keyed hash of the stamp it was issued
// under, and verify and reset read the account again and refuse it (INVALID_TOKEN) once the stamp
// differs: a link, code or reset session dies the moment the password or the email changes
// elsewhere, with no `revokeUser` call (OneUptime 3571: a token that survived an email change).
// Guarantee 5 (supersede / revoke), extended.
import { expect } from "chai";
import type { Grant, TokenStore } from "../../lib/index.js";
import { MemoryTokenStore } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS, type TestApp } from "../helpers/app.js";
import { requestLink, reset, session, smsCode, verify } from "../helpers/client.js";
import { expectError, expectOk, expectPassword, expectUnchanged } from "../helpers/expect.js";
import { ALICE, BOB, GOOD_PASSWORD } from "../helpers/fixtures.js";

const STAMP = "pwhash:$2b$10$abcdefghijklmnopqrstuv";

/** A memory store that keeps a copy of every grant issued, to see what a store is given. */
class WatchedStore extends MemoryTokenStore implements TokenStore {
  readonly issued: Grant[] = [];
  override async issue(grant: Grant): Promise<void> {
    this.issued.push(structuredClone(grant));
    return super.issue(grant);
  }
}

for (const version of EXPRESS_VERSIONS) {
  describe(`security: a grant dies when the account's credential stamp changes (${version.name})`, () => {
    let t: TestApp;
    let store: WatchedStore;
    const stampOf = (id: string, stamp: string | undefined) => {
      const record = t.users.records.get(id)!;
      if (stamp === undefined) delete (record as { stamp?: string }).stamp;
      else (record as { stamp?: string }).stamp = stamp;
    };
    beforeEach(() => {
      // The store keeps the router's clock, so grants live as long as the router says.
      store = new WatchedStore({ now: () => t.clock.now });
      t = createTestApp(version, { tokenStore: store, accounts: { identifiers: ["email", "mobile"] } });
      stampOf(ALICE.id, STAMP);
    });
    afterEach(() => t.router.close());

    it("a link issued before the password changed elsewhere is INVALID_TOKEN on verify and reset", async () => {
      const token = await requestLink(t);
      stampOf(ALICE.id, "pwhash:changed-by-the-app");
      expectError(await verify(t, { token }), "INVALID_TOKEN");
      const again = await requestLink(t);
      stampOf(ALICE.id, "pwhash:changed-again");
      expectError(await reset(t, { token: again }), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
    });

    it("an SMS code issued before the email changed elsewhere is INVALID_TOKEN", async () => {
      const code = await smsCode(t);
      stampOf(ALICE.id, "email:new@example.com");
      expectError(await reset(t, { mobile: ALICE.mobile, code }), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
    });

    it("a reset session from verify dies when the stamp changes before the reset", async () => {
      const resetToken = await session(t, { token: await requestLink(t) });
      stampOf(ALICE.id, "pwhash:changed-by-the-app");
      expectError(await reset(t, { resetToken }), "INVALID_TOKEN");
      expectUnchanged(t, ALICE.id);
    });

    it("a grant whose stamp is unchanged works, through verify and straight to reset", async () => {
      expectOk(await reset(t, { resetToken: await session(t, { token: await requestLink(t) }) }));
      await expectPassword(t, ALICE.id, GOOD_PASSWORD);
      expectOk(await reset(t, { mobile: ALICE.mobile, code: await smsCode(t) }));
    });

    it("a stamp appearing where there was none also kills the grant; an account without a stamp works as before", async () => {
      const token = await requestLink(t, BOB.email);
      stampOf(BOB.id, "credentials_changed_at:2026-12-07T04:00:00Z");
      expectError(await reset(t, { token }), "INVALID_TOKEN");
      stampOf(BOB.id, undefined);
      expectOk(await reset(t, { token: await requestLink(t, BOB.email) }));
    });

    it("the store is given only a keyed hash of the stamp, never the stamp itself", async () => {
      await requestLink(t);
      const grant = store.issued.at(-1)!;
      expect(JSON.stringify(grant)).not.to.include(STAMP);
      expect(JSON.stringify(grant)).not.to.include("abcdefghijklmnopqrstuv");
    });
  });
}

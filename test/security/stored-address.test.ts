// Guarantee 2: the message goes to the address or number on the user record, never to the one
// typed in the request. User tables often match loosely (case-insensitive collations, Unicode
// folding); GitHub's 2019 dotless-i bug mailed the reset for "mike@example.com" to an attacker's
// "mıke@example.com" because the mail went to the typed address the database had matched.
import { expect } from "chai";
import type { Identifier, ResetUser, UserAdapter } from "../../lib/index.js";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { post } from "../helpers/client.js";
import { createSmsApp } from "../helpers/sms-apps.js";

const MIKE: ResetUser = {
  id: "m1",
  email: "mike@example.com",
  mobile: "+14155550123",
  username: "mike",
  name: "Mike",
};

/** Folds as a lax collation would: case, dotless/dotted i, accents, width. */
function fold(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ı/g, "i")
    .toLowerCase();
}

/** A user table whose lookup collates, and matches phone numbers on their last ten digits. */
class CollatingUsers implements UserAdapter {
  readonly lookups: Identifier[] = [];
  async findUser(identifier: Identifier): Promise<ResetUser | null> {
    this.lookups.push(identifier);
    if (identifier.type === "email" && fold(identifier.value) === MIKE.email) return { ...MIKE };
    if (identifier.type === "username" && fold(identifier.value) === MIKE.username) return { ...MIKE };
    if (identifier.type === "mobile" && identifier.value.slice(-10) === MIKE.mobile?.slice(-10))
      return { ...MIKE };
    return null;
  }
  async updatePassword(): Promise<void> {}
}

// Each of these is a different mailbox from mike@example.com, yet the collating table finds Mike.
const LOOK_ALIKES = [
  "MIKE@EXAMPLE.COM",
  "mıke@example.com",
  "MİKE@example.com",
  "mïke@example.com",
  "ｍｉｋｅ@example.com",
];

for (const version of EXPRESS_VERSIONS) {
  describe(`security: messages go to the stored address only (${version.name})`, () => {
    for (const delivery of ["link", "code"] as const) {
      it(`email ${delivery}s for look-alike addresses go to the address on the record`, async () => {
        const users = new CollatingUsers();
        const t = createTestApp(version, { users, delivery: { email: delivery } });
        for (const typed of LOOK_ALIKES) {
          expect((await post(t.app, "forgot", { email: typed })).status, typed).to.equal(200);
        }
        await t.router.drain();
        expect(users.lookups).to.have.length(LOOK_ALIKES.length); // the table did match each of them
        expect(t.mailer.resets.map((m) => m.to)).to.deep.equal(LOOK_ALIKES.map(() => "mike@example.com"));
        await t.router.close();
      });
    }

    it("the same holds with revealUnknownUser, where the answer waits for the delivery", async () => {
      const users = new CollatingUsers();
      const t = createTestApp(version, { users, revealUnknownUser: true });
      expect((await post(t.app, "forgot", { email: "mıke@example.com" })).status).to.equal(200);
      expect(t.mailer.resets.map((m) => m.to)).to.deep.equal(["mike@example.com"]);
      await t.router.close();
    });

    it("a username request goes to the record's email, and a loosely matched number gets the record's number", async () => {
      const users = new CollatingUsers();
      const t = createSmsApp(version, { users, identifiers: ["email", "mobile", "username"] });
      expect((await post(t.app, "forgot", { username: "MİKE" })).status).to.equal(200);
      expect((await post(t.app, "forgot", { mobile: "+9994155550123" })).status).to.equal(200);
      await t.router.drain();
      expect(t.mailer.resets.map((m) => m.to)).to.deep.equal(["mike@example.com"]);
      expect(t.sms.messages.map((m) => m.to)).to.deep.equal(["+14155550123"]);
      await t.router.close();
    });

    it("a record without an address gets nothing, whatever was typed", async () => {
      const users: UserAdapter = {
        findUser: async () => ({ id: "n1", username: "noaddress" }),
        updatePassword: async () => {},
      };
      const t = createTestApp(version, { users });
      expect((await post(t.app, "forgot", { email: "attacker@evil.example" })).status).to.equal(200);
      await t.router.drain();
      expect(t.mailer.resets).to.deep.equal([]);
      expect(t.events.find((e) => e.type === "delivery.failed")?.reason).to.equal("no_address");
      await t.router.close();
    });
  });
}

// What `findUser` returns is the app's own query: a row that lacks what the package needs (an `id`
// left out of the SELECT, an address column that is empty) must not answer success while nothing
// happens. A row without `id` is refused (nothing sent, nothing changed, an `adapter.failed` event
// and an error naming the fix); a row without an address for the channel is a once-only warning.
import { expect } from "chai";
import type { Identifier, ResetUser } from "../../lib/index.js";
import { createTestApp, EXPRESS_VERSIONS } from "../helpers/app.js";
import { forgot, post, requestLink, reset } from "../helpers/client.js";
import { expectPassword } from "../helpers/expect.js";
import { failuresOf } from "../helpers/events.js";
import { ALICE } from "../helpers/fixtures.js";
import { FakeUsers } from "../helpers/users.js";

/** A table queried with `SELECT email, name FROM users WHERE email = $1`: no `id` in the row. */
function idlessUsers(): { findUser(identifier: Identifier): Promise<ResetUser | null>; updated: unknown[] } {
  const updated: unknown[] = [];
  return {
    updated,
    findUser: async ({ value }) =>
      ["alice@example.com", "bob@example.com"].includes(value)
        ? ({ email: value, name: "someone" } as unknown as ResetUser)
        : null,
    updatePassword: async (id: unknown) => {
      updated.push(id);
    },
  } as ReturnType<typeof idlessUsers>;
}

for (const version of EXPRESS_VERSIONS) {
  describe(`findUser rows the package cannot use (${version.name})`, () => {
    it("a row without `id` gets no link, and the error names findUser's missing `id`", async () => {
      const users = idlessUsers();
      const t = createTestApp(version, { users: users as never });
      expect((await post(t.app, "forgot", { email: "alice@example.com" })).status).to.equal(200);
      expect((await post(t.app, "forgot", { email: "bob@example.com" })).status).to.equal(200);
      await t.router.drain();
      expect(t.mailer.resets, "no link was mailed").to.deep.equal([]);
      expect(failuresOf(t, "users.findUser")).to.have.length(2);
      expect(failuresOf(t, "users.findUser")[0]?.error?.message).to.match(/`id`/);
      const errors = t.logs.filter((line) => line.startsWith("error:"));
      expect(errors).to.have.length(2);
      expect(errors[0])
        .to.match(/findUser/)
        .and.to.match(/`id`/);
      expect(users.updated).to.deep.equal([]);
      await t.router.close();
    });

    it("with revealUnknownUser, a row without `id` answers 500 rather than success", async () => {
      const t = createTestApp(version, { users: idlessUsers() as never, accounts: { revealUnknown: true } });
      expect((await post(t.app, "forgot", { email: "alice@example.com" })).status).to.equal(500);
      expect(t.mailer.resets).to.deep.equal([]);
      await t.router.close();
    });

    it("a reset whose row comes back without `id` changes nothing, answers 500 and keeps the link", async () => {
      const users = new FakeUsers();
      let dropId = false;
      const findUser = users.findUser.bind(users);
      users.findUser = async (identifier) => {
        const row = await findUser(identifier);
        if (!row || !dropId) return row;
        const { id: _id, ...rest } = row;
        return rest as ResetUser;
      };
      const t = createTestApp(version, { users });
      const token = await requestLink(t);
      dropId = true;
      const res = await reset(t, { token }, "a brand new password 1");
      expect(res.status, res.text).to.equal(500);
      expect(users.updates).to.deep.equal([]);
      expect(t.logs.join("\n"))
        .to.match(/findUser/)
        .and.to.match(/`id`/);
      dropId = false;
      expect((await reset(t, { token }, "a brand new password 1")).status).to.equal(200);
      await expectPassword(t, ALICE.id, "a brand new password 1");
      await t.router.close();
    });

    it("a row without an email address for an email reset is warned about once, naming `email`", async () => {
      const users = new FakeUsers([
        { id: "n1", username: "noaddr", email: "", passwordHash: "old" },
        { id: "n2", username: "noaddr2", passwordHash: "old" },
      ]);
      const t = createTestApp(version, { users, accounts: { identifiers: ["username"] }, sms: undefined });
      await forgot(t, { username: "noaddr" });
      await forgot(t, { username: "noaddr2" });
      await t.router.drain();
      expect(t.mailer.resets).to.deep.equal([]);
      const warnings = t.logs.filter((line) => line.startsWith("warn:") && line.includes("no address"));
      expect(warnings, t.logs.join("\n")).to.have.length(1);
      expect(warnings[0])
        .to.match(/`email`/)
        .and.to.match(/findUser/);
      await t.router.close();
    });
  });
}

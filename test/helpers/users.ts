// An in-memory user table implementing UserAdapter, recording every call so tests can assert on them.
import type { Identifier, ResetUser, UserAdapter } from "../../lib/index.js";

export interface StoredUser extends ResetUser {
  id: string;
  passwordHash: string;
}

export class FakeUsers implements UserAdapter {
  readonly records = new Map<string, StoredUser>();
  readonly lookups: Identifier[] = [];
  readonly updates: Array<{ userId: string; passwordHash: string }> = [];
  failUpdates = 0;

  constructor(users: StoredUser[] = DEFAULT_USERS) {
    for (const user of users) this.records.set(user.id, { ...user });
  }

  async findUser(identifier: Identifier): Promise<ResetUser | null> {
    this.lookups.push(identifier);
    for (const user of this.records.values()) {
      const field =
        identifier.type === "email" ? user.email : identifier.type === "mobile" ? user.mobile : user.username;
      if (field !== undefined && field.toLowerCase() === identifier.value) {
        const { passwordHash: _hash, ...publicUser } = user;
        return publicUser;
      }
    }
    return null;
  }

  async updatePassword(id: string | number, passwordHash: string): Promise<void> {
    const userId = String(id);
    if (this.failUpdates > 0) {
      this.failUpdates -= 1;
      throw new Error(`database is down (hash ${passwordHash})`);
    }
    this.updates.push({ userId, passwordHash });
    const user = this.records.get(userId);
    if (user) user.passwordHash = passwordHash;
  }

  hashOf(userId: string): string | undefined {
    return this.records.get(userId)?.passwordHash;
  }
}

export const DEFAULT_USERS: StoredUser[] = [
  {
    id: "u1",
    email: "alice@example.com",
    mobile: "+14155550100",
    username: "alice",
    name: "Alice",
    passwordHash: "old",
  },
  { id: "u2", email: "bob@example.com", username: "bob", name: "Bob", passwordHash: "old" },
  { id: "u3", mobile: "+447700900123", username: "carol", name: "Carol", passwordHash: "old" },
];

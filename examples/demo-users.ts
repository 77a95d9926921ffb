// The demos' stand-in for an app's user table: one account, demo@example.com, in memory. A real
// app reads its own database here (examples/production and examples/recipes show PostgreSQL).
import type { ResetUser, UserAdapter } from "../lib/index.js";

/** The demo's one account. */
export const DEMO_EMAIL = "demo@example.com";

/** The in-memory table, its adapter, and each account's current hash (for tests and logs). */
export function createDemoUsers(print: (line: string) => void): {
  adapter: UserAdapter;
  passwordHashOf(userId: string): string | undefined;
} {
  const users = new Map<string, ResetUser & { passwordHash: string }>([
    ["1", { id: "1", email: DEMO_EMAIL, name: "Demo", passwordHash: "(set at sign-up)" }],
  ]);
  return {
    adapter: {
      async findUser({ type, value }) {
        if (type !== "email") return null;
        for (const user of users.values()) if (user.email === value) return user;
        return null;
      },
      async updatePassword(userId, passwordHash) {
        const user = users.get(String(userId));
        if (user) user.passwordHash = passwordHash;
        print(
          `[demo] password of user ${userId} changed; new bcrypt hash starts ${passwordHash.slice(0, 7)}`,
        );
      },
    },
    passwordHashOf: (userId) => users.get(userId)?.passwordHash,
  };
}

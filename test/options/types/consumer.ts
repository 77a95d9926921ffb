// A consumer's app, type-checked by `tsc` (types.test.ts, and `npm run typecheck`): the app's own
// user row type, inferred from `users`, reaches the mailer, the SMS sender, `resetUrl` and every
// hook, in the 1.0 spellings and in the deprecated 0.2 ones. Each `@ts-expect-error` marks a field
// the row does not have; the test also compiles this file without them and expects exactly those
// lines to fail, so neither half can pass vacuously.
import express from "express";
import { createPasswordResetRouter } from "../../../lib/index.js";
import type { ResetUser, UserAdapter } from "../../../lib/index.js";
import { CapturingMailer } from "../../../lib/testing/index.js";

/** The app's own row: more than the package needs, and a numeric id. */
interface AccountRow extends ResetUser {
  id: number;
  plan: "free" | "pro";
  locale: string;
}

const rows = new Map<number, AccountRow>();
const users: UserAdapter<AccountRow> = {
  async findUser({ value }) {
    return [...rows.values()].find((row) => row.email === value) ?? null;
  },
  async updatePassword(userId, passwordHash) {
    const id: number = userId;
    void [id, passwordHash];
  },
};

const plans: string[] = [];

// The 1.0 spellings.
export const current = createPasswordResetRouter({
  users,
  mailer: {
    async sendPasswordReset({ user, link }) {
      plans.push(`${user.plan} ${user.locale} ${link ?? ""}`);
      // @ts-expect-error the row has no `nickname`
      plans.push(user.nickname);
    },
    async sendPasswordChanged({ user }) {
      plans.push(user.plan);
      // @ts-expect-error the row has no `nickname`
      plans.push(user.nickname);
    },
  },
  sms: {
    async sendPasswordResetCode({ user, code }) {
      plans.push(`${user.plan} ${code}`);
      // @ts-expect-error the row has no `nickname`
      plans.push(user.nickname);
    },
  },
  resetUrl: ({ user, token }) => {
    // @ts-expect-error the row has no `nickname`
    plans.push(user.nickname);
    return `https://app.example.com/${user.locale}/reset?token=${token}`;
  },
  password: {
    rule: ({ password, user }) => {
      // @ts-expect-error the row has no `nickname`
      plans.push(user.nickname);
      return password.includes(user.plan) ? "do not use your plan's name" : undefined;
    },
  },
  hooks: {
    afterReset: async ({ user, req }) => {
      // @ts-expect-error the row has no `nickname`
      plans.push(user.nickname);
      return { plan: user.plan, path: req.path };
    },
  },
});

// The deprecated 0.2 spellings, with their 0.2 signatures.
export const legacy = createPasswordResetRouter({
  users,
  mailer: { sendPasswordReset: async ({ user }) => void plans.push(user.plan) },
  resetUrl: "https://app.example.com/reset",
  password: {
    validate: (password, user) => {
      // @ts-expect-error the row has no `nickname`
      plans.push(user.nickname);
      return password.includes(user.locale) ? "too guessable" : undefined;
    },
  },
  afterReset: async (user, req) => {
    // @ts-expect-error the row has no `nickname`
    plans.push(user.nickname);
    return { plan: user.plan, path: req.path };
  },
});

// Inferred from an unannotated adapter too; a sender typed for another row does not fit.
export const inferred = createPasswordResetRouter({
  users: {
    findUser: async () => null as AccountRow | null,
    updatePassword: async () => {},
  },
  // @ts-expect-error this mailer needs a `team`, which the row does not have
  mailer: { sendPasswordReset: async ({ user }: { user: { id: number; team: string } }) => void user.team },
  resetUrl: "https://app.example.com/reset",
  hooks: {
    afterReset: async ({ user }) => {
      // @ts-expect-error the row has no `nickname`
      plans.push(user.nickname);
      return { plan: user.plan };
    },
  },
});

// The capturing senders for the app's own tests carry the row type too.
const captured = new CapturingMailer<AccountRow>();
export const tested = createPasswordResetRouter({
  users,
  mailer: captured,
  resetUrl: "https://app.example.com/reset",
});
export const lastPlan: string | undefined = captured.last?.user.plan;
// @ts-expect-error the row has no `nickname`
export const lastNickname: unknown = captured.last?.user.nickname;

express().use("/auth", current, legacy, inferred, tested);

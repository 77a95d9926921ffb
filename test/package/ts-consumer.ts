/**
 * The TypeScript consumer project, as text. These sources cannot live in the repository as `.ts`
 * files: the root tsconfig type-checks everything under `test/`, where `wrong.ts` must fail and
 * `express-password-reset` would resolve to this checkout instead of an installed tarball.
 */

/**
 * A user's app, type-checked against the installed declarations. It is written once and checked
 * as `app.ts` (CommonJS under `nodenext`: the `require` types), as `app.mts` (ESM under
 * `nodenext`: the `import` types) and under `moduleResolution: bundler`.
 */
const APP = `import express from "express";
import { ConsoleMailer, MemoryTokenStore, bcryptHasher, createPasswordResetRouter } from "express-password-reset";
import type {
  Mailer,
  PasswordResetOptions,
  PasswordResetRouter,
  ResetUser,
  TokenStore,
  UserAdapter,
} from "express-password-reset";
import { CapturingMailer, describeTokenStoreContract } from "express-password-reset/testing";
import { RedisTokenStore } from "express-password-reset/redis";
import { PostgresTokenStore } from "express-password-reset/postgres";
import { MySqlTokenStore } from "express-password-reset/mysql";
import { createNodemailerMailer } from "express-password-reset/nodemailer";

// IsAny<T> is true only for \`any\`. Each entry fails to compile if a public type is really \`any\`,
// which would also make every other check in this file pass vacuously.
type IsAny<T> = 0 extends 1 & T ? true : false;
export const notAny: [
  IsAny<UserAdapter>,
  IsAny<Mailer>,
  IsAny<PasswordResetOptions>,
  IsAny<ResetUser>,
  IsAny<PasswordResetRouter>,
  IsAny<typeof createPasswordResetRouter>,
  IsAny<typeof CapturingMailer>,
  IsAny<typeof RedisTokenStore>,
  IsAny<typeof PostgresTokenStore>,
  IsAny<typeof MySqlTokenStore>,
  IsAny<typeof createNodemailerMailer>,
  IsAny<typeof describeTokenStoreContract>,
] = [false, false, false, false, false, false, false, false, false, false, false, false];

interface UserRow extends ResetUser {
  passwordHash: string;
}
const table = new Map<string, UserRow>();

const users: UserAdapter = {
  async findUser(identifier) {
    const field: "email" | "mobile" | "username" = identifier.type;
    for (const row of table.values()) if (row[field] === identifier.value) return row;
    return null;
  },
  async updatePassword(userId, passwordHash) {
    const row = table.get(String(userId));
    if (row) row.passwordHash = passwordHash;
  },
};

const mailer: Mailer = process.env.NODE_ENV === "test" ? new CapturingMailer() : new ConsoleMailer();

const options: PasswordResetOptions = {
  users,
  mailer,
  tokenStore: new MemoryTokenStore(),
  resetUrl: ({ token, user }) => \`https://app.example.com/reset/\${user.id}?token=\${token}\`,
  password: { minLength: 10, validate: (password, user) => (password.includes(String(user.id)) ? "too guessable" : undefined) },
  afterReset: async (user) => ({ userId: user.id }),
  onEvent: (event) => {
    const type: string = event.type;
    void type;
  },
};

const router: PasswordResetRouter = createPasswordResetRouter(options);

// The 1.0 spellings: options grouped by feature, hooks taking one object, the row type inferred.
const accounts: UserAdapter<UserRow> = { findUser: async () => null, updatePassword: async () => {} };
export const grouped: PasswordResetRouter = createPasswordResetRouter({
  users: accounts,
  mailer: { sendPasswordReset: async ({ user }) => void user.passwordHash.length },
  resetUrl: "https://app.example.com/reset",
  accounts: { identifiers: ["email"] },
  codes: { maxAttempts: 3 },
  password: { hasher: bcryptHasher({ rounds: 12 }), rule: ({ password, user }) => (password === user.email ? "no" : undefined) },
  http: { authorize: ({ req, route }) => route !== "check" || req.ip !== undefined, bodyTimeoutSeconds: 5 },
  hooks: { afterReset: async ({ user }) => ({ hashLength: user.passwordHash.length }) },
  advanced: { logger: console, adapterTimeoutSeconds: 2.5 },
});
const app = express();
app.use("/api/v1/auth/password", router);
export const shutdown: () => Promise<void> = () => router.close();

// The shipped stores and mailer fit the core's interfaces.
export const stores: Array<new (...args: never[]) => TokenStore> = [
  RedisTokenStore,
  PostgresTokenStore,
  MySqlTokenStore,
];
export const makeMailer: (...args: Parameters<typeof createNodemailerMailer>) => Mailer = createNodemailerMailer;
`;

/**
 * Mistakes a user can make. Each line marked \`// error TSnnnn\` must fail with exactly that code,
 * and nothing else may fail: an unresolved import (TS2307) would fail too, for the wrong reason.
 */
const WRONG = `import { createPasswordResetRouter } from "express-password-reset";
import type { ResetUser, UserAdapter } from "express-password-reset";

const users: UserAdapter = { findUser: async () => null, updatePassword: async () => {} };
createPasswordResetRouter({ users: 42 }); // error TS2322
export const user: ResetUser = { email: "a@example.com" }; // error TS2741
createPasswordResetRouter({ users, resetUrl: 42 }); // error TS2322
createPasswordResetRouter({ users, identifiers: ["fax"] }); // error TS2322
createPasswordResetRouter({ users }).drain(1); // error TS2554
createPasswordResetRouter({ users, hooks: { afterReset: async ({ user }) => ({ n: user.nickname }) } }); // error TS2339
`;

const COMPILER_OPTIONS = {
  target: "es2022",
  strict: true,
  noEmit: true,
  // Check the package's own .d.ts files too, under the consumer's settings.
  skipLibCheck: false,
  esModuleInterop: true,
  types: ["node"],
};

/** A marked line of {@link WRONG}: where tsc must report which code. */
export interface ExpectedError {
  line: number;
  code: string;
}

/** The lines of `src/wrong.ts` that must fail, read from their `// error TSnnnn` markers. */
export const EXPECTED_ERRORS: ExpectedError[] = WRONG.split("\n").flatMap((text, index) => {
  const marker = /\/\/ error (TS\d+)$/.exec(text);
  return marker?.[1] ? [{ line: index + 1, code: marker[1] }] : [];
});

/** The TypeScript consumer's files (besides package.json), by path inside the project. */
export const TS_CONSUMER_FILES: Record<string, string> = {
  "src/app.ts": APP,
  "src/app.mts": APP,
  "src/wrong.ts": WRONG,
  // One tsc run per resolution mode checks the app and the mistakes together, and must report
  // exactly the marked errors: any error in app.ts/app.mts is one too many.
  // nodenext: app.ts is CommonJS (the project has no "type"), app.mts is ESM.
  "tsconfig.json": json({
    compilerOptions: { ...COMPILER_OPTIONS, module: "nodenext", moduleResolution: "nodenext" },
    files: ["src/app.ts", "src/app.mts", "src/wrong.ts"],
  }),
  "tsconfig.bundler.json": json({
    compilerOptions: { ...COMPILER_OPTIONS, module: "esnext", moduleResolution: "bundler" },
    files: ["src/app.ts", "src/wrong.ts"],
  }),
};

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

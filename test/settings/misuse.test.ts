// Issue #16, items 8 and 13: the common ways of calling the factory wrong name the fix.
import { expect } from "chai";
import pg from "pg";
import {
  createPasswordResetRouter,
  PasswordResetConfigError,
  type PasswordResetOptions,
} from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { EXPRESS_VERSIONS } from "../helpers/app.js";
import { post } from "../helpers/client.js";
import { FakeUsers } from "../helpers/users.js";

const base = (): PasswordResetOptions => ({
  users: new FakeUsers(),
  mailer: new CapturingMailer(),
  resetUrl: "https://app.example.com/reset",
});
const construct = (options: unknown) => () => createPasswordResetRouter(options as PasswordResetOptions);

describe("misuse named at construction", () => {
  it("positional arguments (a UserAdapter where the options belong) name the options object", () => {
    expect(construct(new FakeUsers())).to.throw(
      PasswordResetConfigError,
      /looks like a UserAdapter.*\{ users, mailer, resetUrl \}/,
    );
  });

  it("a database client, or an empty object, as `tokenStore` says what to pass instead", async () => {
    const pool = new pg.Pool({ host: "127.0.0.1", max: 1 });
    try {
      for (const tokenStore of [{}, pool]) {
        expect(construct({ ...base(), tokenStore })).to.throw(
          PasswordResetConfigError,
          /PostgresTokenStore.*RedisTokenStore/,
        );
      }
    } finally {
      await pool.end();
    }
  });

  it("a second factor without its verify, or with a stray key, names what is missing", () => {
    const required = () => true;
    expect(construct({ ...base(), accounts: { secondFactor: { required } } })).to.throw(
      PasswordResetConfigError,
      /accounts\.secondFactor\.verify.*must be a function.*verify\(\{ user, answer, req \}\)/,
    );
    expect(construct({ ...base(), accounts: { secondFactor: true } })).to.throw(
      PasswordResetConfigError,
      /accounts\.secondFactor.*\{ required\(\{ user \}\), verify/,
    );
    expect(
      construct({ ...base(), accounts: { secondFactor: { required, verify: required, verfy: required } } }),
    ).to.throw(PasswordResetConfigError, /accounts\.secondFactor\.verfy.*Did you mean `verify`/);
  });

  for (const version of EXPRESS_VERSIONS) {
    it(`the factory mounted uncalled fails its first request naming the fix (${version.name})`, async () => {
      const app = version.create();
      app.use("/auth/password", createPasswordResetRouter as unknown as Parameters<typeof app.use>[1]);
      let failure: unknown;
      app.use(
        (error: unknown, _req: unknown, res: { status(code: number): { end(): void } }, _next: unknown) => {
          failure = error;
          res.status(500).end();
        },
      );
      expect((await post(app, "forgot", { email: "a@b.test" })).status).to.equal(500);
      expect(failure).to.be.instanceOf(PasswordResetConfigError);
      expect(String(failure)).to.match(/mounted uncalled.*createPasswordResetRouter\(\{/);
    });
  }
});

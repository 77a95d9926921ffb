// Construction-time checks: bad options fail at once, naming the option and the fix.
import { expect } from "chai";
import {
  createPasswordResetRouter,
  PasswordResetConfigError,
  type PasswordResetOptions,
} from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { FakeUsers } from "../helpers/users.js";

const base = (): PasswordResetOptions => ({
  users: new FakeUsers(),
  mailer: new CapturingMailer(),
  resetUrl: "https://app.example.com/reset",
});

function construct(options: unknown): () => unknown {
  return () => {
    const router = createPasswordResetRouter(options as PasswordResetOptions);
    void router.close();
  };
}

describe("options", () => {
  it("builds a router from the three required options", async () => {
    const router = createPasswordResetRouter(base());
    expect(router).to.be.a("function");
    expect(router.drain).to.be.a("function");
    await router.close();
  });

  it("requires users, naming the option", () => {
    const { users: _users, ...rest } = base();
    expect(construct(rest)).to.throw(PasswordResetConfigError, /`users` is required/);
  });

  it("requires users.findUser and users.updatePassword to be functions", () => {
    expect(construct({ ...base(), users: { findUser: () => null } })).to.throw(
      /`users.updatePassword` must be a function/,
    );
  });

  it("requires resetUrl when links can be emailed, with an example of the fix", () => {
    const { resetUrl: _url, ...rest } = base();
    expect(construct(rest)).to.throw(/`resetUrl` is required: .*https:\/\//);
  });

  it("refuses a relative or non-http resetUrl", () => {
    expect(construct({ ...base(), resetUrl: "/reset" })).to.throw(/`resetUrl` must be an absolute URL/);
    expect(construct({ ...base(), resetUrl: "javascript:alert(1)" })).to.throw(/`resetUrl` must be an http/);
  });

  it("requires a mailer for email identifiers and an sms sender for mobile", () => {
    const { mailer: _m, ...rest } = base();
    expect(construct(rest)).to.throw(/`mailer` is required/);
    expect(construct({ ...base(), identifiers: ["email", "mobile"] })).to.throw(/`sms` is required/);
  });

  it("refuses an accounts.namespace that is empty, not a string, too long or holds a / or a space", async () => {
    for (const namespace of ["", 7, "a".repeat(65), "staff/eu", "staff eu", "ståff", null]) {
      expect(construct({ ...base(), accounts: { namespace } }), String(namespace)).to.throw(
        PasswordResetConfigError,
        /`accounts.namespace` must be 1 to 64 letters, digits, "\.", "_" or "-" .*e\.g\. "customers" or "staff"/,
      );
    }
    for (const namespace of ["default", "staff", "eu-west.customers_2", "a".repeat(64)]) {
      const router = createPasswordResetRouter({ ...base(), accounts: { namespace } });
      await router.close();
    }
  });

  it("reports unknown keys with a did-you-mean", () => {
    const { resetUrl, ...rest } = base();
    expect(construct({ ...rest, resetURL: resetUrl })).to.throw(
      /`resetURL` is not an option\. Did you mean `resetUrl`\?/,
    );
    expect(construct({ ...base(), linkTtlSecond: 60 })).to.throw(/Did you mean `linkTtlSeconds`\?/);
    expect(construct({ ...base(), password: { minLenght: 10 } })).to.throw(
      /`password.minLenght`.*`minLength`/,
    );
    expect(construct({ ...base(), rateLimit: { forgotPerIP: false } })).to.throw(
      /Did you mean `forgotPerIp`\?/,
    );
  });

  it("names the option other libraries' spellings stand for: `store` → `tokenStore`, `userAdapter` → `users`", () => {
    const { users, ...rest } = base();
    expect(construct({ ...base(), store: {} })).to.throw(
      /`store` is not an option\. Did you mean `tokenStore`\?/,
    );
    expect(construct({ ...rest, userAdapter: users })).to.throw(
      /`userAdapter` is not an option\. Did you mean `users`\?/,
    );
    expect(construct({ ...base(), pages: { signinUrl: "https://app.example.com/" } })).to.throw(
      /`pages\.signinUrl` is not an option\. Did you mean `signInUrl`\?/,
    );
  });

  it("refuses wrong types and out-of-range numbers", () => {
    expect(construct({ ...base(), linkTtlSeconds: "3600" })).to.throw(/`linkTtlSeconds` must be an integer/);
    expect(construct({ ...base(), codeLength: 2 })).to.throw(/`codeLength` must be an integer from 4/);
    expect(construct({ ...base(), identifiers: ["email", "fax"] })).to.throw(
      /`identifiers` has an unknown type "fax"/,
    );
    expect(construct({ ...base(), identifiers: ["email", "phon"] })).to.throw(/Did you mean `mobile`\?/);
    expect(construct({ ...base(), revealUnknownUser: "yes" })).to.throw(
      /`revealUnknownUser` must be true or false/,
    );
    expect(construct({ ...base(), onEvent: "log" })).to.throw(/`onEvent` must be a function/);
    expect(construct({ ...base(), paths: { forgot: "forgot" } })).to.throw(
      /`paths.forgot` must be a path starting with "\/"/,
    );
    expect(construct({ ...base(), paths: { forgot: "/x", reset: "/x" } })).to.throw(
      /each route its own path/,
    );
    expect(construct({ ...base(), allowedRedirectOrigins: ["https://a.example.com/path"] })).to.throw(
      /bare origins/,
    );
    expect(construct({ ...base(), tokenStore: { issue() {} } })).to.throw(
      /`tokenStore.find` must be a function/,
    );
    expect(construct({ ...base(), secret: "short" })).to.throw(
      /`secret` must be a string of at least 32 bytes/,
    );
  });

  it("treats undefined as the default for every option", async () => {
    const router = createPasswordResetRouter({
      ...base(),
      identifiers: undefined,
      linkTtlSeconds: undefined,
      rateLimit: undefined,
      password: { minLength: undefined },
      paths: { forgot: undefined },
      onEvent: undefined,
    });
    await router.close();
  });

  it("never mutates the caller's options object", async () => {
    const options = {
      ...base(),
      password: { minLength: 10 },
      paths: { forgot: "/Forgot-Password/" },
      rateLimit: { forgotPerIp: false as const },
      identifiers: ["email" as const],
    };
    const snapshot = JSON.stringify(options);
    const frozen = Object.freeze({ ...options, password: Object.freeze(options.password) });
    const router = createPasswordResetRouter(frozen);
    await router.close();
    expect(JSON.stringify(options)).to.equal(snapshot);
  });
});

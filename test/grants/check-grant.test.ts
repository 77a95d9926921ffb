// Check without spending (`checkGrant`): the same answers as a claim, the same guess budget, and
// the secret still works afterwards.
import { expect } from "chai";
import type { Request } from "express";
import type { Credential } from "../../lib/requests/types.js";
import { checkGrant } from "../../lib/grants/claim.js";
import { forgot } from "../../lib/flows/forgot.js";
import { reset } from "../../lib/flows/reset.js";
import type { Flow } from "../../lib/flows/flow.js";
import { newScope, runSteps } from "../../lib/http/pipeline.js";
import { RequestError } from "../../lib/errors.js";
import { createRuntime, type Runtime } from "../../lib/runtime.js";
import { resolveSettings } from "../../lib/settings/resolve.js";
import { CapturingMailer, CapturingSmsSender } from "../../lib/testing/index.js";
import type { PasswordResetOptions, RouteName } from "../../lib/types.js";
import { FAST_HASH } from "../helpers/app.js";
import { testClock } from "../helpers/clock.js";
import { FakeUsers } from "../helpers/users.js";

const PASSWORD = "correct horse battery staple";
const REQUEST = { ip: "203.0.113.9", headers: {}, socket: {} } as unknown as Request;

describe("checkGrant: check without spending", () => {
  let runtime: Runtime;
  const clock = testClock();
  const mailer = new CapturingMailer();
  const sms = new CapturingSmsSender();
  const users = new FakeUsers();

  function start(options: Partial<PasswordResetOptions> = {}): void {
    runtime = createRuntime(
      resolveSettings({
        users,
        mailer,
        sms,
        identifiers: ["email", "mobile"],
        resetUrl: "https://app.example.com/auth/password/reset",
        hashPassword: FAST_HASH,
        rateLimit: false,
        now: clock.fn,
        secret: "x".repeat(32),
        ...options,
      }),
    );
  }
  afterEach(() => runtime?.close());

  const run = async <R extends RouteName>(route: R, body: Record<string, unknown>, flow: Flow<R>) => {
    const result = await runSteps(newScope(runtime, route, REQUEST), REQUEST, body, flow);
    await result.afterResponse?.();
  };
  const check = (credential: Credential) => checkGrant(newScope(runtime, "verify", REQUEST), credential);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => "valid",
      (error: unknown) => (error instanceof RequestError ? error.type : String(error)),
    );
  const link = (token: string): Credential => ({ kind: "link", token, identifier: null });
  const code = (value: string): Credential => ({
    kind: "code",
    code: value,
    identifier: { type: "mobile", value: "+14155550100", field: "mobile" },
  });

  it("answers valid for a live link as often as asked, and the link still resets", async () => {
    start();
    await run("forgot", { email: "alice@example.com" }, forgot);
    const token = mailer.lastToken() as string;
    for (let i = 0; i < 2; i++) {
      const checked = await check(link(token));
      expect(checked).to.deep.include({ valid: true, kind: "link" });
      // The grant, with the identifier the link was asked for by (the hosted reset page shows it, masked).
      expect(checked.grant.identifier).to.deep.equal({ type: "email", value: "alice@example.com" });
    }
    await run("reset", { token, password: PASSWORD, passwordConfirm: PASSWORD }, reset);
    expect(await refusal(check(link(token)))).to.equal("INVALID_TOKEN"); // used
    expect(await refusal(check(link("bogus.token")))).to.equal("INVALID_TOKEN"); // unknown
  });

  it("answers TOKEN_EXPIRED for an expired link, as a claim does", async () => {
    start();
    await run("forgot", { email: "alice@example.com" }, forgot);
    const token = mailer.lastToken() as string;
    clock.now += 2 * 3600 * 1000;
    expect(await refusal(check(link(token)))).to.equal("TOKEN_EXPIRED");
  });

  it("counts wrong codes against the same guess budget as verify and reset", async () => {
    start({ maxCodeAttempts: 3 });
    await run("forgot", { mobile: "+14155550100" }, forgot);
    const right = sms.last?.code as string;
    const wrong = right === "000000" ? "111111" : "000000";
    expect(await check(code(right))).to.deep.include({ valid: true, kind: "code" }); // nothing spent
    for (let i = 0; i < 3; i++) expect(await refusal(check(code(wrong)))).to.equal("INVALID_TOKEN");
    // The budget is spent: the right code no longer works, checked or claimed.
    expect(await refusal(check(code(right)))).to.equal("INVALID_TOKEN");
    const body = { mobile: "+14155550100", code: right, password: PASSWORD, passwordConfirm: PASSWORD };
    expect(await refusal(run("reset", body, reset))).to.equal("INVALID_TOKEN");
  });

  it("leaves a right code usable after the check", async () => {
    start();
    await run("forgot", { mobile: "+14155550100" }, forgot);
    const right = sms.last?.code as string;
    await check(code(right));
    const updates = users.updates.length;
    await run(
      "reset",
      { mobile: "+14155550100", code: right, password: PASSWORD, passwordConfirm: PASSWORD },
      reset,
    );
    expect(users.updates.length).to.equal(updates + 1);
  });
});

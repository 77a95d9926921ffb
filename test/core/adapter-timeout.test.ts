// The adapter time limit (lib/timeout.ts): calls of one duration share one deadline queue and one
// timer. What an app would notice: a hung call still fails with AdapterTimeoutError, one that
// settled never fails later, calls cut off in the order they started, and once nothing is pending
// no timer of the package keeps a finished script (a `sendResetLink` from a CLI) running.
import { expect } from "chai";
import { AdapterTimeoutError, withTimeout } from "../../lib/timeout.js";

const never = () => new Promise<never>(() => {});
const refTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("adapter time limit (one shared deadline queue)", () => {
  it("a call that settles in time answers its value and is never cut off afterwards", async () => {
    const value = await withTimeout("users.findUser", 30, async () => "row");
    expect(value).to.equal("row");
    await sleep(60); // past its deadline: nothing may reject now (mocha would report it)
  });

  it("hung calls fail with AdapterTimeoutError, each once, in the order they started", async () => {
    const order: string[] = [];
    const calls = ["first", "second", "third"].map((name) =>
      withTimeout(name, 40, never).catch((error: unknown) => {
        order.push(name);
        return error;
      }),
    );
    const settled = withTimeout("settles", 40, async () => "ok");
    const errors = await Promise.all(calls);
    expect(order).to.deep.equal(["first", "second", "third"]);
    for (const error of errors) expect(error).to.be.instanceOf(AdapterTimeoutError);
    expect(await settled).to.equal("ok");
  });

  it("a call started later than an armed deadline still gets its own full time", async () => {
    const early = withTimeout("early", 50, never).catch(() => "cut");
    await sleep(30);
    let lateDone = false;
    const late = withTimeout("late", 50, never).catch(() => {
      lateDone = true;
      return "cut";
    });
    expect(await early).to.equal("cut");
    expect(lateDone).to.equal(false); // not cut with the earlier one
    expect(await late).to.equal("cut");
  });

  it("a cancellable call's signal is aborted at its deadline", async () => {
    let signal: AbortSignal | undefined;
    const call = withTimeout(
      "hashPassword",
      20,
      (given) => {
        signal = given;
        return never();
      },
      true,
    );
    await call.catch(() => {});
    expect(signal?.aborted).to.equal(true);
  });

  it("its timer holds the process open only while a call is pending", async () => {
    const ms = 4_321; // a duration no other test uses: a queue of its own
    await sleep(0); // mocha's own timer for this test is set once it has returned its promise
    const before = refTimers();
    let finish: (value: string) => void = () => {};
    const pending = withTimeout(
      "users.findUser",
      ms,
      () => new Promise<string>((resolve) => (finish = resolve)),
    );
    await sleep(0);
    expect(refTimers()).to.equal(before + 1); // a hung adapter is still cut off, not abandoned
    finish("row");
    expect(await pending).to.equal("row");
    expect(refTimers()).to.equal(before); // nothing pending: a finished script may exit
    expect(await withTimeout("tokenStore.issue", ms, async () => "done")).to.equal("done");
    expect(refTimers()).to.equal(before);
    // A new hung call on the idle (still armed) timer holds the process again.
    const again = withTimeout("mailer", ms, () => new Promise<string>((resolve) => (finish = resolve)));
    await sleep(0); // the call itself starts a microtask later
    expect(refTimers()).to.equal(before + 1);
    finish("sent");
    expect(await again).to.equal("sent");
    expect(refTimers()).to.equal(before);
  });
});

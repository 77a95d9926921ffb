// ConsoleSmsSender, the development SmsSender: the code it prints through the logger is the one
// that resets the password.
import { expect } from "chai";
import { ConsoleMailer, ConsoleSmsSender } from "../../lib/index.js";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { post, reset } from "../helpers/client.js";
import { expectOk, expectPassword } from "../helpers/expect.js";
import { ALICE } from "../helpers/fixtures.js";

function recordingLogger() {
  const info: string[] = [];
  const warn: string[] = [];
  return { info, warn, logger: { info: (m: string) => info.push(m), warn: (m: string) => warn.push(m) } };
}

describe("ConsoleSmsSender", () => {
  const saved = process.env.NODE_ENV;
  afterEach(() => {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  });

  it("prints the number and the code through the logger's info", async () => {
    process.env.NODE_ENV = "development";
    const { info, warn, logger } = recordingLogger();
    await new ConsoleSmsSender({ logger }).sendPasswordResetCode({
      to: "+14155550100",
      user: { id: "u1" },
      code: "048213",
      expiresAt: new Date(Date.UTC(2026, 0, 1, 0, 15)),
    });
    expect(info).to.have.length(1);
    expect(info[0]).to.include("+14155550100").and.include("048213").and.include("2026-01-01T00:15:00.000Z");
    expect(warn).to.deep.equal([]);
  });

  it("warns once in production that it prints secrets", async () => {
    process.env.NODE_ENV = "production";
    const { info, warn, logger } = recordingLogger();
    const sender = new ConsoleSmsSender({ logger });
    for (const code of ["111111", "222222"]) {
      await sender.sendPasswordResetCode({
        to: "+14155550100",
        user: { id: "u1" },
        code,
        expiresAt: new Date(),
      });
    }
    expect(info).to.have.length(2);
    expect(warn).to.have.length(1);
    expect(warn[0]).to.include("ConsoleSmsSender");
  });

  for (const version of EXPRESS_VERSIONS) {
    it(`as the router's sms, prints the code that resets the password (${version.name})`, async () => {
      process.env.NODE_ENV = "development";
      const { info, logger } = recordingLogger();
      const t = createTestApp(version, { identifiers: ["mobile"], sms: new ConsoleSmsSender({ logger }) });
      try {
        await post(t.app, "forgot", { mobile: "+1 (415) 555-0100" }).expect(200);
        await t.router.drain();
        expect(info).to.have.length(1);
        expect(info[0]).to.include(`to ${ALICE.mobile}`);
        const code = /code: (\d{6})\b/.exec(info[0] ?? "")?.[1];
        expect(code, info[0]).to.be.a("string");
        expectOk(await reset(t, { mobile: ALICE.mobile, code }, "new-password-1"));
        await expectPassword(t, ALICE.id, "new-password-1");
      } finally {
        await t.router.close();
      }
    });
  }
});

describe("console senders: the notice's report link", () => {
  it('ConsoleMailer and ConsoleSmsSender print the "this wasn\'t me" link with the notice', async () => {
    const { info, logger } = recordingLogger();
    const message = {
      to: "+14155550100",
      user: { id: "u1" },
      changedAt: new Date(Date.UTC(2026, 0, 1)),
      reportLink: "https://app.example.com/auth/password/report?token=abc.def",
    };
    await new ConsoleSmsSender({ logger }).sendPasswordChanged(message);
    await new ConsoleMailer({ logger }).sendPasswordChanged({ ...message, to: "alice@example.com" });
    expect(info).to.have.length(2);
    for (const line of info)
      expect(line).to.include("not you? https://app.example.com/auth/password/report?token=abc.def");
    expect(info[0]).to.include("[password changed sms] to +14155550100");
  });
});

describe("ConsoleMailer", () => {
  it('prints the link and the code of a "link+code" mail, on one line', async () => {
    const info: string[] = [];
    const logger = { info: (m: string) => info.push(m), warn: () => undefined };
    const mailer = new ConsoleMailer({ logger });
    const expiresAt = new Date(Date.UTC(2026, 0, 1, 0, 15));
    const user = { id: "u1" };
    await mailer.sendPasswordReset({
      to: "a@example.com",
      user,
      link: "https://x.test/r?token=t",
      code: "048213",
      expiresAt,
    });
    await mailer.sendPasswordReset({
      to: "a@example.com",
      user,
      link: "https://x.test/r?token=u",
      expiresAt,
    });
    await mailer.sendPasswordReset({ to: "a@example.com", user, code: "111111", expiresAt });
    expect(info[0]).to.include("link: https://x.test/r?token=t").and.include("code: 048213");
    expect(info[1]).to.include("link: https://x.test/r?token=u").and.not.include("code:");
    expect(info[2]).to.include("code: 111111").and.not.include("link:");
  });
});

// examples/production, started as its README says (`tsx examples/production/server.ts`) against the
// real PostgreSQL, in a schema of its own (its tables are `users` and `password_reset_tokens`, as an
// app names them; the connection's search_path makes them this run's), with mail going to an SMTP
// server on loopback. The walk: forgot on the hosted page with the address typed in another case →
// the mailed link → the hosted page → a new password → the hash changed in the table → an email
// change revokes a link still outstanding. Then the proxy's client addresses, and the shutdown.
import path from "node:path";
import { expect } from "chai";
import pg from "pg";
import request from "supertest";
import { ConfigError, readConfig } from "../../examples/production/config.js";
import { verifyPassword } from "../../lib/index.js";
import { startExample, type ExampleProcess } from "../helpers/example-process.js";
import { askForLinkOnPage, openLinkOnPage, resetOnPage } from "../helpers/page-forms.js";
import { requireService, services, uniqueName } from "../helpers/services.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

const SERVER = path.resolve(__dirname, "../../examples/production/server.ts");
const SECRET = "a shared secret of at least 32 bytes, for this test";
const STORED_EMAIL = "Ada.Lovelace@Example.com"; // as the example seeds it
const NEW_PASSWORD = "a long and fresh passphrase";

/** The example's environment: only what its README lists, plus PATH for the child's own needs. */
function exampleEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, NODE_ENV: "production", PORT: "0", ...extra };
}

describe("examples/production: the configuration", () => {
  it("refuses to start without PASSWORD_RESET_SECRET, saying how to make one", async () => {
    const example = startExample(SERVER, [], exampleEnv({}));
    expect(await example.exited()).to.equal(1);
    expect(example.output).to.include("PASSWORD_RESET_SECRET is not set");
    expect(example.output).to.include("openssl rand -hex 32");
    expect(example.output).not.to.include("listening");
  });

  it("refuses to start in production without an https PUBLIC_URL: the pages' cookies must be Secure", async () => {
    const example = startExample(SERVER, [], exampleEnv({ PASSWORD_RESET_SECRET: SECRET }));
    expect(await example.exited()).to.equal(1);
    expect(example.output).to.include("PUBLIC_URL must be the https origin users reach");
    expect(example.output).not.to.include("listening");
    expect(() =>
      readConfig({
        NODE_ENV: "production",
        PASSWORD_RESET_SECRET: SECRET,
        PUBLIC_URL: "http://localhost:3000",
      }),
    ).to.throw(ConfigError, /PUBLIC_URL must be the https origin/);
    expect(readConfig({ PASSWORD_RESET_SECRET: SECRET }).publicUrl).to.equal(undefined); // a local trial
  });

  it("refuses a secret shorter than 32 bytes, and a PUBLIC_URL that is not an origin", () => {
    expect(() => readConfig({ PASSWORD_RESET_SECRET: "too short" })).to.throw(
      ConfigError,
      /shorter than 32 bytes/,
    );
    expect(() =>
      readConfig({ PASSWORD_RESET_SECRET: SECRET, PUBLIC_URL: "https://app.example.com/x" }),
    ).to.throw(ConfigError, /PUBLIC_URL must be the origin/);
    expect(
      readConfig({ PASSWORD_RESET_SECRET: SECRET, PUBLIC_URL: "https://app.example.com/" }).publicUrl,
    ).to.equal("https://app.example.com");
  });
});

describe("examples/production against PostgreSQL and an SMTP server", function () {
  let schema = "";
  let pool: pg.Pool | undefined;
  let sink: SmtpSink | undefined;
  let example: ExampleProcess | undefined;
  let origin = "";

  before(async function () {
    await requireService(this, "postgres");
    schema = uniqueName("production_example");
    pool = new pg.Pool({ ...services.postgres, options: `-c search_path=${schema}` });
    await pool.query(`CREATE SCHEMA ${schema}`);
    sink = await startSmtpSink();
    const { host, port, user, database } = services.postgres;
    const password = services.postgres.password === undefined ? "" : `:${services.postgres.password}`;
    const searchPath = encodeURIComponent(`-c search_path=${schema}`);
    example = startExample(
      SERVER,
      [],
      exampleEnv({
        DATABASE_URL: `postgres://${user}${password}@${host}:${port}/${database}?options=${searchPath}`,
        PASSWORD_RESET_SECRET: SECRET,
        // The address users reach through the proxy (this test talks to the server itself).
        PUBLIC_URL: "https://app.example.test",
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        MAIL_FROM: "Example app <no-reply@example.com>",
      }),
    );
    const [, url] = await example.printed(/listening on (http:\/\/localhost:\d+)/);
    // The server listens on 127.0.0.1; `localhost` may resolve to ::1 first on this machine.
    origin = url!.replace("localhost", "127.0.0.1");
  });

  after(async () => {
    await example?.stop();
    await sink?.close();
    await pool?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool?.end();
  });

  const passwordHash = async () =>
    (
      await pool!.query<{ password_hash: string }>(
        "SELECT password_hash FROM users WHERE lower(email) = $1",
        [STORED_EMAIL.toLowerCase()],
      )
    ).rows[0]?.password_hash;

  /** The link in the next mail, checked to go to the stored address. */
  async function nextLink(to = STORED_EMAIL): Promise<string> {
    const mail = await sink!.next();
    // The stored local part (the request typed `ADA.lovelace`); nodemailer lower-cases the domain,
    // which is case-insensitive.
    const [local = "", domain = ""] = to.split("@");
    expect(mail.recipients).to.deep.equal([`${local}@${domain.toLowerCase()}`]);
    const link = /https?:\/\/\S+\/auth\/password\/reset\?token=\S+/.exec(mail.parsed.text ?? "")?.[0];
    if (link === undefined) throw new Error(`no link in the mail:\n${mail.parsed.text}`);
    return link;
  }

  it("resets on the hosted pages from a mailed link, and an email change revokes the next link", async () => {
    const before = await passwordHash();
    expect(before, "the seeded account").to.match(/^\$2[aby]\$/);

    // Typed in another case than stored: found by lower(email), mailed to the stored address.
    const sent = await askForLinkOnPage(origin, "/auth/password/forgot", "ADA.lovelace@example.COM");
    expect(sent.text).to.include("Check your inbox");
    const link = await nextLink();

    const success = await resetOnPage(origin, link, NEW_PASSWORD);
    expect(success.text).to.include("Password changed");
    const after = await passwordHash();
    expect(after).to.not.equal(before);
    expect(await verifyPassword(NEW_PASSWORD, after!)).to.equal(true);
    const notice = await sink!.next();
    // No reset token: only the "this wasn't me" link, to the hosted report page.
    expect(notice.parsed.text).to.include("was changed").and.not.include("/reset?token=");
    expect(notice.parsed.text).to.match(/\/auth\/password\/report\?token=[\w-]+\.[\w-]+/);

    // A second link, then the user changes their address: the link mailed to the old one dies.
    await request(origin)
      .post("/auth/password/forgot")
      .send({ email: "ada.lovelace@example.com" })
      .expect(200);
    const outstanding = await nextLink();
    const change = { email: "ada.lovelace@example.com", newEmail: "Ada@Analytical.Engine.example" };
    await request(origin)
      .post("/account/email")
      .send({ ...change, password: "not the password" })
      .expect(401);
    expect((await openLinkOnPage(origin, outstanding)).text).to.include("Choose a new password");
    await request(origin)
      .post("/account/email")
      .send({ ...change, password: NEW_PASSWORD })
      .expect(200, { changed: true });
    const emails = await pool!.query<{ email: string }>("SELECT email FROM users");
    expect(emails.rows).to.deep.equal([{ email: "Ada@Analytical.Engine.example" }]);
    expect((await openLinkOnPage(origin, outstanding)).text).to.include("This link can’t be used");
  });

  it("counts the per-IP limit by the client address the proxy forwards", async () => {
    const forgot = (ip: string, n: number) =>
      request(origin)
        .post("/auth/password/forgot")
        .set("X-Forwarded-For", ip)
        .send({ email: `nobody${n}@example.com` });
    for (let n = 0; n < 20; n++) await forgot("203.0.113.7", n).expect(200);
    const refused = await forgot("203.0.113.7", 20).expect(429);
    expect(Number(refused.headers["retry-after"])).to.be.within(1, 900);
    await forgot("203.0.113.8", 21).expect(200); // another client behind the same proxy
  });

  it("shuts down on SIGTERM: closes the router, the store and the pool, and exits 0", async () => {
    example!.child.kill("SIGTERM");
    expect(await example!.exited()).to.equal(0);
    expect(example!.output).to.include("SIGTERM: shutting down").and.include("closed");
  });
});

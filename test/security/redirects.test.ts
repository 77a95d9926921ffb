// Open redirects and link poisoning. A redirect URL rides in the emailed link, so an accepted
// `//evil.com` would send the user, fresh from resetting, to a phishing page on the strength of
// a mail from the real site. And a link built from the request's Host header is how reset tokens
// get mailed to an attacker's server (host header poisoning); the link must come from `resetUrl`,
// which in production must be https: unless its host is loopback.
import { expect } from "chai";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { post } from "../helpers/client.js";
import { expectFieldError } from "../helpers/expect.js";
import { createPasswordResetRouter, PasswordResetConfigError } from "../../lib/index.js";
import { CapturingMailer } from "../../lib/testing/index.js";
import { SECRET } from "../helpers/fixtures.js";
import { FakeUsers } from "../helpers/users.js";

const RESET_URL = "https://app.example.com/reset-password";

const REFUSED = [
  "//evil.com",
  "///evil.com",
  "////evil.com/x",
  "https://good.com@evil.com",
  "https://good.com:pass@evil.com/",
  "https://user@good.com/",
  "https://good.com.evil.com",
  "https://good.com%2F@evil.com",
  "https://evil.com\\@good.com",
  "https:\\\\evil.com",
  "https:/\\evil.com",
  "https:evil.com",
  "https:/evil.com",
  "https://evil.com/https://good.com",
  "https://evil.com?r=https://good.com",
  "https://evil.com#https://good.com",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(document.domain)//https://good.com",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "http://good.com",
  "http://good.com/after",
  "https://good.com:8443",
  "https://good.com:8443/after",
  "https://good.com./",
  "ftp://good.com/",
  "/dashboard",
  "dashboard",
  "./after",
  "?next=/",
  "#after",
  "https://xn--gd-ooa.com/", // an IDN look-alike is another origin
  "",
];

for (const version of EXPRESS_VERSIONS) {
  describe(`security: redirects and the reset link (${version.name})`, () => {
    const app = () => createTestApp(version, { allowedRedirectOrigins: ["https://good.com"] });

    for (const field of ["redirectUrl", "redirect_url"] as const) {
      it(`accepts \`${field}\` on an allowed origin and carries it in the link as redirect=`, async () => {
        const t = app();
        const target = "https://good.com/after-reset?tab=security#top";
        const res = await post(t.app, "forgot", { email: "alice@example.com", [field]: target });
        expect(res.status, res.text).to.equal(200);
        await t.router.drain();
        const link = new URL(t.mailer.last?.link ?? "");
        expect(link.origin + link.pathname).to.equal(RESET_URL);
        expect(link.searchParams.get("redirect")).to.equal(target);
        expect(t.mailer.last?.redirectUrl).to.equal(target);
        await t.router.close();
      });

      for (const [form, make] of [
        ["a list", app],
        // The same refusals when the origins are a function of the tenant (tenants.ts asks it).
        [
          "a function",
          () => createTestApp(version, { delivery: { allowedRedirectOrigins: () => ["https://good.com"] } }),
        ],
      ] as const) {
        it(`refuses \`${field}\` values that leave the allowed origin (${REFUSED.length} tricks) with a 400 naming it, origins as ${form}`, async () => {
          const t = make();
          for (const target of REFUSED) {
            const res = await post(t.app, "forgot", { email: "alice@example.com", [field]: target });
            expectFieldError(res, field);
          }
          await t.router.drain();
          // Refused before anything happened: no lookup, no mail carrying the bad redirect.
          expect(t.users.lookups).to.deep.equal([]);
          expect(t.mailer.resets).to.deep.equal([]);
          await t.router.close();
        });
      }
    }

    it("refuses every redirect when no origin is allowed (the default)", async () => {
      const t = createTestApp(version);
      expectFieldError(
        await post(t.app, "forgot", { email: "alice@example.com", redirectUrl: "https://good.com/" }),
        "redirectUrl",
      );
      await t.router.close();
    });

    it("refuses sending both redirectUrl and redirect_url", async () => {
      const t = app();
      const res = await post(t.app, "forgot", {
        email: "alice@example.com",
        redirectUrl: "https://good.com/a",
        redirect_url: "https://good.com/b",
      });
      expectFieldError(res, "redirect_url");
      await t.router.close();
    });

    for (const trustProxy of [false, true]) {
      it(`builds the link from resetUrl, never from Host, X-Forwarded-Host or Forwarded (trust proxy ${trustProxy ? "on" : "off"})`, async () => {
        const t = createTestApp(version);
        t.app.set("trust proxy", trustProxy);
        const poisoned: Array<Record<string, string>> = [
          { Host: "evil.com" },
          { "X-Forwarded-Host": "evil.com", "X-Forwarded-Proto": "http" },
          { Forwarded: "for=203.0.113.1;host=evil.com;proto=http" },
          {
            Host: "evil.com:8080",
            "X-Forwarded-Host": "evil.com",
            Forwarded: "host=evil.com",
            "X-Host": "evil.com",
          },
        ];
        for (const headers of poisoned) {
          const req = post(t.app, "forgot", { email: "alice@example.com" });
          for (const [name, value] of Object.entries(headers)) req.set(name, value);
          expect((await req).status).to.equal(200);
        }
        await t.router.drain();
        expect(t.mailer.resets).to.have.length(poisoned.length);
        for (const message of t.mailer.resets) {
          const link = new URL(message.link ?? "");
          expect(link.origin).to.equal("https://app.example.com");
          expect(link.pathname).to.equal("/reset-password");
          expect(message.link).not.to.include("evil.com");
        }
        await t.router.close();
      });
    }
  });
}

describe("security: an http: resetUrl is refused in production, unless its host is loopback", () => {
  const saved = process.env.NODE_ENV;
  beforeEach(() => {
    process.env.NODE_ENV = "production";
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  });
  const routerWith = (resetUrl: string) =>
    createPasswordResetRouter({
      users: new FakeUsers(),
      mailer: new CapturingMailer(),
      resetUrl,
      secret: SECRET,
      logger: { warn: () => {}, error: () => {} },
    });

  for (const url of [
    "http://app.example.com/reset",
    "http://localhost.example.com/reset",
    "http://10.0.0.1/reset",
  ]) {
    it(`throws for ${url}, naming \`resetUrl\``, () => {
      expect(() => routerWith(url))
        .to.throw(PasswordResetConfigError)
        .with.property("message")
        .that.matches(/resetUrl/);
    });
  }

  for (const url of [
    "http://localhost:3000/reset",
    "http://127.0.0.1/reset",
    "http://[::1]:8080/reset",
    "https://app.example.com/reset",
  ]) {
    it(`accepts ${url}`, async () => {
      const router = routerWith(url);
      await router.close();
    });
  }

  it("with pages on, throws even for a loopback host, naming the fix: the pages' cookies would lose Secure", () => {
    for (const url of ["http://localhost:3000/auth/password/reset", "http://127.0.0.1/auth/password/reset"]) {
      const build = () =>
        createPasswordResetRouter({
          users: new FakeUsers(),
          mailer: new CapturingMailer(),
          resetUrl: url,
          pages: true,
          secret: SECRET,
          logger: { warn: () => {}, error: () => {} },
        });
      expect(build, url)
        .to.throw(PasswordResetConfigError)
        .with.property("message")
        .that.includes("`resetUrl`")
        .and.includes("Secure")
        .and.includes("https://");
    }
  });

  it("accepts http://app.example.com outside production", async () => {
    process.env.NODE_ENV = "development";
    const router = routerWith("http://app.example.com/reset");
    await router.close();
  });
});

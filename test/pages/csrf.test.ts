import { expect } from "chai";
import { createCsrf, type Csrf, type CsrfCheck } from "../../lib/pages/csrf.js";

const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

describe("pages: CSRF defence", () => {
  let now: number;
  let csrf: Csrf;
  let cookie: string;
  let token: string;

  beforeEach(() => {
    now = Date.UTC(2026, 0, 1);
    csrf = createCsrf({
      secrets: "router-secret",
      secure: false,
      mountPath: "/auth/password",
      now: () => now,
    });
    const issued = csrf.issue(undefined, "reset");
    cookie = /^epr-csrf=([^;]+)/.exec(issued.setCookie ?? "")?.[1] ?? "";
    token = issued.token;
  });

  const check = (overrides: Partial<CsrfCheck> = {}) =>
    csrf.verify({ token, cookieValue: cookie, purpose: "reset", headers: SAME_ORIGIN, ...overrides });

  it("accepts its own form posted from the same origin", () => {
    expect(check()).to.equal(true);
  });

  it("accepts the token alone when the browser sends no Sec-Fetch-Site", () => {
    expect(check({ headers: {} })).to.equal(true);
  });

  it("refuses a post from a sibling (same-site) or another site, even with a valid token", () => {
    expect(check({ headers: { "sec-fetch-site": "same-site" } })).to.equal(false);
    expect(check({ headers: { "sec-fetch-site": "cross-site" } })).to.equal(false);
    expect(check({ headers: { "sec-fetch-site": "none" } })).to.equal(false);
  });

  it("refuses a missing, empty, malformed or non-string token", () => {
    for (const bad of [undefined, "", "x", `${token}x`, ["a", "b"], 42]) {
      expect(check({ token: bad }), String(bad)).to.equal(false);
    }
  });

  it("refuses a token without its cookie, or with another browser's cookie", () => {
    expect(check({ cookieValue: undefined })).to.equal(false);
    const other = /^epr-csrf=([^;]+)/.exec(csrf.issue(undefined, "reset").setCookie ?? "")?.[1];
    expect(other).to.be.a("string").and.not.equal(cookie);
    expect(check({ cookieValue: other })).to.equal(false);
  });

  it("refuses a token minted for another form", () => {
    const forgotToken = csrf.issue(cookie, "forgot").token;
    expect(check({ token: forgotToken })).to.equal(false);
    expect(check({ token: forgotToken, purpose: "forgot" })).to.equal(true);
  });

  it("refuses an expired token", () => {
    now += 2 * 60 * 60 * 1000 - 1000;
    expect(check()).to.equal(true);
    now += 2000;
    expect(check()).to.equal(false);
  });

  it("refuses a token signed under another secret, and verifies under a rotated-out one", () => {
    const stranger = createCsrf({ secrets: "another-secret", secure: false, now: () => now });
    expect(check({ token: stranger.issue(cookie, "reset").token })).to.equal(false);
    const rotated = createCsrf({ secrets: ["new-secret", "router-secret"], secure: false, now: () => now });
    expect(rotated.verify({ token, cookieValue: cookie, purpose: "reset", headers: SAME_ORIGIN })).to.equal(
      true,
    );
  });

  it("reuses a well-formed cookie and replaces a forged one", () => {
    expect(csrf.issue(cookie, "reset").setCookie).to.equal(undefined);
    expect(csrf.issue("short", "reset").setCookie).to.match(/^epr-csrf=/);
  });

  it("replaces a value of the right shape it did not mint, and keeps one minted under a rotated-out secret", () => {
    const [random = ""] = cookie.split(".");
    for (const chosen of [
      "A".repeat(43),
      `${random}.${"A".repeat(43)}`,
      `${"B".repeat(43)}.${cookie.split(".")[1]}`,
    ]) {
      const issued = csrf.issue(chosen, "reset");
      expect(issued.setCookie, chosen).to.match(/^epr-csrf=/);
      expect(issued.value).not.to.equal(chosen);
      expect(check({ cookieValue: chosen, token: csrf.issue(chosen, "reset").token }), chosen).to.equal(
        false,
      );
    }
    const rotated = createCsrf({ secrets: ["new-secret", "router-secret"], secure: false, now: () => now });
    expect(rotated.issue(cookie, "reset").setCookie).to.equal(undefined);
  });

  it("sets an HttpOnly cookie on the mount path over http, a __Host- cookie over https", () => {
    const plain = csrf.issue(undefined, "forgot").setCookie ?? "";
    expect(plain)
      .to.match(/HttpOnly/)
      .and.match(/Path=\/auth\/password/)
      .and.match(/SameSite=Lax/);
    expect(plain).not.to.match(/Secure/);
    const secure = createCsrf({ secrets: "s", secure: true, mountPath: "/auth/password" }).issue(
      undefined,
      "forgot",
    ).setCookie;
    expect(secure)
      .to.match(/^__Host-epr-csrf=/)
      .and.match(/Path=\/;/)
      .and.match(/Secure/);
  });

  it("needs a secret", () => {
    expect(() => createCsrf({ secrets: [], secure: false })).to.throw(TypeError, /secret/);
    expect(() => createCsrf({ secrets: "", secure: false })).to.throw(TypeError, /secret/);
  });
});

import { expect } from "chai";
import { mountPathOf, pageCookies } from "../../lib/pages/cookies.js";

/** The `name=value` of a Set-Cookie, as a browser would send it back. */
const back = (setCookie: string) => setCookie.split(";")[0] ?? "";

/** A browser's CSRF cookie value, which its hand-off is tied to. */
const BROWSER = "the-browser's-csrf-cookie-value";
const SECRETS = ["router-secret"];

describe("pages: hand-off and flash cookies", () => {
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now;
  const https = pageCookies({
    resetUrl: "https://app.example.com/auth/password/reset",
    resetPath: "/reset",
    secrets: SECRETS,
    now: clock,
  });
  const http = pageCookies({
    resetUrl: "http://127.0.0.1:3000/auth/password/reset",
    resetPath: "/reset",
    handoffSeconds: 300,
    secrets: SECRETS,
    now: clock,
  });
  const until = (seconds: number) => Math.floor(now / 1000) + seconds;

  it("keeps the token in a short-lived HttpOnly, SameSite=Lax cookie on the reset page's path", () => {
    const set = https.setHandoff({ token: "tok.en_-1", redirect: "https://app.example.com/x" }, BROWSER);
    expect(set).to.match(/^__Secure-epr-reset=/);
    expect(set).to.include("HttpOnly").and.include("Secure").and.include("SameSite=Lax");
    expect(set).to.include("Path=/auth/password/reset").and.include("Max-Age=600");
    expect(set).not.to.include("SameSite=Strict");
    expect(https.readHandoff(back(set), BROWSER)).to.deep.equal({
      found: "own",
      handoff: { token: "tok.en_-1", redirect: "https://app.example.com/x" },
      until: until(600),
    });
  });

  it("is not Secure over http, and lives as long as asked", () => {
    const set = http.setHandoff({ token: "t" }, BROWSER);
    expect(set)
      .to.match(/^epr-reset=/)
      .and.include("Max-Age=300");
    expect(set).not.to.include("Secure");
    expect(http.readHandoff(`other=1; ${back(set)}`, BROWSER)).to.deep.include({ handoff: { token: "t" } });
  });

  it("is tied to the browser's CSRF cookie: another browser's, or none, finds it elsewhere", () => {
    const set = back(https.setHandoff({ token: "t", account: "a•••@example.com" }, BROWSER));
    expect(https.readHandoff(set, "another-browser")).to.deep.equal({ found: "elsewhere" });
    expect(https.readHandoff(set, undefined)).to.deep.equal({ found: "elsewhere" });
    const [name = "", value = ""] = set.split("=");
    const [payload = "", mac = ""] = value.split(".");
    const forged = Buffer.from(JSON.stringify({ token: "t", account: "x", until: until(600) })).toString(
      "base64url",
    );
    expect(https.readHandoff(`${name}=${forged}.${mac}`, BROWSER)).to.deep.equal({ found: "elsewhere" });
    expect(https.readHandoff(`${name}=${payload}`, BROWSER)).to.deep.equal({ found: "elsewhere" });
    // Of two, the one tied to this browser, wherever it stands.
    const other = back(https.setHandoff({ token: "theirs" }, "another-browser"));
    expect(https.readHandoff(`${other}; ${set}`, BROWSER)).to.deep.include({
      handoff: { token: "t", account: "a•••@example.com" },
    });
    expect(https.readHandoff("unrelated=1", BROWSER)).to.deep.equal({ found: "none" });
  });

  it("reads a hand-off tied under a rotated-out secret, and none past its end", () => {
    const set = back(https.setHandoff({ token: "t" }, BROWSER));
    const rotated = pageCookies({
      resetUrl: "https://app.example.com/auth/password/reset",
      resetPath: "/reset",
      secrets: ["new-secret", ...SECRETS],
      now: clock,
    });
    expect(rotated.readHandoff(set, BROWSER)).to.deep.include({ found: "own" });
    const stranger = pageCookies({
      resetUrl: "https://app.example.com/auth/password/reset",
      resetPath: "/reset",
      secrets: ["new-secret"],
      now: clock,
    });
    expect(stranger.readHandoff(set, BROWSER)).to.deep.equal({ found: "elsewhere" });
    // Stored again with its end kept: the cookie lives only what is left.
    now += 100_000;
    expect(https.setHandoff({ token: "t", account: "a" }, BROWSER, until(500))).to.include("Max-Age=500");
    now += 600_000;
    expect(https.readHandoff(set, BROWSER)).to.deep.equal({ found: "elsewhere" });
  });

  it("clears the hand-off with an expired cookie on the same path", () => {
    const clear = https.clearHandoff();
    expect(clear).to.include("Max-Age=0").and.include("Path=/auth/password/reset");
  });

  it("takes no missing, forged or oversized hand-off", () => {
    expect(https.readHandoff(undefined, BROWSER)).to.deep.equal({ found: "none" });
    const wrongShape = Buffer.from(JSON.stringify({ token: 5 })).toString("base64url");
    for (const bad of ["not json!", wrongShape, "A".repeat(4000)]) {
      expect(https.readHandoff(`__Secure-epr-reset=${bad}`, BROWSER), bad).to.deep.equal({
        found: "elsewhere",
      });
    }
  });

  it("carries a post/redirect/get outcome on the mount path for a minute", () => {
    const set = https.setFlash({ page: "sent", channel: "mobile" });
    expect(set).to.include("Path=/auth/password;").and.include("Max-Age=60");
    expect(https.readFlash(back(set))).to.deep.equal({ page: "sent", channel: "mobile" });
    const done = https.setFlash({ page: "success" });
    expect(https.readFlash(back(done))).to.deep.equal({ page: "success" });
    const odd = Buffer.from(JSON.stringify({ page: "sent", channel: "pigeon" })).toString("base64url");
    expect(https.readFlash(`__Secure-epr-flash=${odd}`)).to.equal(undefined);
  });

  it("finds the mount path from resetUrl and paths.reset", () => {
    expect(https.mountPath).to.equal("/auth/password");
    expect(mountPathOf("/reset", "/reset")).to.equal("/");
    expect(mountPathOf("/a/b/reset-password", "/reset")).to.equal("/a/b");
  });

  it("refuses a resetUrl that is not http(s)", () => {
    expect(() => pageCookies({ resetUrl: "ftp://x/reset", resetPath: "/reset", secrets: SECRETS })).to.throw(
      TypeError,
    );
    expect(() => pageCookies({ resetUrl: "/reset", resetPath: "/reset", secrets: SECRETS })).to.throw(
      TypeError,
      /absolute/,
    );
  });
});

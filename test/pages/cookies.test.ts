import { expect } from "chai";
import { mountPathOf, pageCookies } from "../../lib/pages/cookies.js";

/** The `name=value` of a Set-Cookie, as a browser would send it back. */
const back = (setCookie: string) => setCookie.split(";")[0] ?? "";

describe("pages: hand-off and flash cookies", () => {
  const https = pageCookies({ resetUrl: "https://app.example.com/auth/password/reset", resetPath: "/reset" });
  const http = pageCookies({
    resetUrl: "http://127.0.0.1:3000/auth/password/reset",
    resetPath: "/reset",
    handoffSeconds: 300,
  });

  it("keeps the token in a short-lived HttpOnly, SameSite=Lax cookie on the reset page's path", () => {
    const set = https.setHandoff({ token: "tok.en_-1", redirect: "https://app.example.com/x" });
    expect(set).to.match(/^__Secure-epr-reset=/);
    expect(set).to.include("HttpOnly").and.include("Secure").and.include("SameSite=Lax");
    expect(set).to.include("Path=/auth/password/reset").and.include("Max-Age=600");
    expect(set).not.to.include("SameSite=Strict");
    expect(https.readHandoff(back(set))).to.deep.equal({
      token: "tok.en_-1",
      redirect: "https://app.example.com/x",
    });
  });

  it("is not Secure over http, and lives as long as asked", () => {
    const set = http.setHandoff({ token: "t" });
    expect(set)
      .to.match(/^epr-reset=/)
      .and.include("Max-Age=300");
    expect(set).not.to.include("Secure");
    expect(http.readHandoff(`other=1; ${back(set)}`)).to.deep.equal({ token: "t" });
  });

  it("clears the hand-off with an expired cookie on the same path", () => {
    const clear = https.clearHandoff();
    expect(clear).to.include("Max-Age=0").and.include("Path=/auth/password/reset");
  });

  it("ignores a missing, forged or oversized hand-off", () => {
    expect(https.readHandoff(undefined)).to.equal(undefined);
    expect(https.readHandoff("__Secure-epr-reset=not json!")).to.equal(undefined);
    const wrongShape = Buffer.from(JSON.stringify({ token: 5 })).toString("base64url");
    expect(https.readHandoff(`__Secure-epr-reset=${wrongShape}`)).to.equal(undefined);
    expect(https.readHandoff(`__Secure-epr-reset=${"A".repeat(4000)}`)).to.equal(undefined);
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
    expect(() => pageCookies({ resetUrl: "ftp://x/reset", resetPath: "/reset" })).to.throw(TypeError);
    expect(() => pageCookies({ resetUrl: "/reset", resetPath: "/reset" })).to.throw(TypeError, /absolute/);
  });
});

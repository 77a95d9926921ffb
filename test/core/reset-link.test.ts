// The emailed link of a `resetUrl` string (lib/links.ts): `token` (and `redirect`) in its query,
// exactly as URL's own query encoding writes them, whether the link is built by appending to the
// base (a base without query or fragment, a token of base64url and `.`) or through `URL`.
import { expect } from "chai";
import { createLinkBuilder } from "../../lib/links.js";
import { createLinkToken } from "../../lib/tokens.js";
import { deriveRealm } from "../../lib/realm.js";

const realm = deriveRealm({ secrets: ["a-secret-of-at-least-32-characters!!"], namespace: "default" });
const user = { id: "1", email: "alice@example.com" };

function viaUrl(base: string, token: string, redirectUrl?: string): string {
  const link = new URL(base);
  link.searchParams.set("token", token);
  if (redirectUrl !== undefined) link.searchParams.set("redirect", redirectUrl);
  return link.href;
}

describe("reset links from a resetUrl string", () => {
  const bases = [
    "https://app.example.com/reset-password",
    "https://app.example.com",
    "https://app.example.com/reset/",
    "https://app.example.com/reset?lang=en",
    "https://app.example.com/reset#form",
    "https://APP.example.com:443/r%C3%A9set",
  ];
  const tokens = [
    createLinkToken(realm).token,
    createLinkToken(realm).token,
    "abc_-.XYZ",
    "a b&c=d",
    "é/?#",
    "a&b",
    "a~b",
    "a+b",
  ];
  for (const base of bases) {
    it(`${base}: the link URL's own encoding gives, for every token, with and without a redirect`, async () => {
      const build = createLinkBuilder({ kind: "url", base });
      for (const token of tokens) {
        expect(await build({ token, user })).to.equal(viaUrl(base, token));
        const redirectUrl = "https://app.example.com/after?x=1&y=2";
        expect(await build({ token, user, redirectUrl })).to.equal(viaUrl(base, token, redirectUrl));
      }
    });
  }
});

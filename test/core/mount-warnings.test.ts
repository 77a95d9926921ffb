// Where the router meets the app's setup, a mistake that answers success while the router misbehaves
// is said once, in the log, naming the fix. Behind a proxy with `trust proxy` off, every client
// shares the proxy's address and per-IP limits refuse the 21st user in 15 minutes.
import { expect } from "chai";
import { createTestApp, EXPRESS_VERSIONS } from "../helpers/app.js";
import { post, postFrom } from "../helpers/client.js";
import { ALICE } from "../helpers/fixtures.js";

const TRUST_PROXY_HINT = 'app.set("trust proxy"';

for (const version of EXPRESS_VERSIONS) {
  describe(`setup warnings: X-Forwarded-For and trust proxy (${version.name})`, () => {
    it('X-Forwarded-For arriving while trust proxy is off is warned about once, naming app.set("trust proxy", …)', async () => {
      const t = createTestApp(version);
      await postFrom(t.app, "203.0.113.7", "forgot", { email: ALICE.email });
      await postFrom(t.app, "203.0.113.8", "forgot", { email: ALICE.email });
      await t.router.drain();
      const warnings = t.logs.filter((line) => line.includes(TRUST_PROXY_HINT));
      expect(warnings, t.logs.join("\n")).to.have.length(1);
      expect(warnings[0])
        .to.match(/^warn: /)
        .and.to.include("X-Forwarded-For");
      expect(warnings[0]).to.include("Running behind a proxy");
      await t.router.close();
    });

    it("says nothing when trust proxy is set, or when no X-Forwarded-For arrives", async () => {
      const trusting = createTestApp(version);
      trusting.app.set("trust proxy", 1);
      await postFrom(trusting.app, "203.0.113.7", "forgot", { email: ALICE.email });
      const direct = createTestApp(version);
      await post(direct.app, "forgot", { email: ALICE.email });
      for (const t of [trusting, direct]) {
        await t.router.drain();
        expect(t.logs.filter((line) => line.includes(TRUST_PROXY_HINT))).to.deep.equal([]);
        await t.router.close();
      }
    });
  });
}

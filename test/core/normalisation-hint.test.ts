// Issue #16, item 1: emails are normalised before `findUser`; a table keeping the typed case and
// compared with `=` never matches. Outside production the router says so, once, naming no address.
import { expect } from "chai";
import { EXPRESS_VERSIONS, createTestApp } from "../helpers/app.js";
import { forgot } from "../helpers/client.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`normalisation hint (${version.name})`, () => {
    it("logs once when a lookup by a normalised value finds nobody, without the address", async () => {
      const t = createTestApp(version);
      await forgot(t, { email: "Nobody.Here@Example.COM" });
      await forgot(t, { email: "Someone.Else@Example.COM" });
      await t.router.drain();
      const hints = t.logs.filter((line) => line.includes("case-insensitively"));
      expect(hints).to.have.length(1);
      expect(hints[0]).to.not.match(/nobody|someone|example\.com/i);
    });

    it("says nothing when normalisation changed nothing, or in production", async () => {
      const t = createTestApp(version);
      await forgot(t, { email: "nobody@example.com" });
      await t.router.drain();
      expect(t.logs.filter((line) => line.includes("case-insensitively"))).to.deep.equal([]);

      const previous = process.env.NODE_ENV;
      process.env.NODE_ENV = "production";
      try {
        const p = createTestApp(version, { secret: "production-secret-0123456789abcdef-0123456789" });
        await forgot(p, { email: "Nobody.Here@Example.COM" });
        await p.router.drain();
        expect(p.logs.filter((line) => line.includes("case-insensitively"))).to.deep.equal([]);
      } finally {
        if (previous === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = previous;
      }
    });
  });
}

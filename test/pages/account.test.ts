// The account a reset page names, masked: its owner recognises it, a visitor sent to someone
// else's link sees it is not theirs, a screenshot does not give the address away.
import { expect } from "chai";
import { resolveLocales, SHIPPED_LOCALES, type LocaleCatalog } from "../../lib/pages/messages/index.js";
import { maskAccount } from "../../lib/pages/render/account.js";
import { renderPage } from "../../lib/pages/render/index.js";
import { pageContext } from "./context.js";

describe("pages: the account a reset page names", () => {
  it("masks an email's local part, a number's digits but the last two, a username's middle", () => {
    expect(maskAccount({ type: "email", value: "alice@example.com" })).to.equal("a•••@example.com");
    expect(maskAccount({ type: "email", value: "a@example.com" })).to.equal("a•••@example.com");
    expect(maskAccount({ type: "email", value: "élodie@exemple.fr" })).to.equal("é•••@exemple.fr");
    expect(maskAccount({ type: "mobile", value: "+14155550100" })).to.equal("+•••••••••00");
    expect(maskAccount({ type: "mobile", value: "+447700900123" })).to.equal("+••••••••••23");
    expect(maskAccount({ type: "username", value: "alice" })).to.equal("a•••e");
    expect(maskAccount({ type: "username", value: "bob" })).to.equal("b•••");
    expect(maskAccount({ type: "username", value: "😀user😀" })).to.equal("😀•••😀");
  });

  it("shows it above the form in every shipped language, escaped, and not without it", () => {
    const locales = resolveLocales();
    for (const tag of Object.keys(SHIPPED_LOCALES)) {
      const locale = locales.byTag.get(tag) as LocaleCatalog;
      const context = pageContext({ locale });
      const html = renderPage({ name: "reset", minLength: 8, account: "<b>•••@example.com" }, context);
      expect(html, tag).to.include("&lt;b&gt;•••@example.com").and.not.include("<b>•••");
      const line = locale.messages.resetAccount.replace("{account}", "&lt;b&gt;•••@example.com");
      expect(html, tag).to.include(line);
      expect(renderPage({ name: "reset", minLength: 8 }, context), tag).not.to.include("•••");
    }
  });

  it("explains, in every shipped language, a link's cookie this browser did not get from the link", () => {
    const locales = resolveLocales();
    const bodies = new Set<string>();
    for (const tag of Object.keys(SHIPPED_LOCALES)) {
      const locale = locales.byTag.get(tag) as LocaleCatalog;
      const html = renderPage({ name: "invalid", reason: "elsewhere" }, pageContext({ locale }));
      expect(html, tag)
        .to.include(locale.messages.invalidElsewhereBody)
        .and.include(locale.messages.invalidTitle);
      expect(html, tag).not.to.include(locale.messages.invalidBody);
      bodies.add(locale.messages.invalidElsewhereBody);
    }
    expect(bodies.size).to.equal(5);
  });
});

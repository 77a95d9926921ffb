import { expect } from "chai";
import { en } from "../../lib/pages/messages/en.js";
import { resolveLocales, SHIPPED_LOCALES, t } from "../../lib/pages/messages/index.js";
import { negotiateLocale } from "../../lib/pages/negotiate.js";
import { renderPage } from "../../lib/pages/render/index.js";
import { pageContext } from "./context.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("pages: languages", () => {
  const locales = resolveLocales();
  const pick = (header: string | undefined) => negotiateLocale(header, locales).tag;

  it("ships en, es, fr, de and pt, each complete, translated and with the same placeholders", () => {
    expect(Object.keys(SHIPPED_LOCALES).sort()).to.deep.equal(["de", "en", "es", "fr", "pt"]);
    for (const [tag, catalog] of Object.entries(SHIPPED_LOCALES)) {
      expect(Object.keys(catalog.messages).sort(), tag).to.deep.equal(Object.keys(en.messages).sort());
      for (const [key, text] of Object.entries(catalog.messages)) {
        expect(text, `${tag}.${key}`).to.be.a("string").and.not.equal("");
        expect(placeholders(text), `${tag}.${key}`).to.deep.equal(
          placeholders(en.messages[key as keyof typeof en.messages]),
        );
      }
      expect(catalog.dir).to.equal("ltr");
      if (tag !== "en") expect(catalog.messages.resetTitle, tag).not.to.equal(en.messages.resetTitle);
    }
  });

  it("follows Accept-Language, with quality values and regional variants", () => {
    expect(pick("fr-CH, fr;q=0.9, en;q=0.8")).to.equal("fr");
    expect(pick("pt-BR")).to.equal("pt");
    expect(pick("de;q=0.2, es;q=0.7")).to.equal("es");
    expect(pick("ja, zh-CN;q=0.9, de;q=0.1")).to.equal("de");
  });

  it("falls back to English for none, an unknown language, or a malformed header", () => {
    expect(pick(undefined)).to.equal("en");
    expect(pick("")).to.equal("en");
    expect(pick("ja")).to.equal("en");
    expect(pick(";;;q=,,,")).to.equal("en");
    expect(pick("x".repeat(100_000))).to.equal("en");
  });

  it("lets the app override any string of any locale, the rest staying shipped", () => {
    const custom = resolveLocales({
      messages: { fr: { resetTitle: "Nouveau mot de passe" }, en: { successSignIn: "Log in" } },
    });
    const fr = negotiateLocale("fr", custom);
    expect(fr.messages.resetTitle).to.equal("Nouveau mot de passe");
    expect(fr.messages.forgotTitle).to.equal(SHIPPED_LOCALES.fr?.messages.forgotTitle);
    const html = renderPage({ name: "reset", minLength: 8 }, pageContext({ locale: fr }));
    expect(html).to.include("<h1>Nouveau mot de passe</h1>").and.include(`<html lang="fr" dir="ltr">`);
    expect(negotiateLocale("en", custom).messages.successSignIn).to.equal("Log in");
  });

  it("adds a locale, English where it is incomplete, right-to-left for an RTL language", () => {
    const custom = resolveLocales({
      messages: {
        it: { resetTitle: "Scegli una nuova password" },
        ar: { resetTitle: "اختر كلمة مرور جديدة" },
      },
    });
    const it = negotiateLocale("it-IT", custom);
    expect(it.tag).to.equal("it");
    expect(it.messages.resetTitle).to.equal("Scegli una nuova password");
    expect(it.messages.forgotTitle).to.equal(en.messages.forgotTitle);
    const ar = negotiateLocale("ar", custom);
    expect(ar.dir).to.equal("rtl");
    expect(renderPage({ name: "invalid" }, pageContext({ locale: ar }))).to.include(
      `<html lang="ar" dir="rtl">`,
    );
  });

  it("uses the app's default locale when the browser matches none", () => {
    expect(negotiateLocale("ja", resolveLocales({ defaultLocale: "de" })).tag).to.equal("de");
    expect(() => resolveLocales({ defaultLocale: "ja" })).to.throw(TypeError, /pages\.defaultLocale/);
  });

  it("reports a misspelt key, a non-string and a bad tag at construction", () => {
    expect(() => resolveLocales({ messages: { en: { resetTitel: "x" } as never } })).to.throw(
      TypeError,
      /resetTitel/,
    );
    expect(() => resolveLocales({ messages: { en: { resetTitle: 5 } as never } })).to.throw(
      TypeError,
      /must be a string/,
    );
    expect(() => resolveLocales({ messages: { "not a tag!": {} } })).to.throw(TypeError, /BCP 47/);
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(t(en.messages, "passwordHint", { min: 12 })).to.equal("At least 12 characters.");
    expect(t({ ...en.messages, passwordHint: "{min}+{other}" }, "passwordHint", { min: 3 })).to.equal(
      "3+{other}",
    );
  });

  it("does not change the caller's options", () => {
    const options = { messages: { en: { resetTitle: "X" } } };
    const copy = JSON.parse(JSON.stringify(options));
    resolveLocales(options);
    expect(options).to.deep.equal(copy);
  });
});

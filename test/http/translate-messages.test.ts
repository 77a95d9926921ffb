// `http.translateMessages`: the JSON API's error messages in the language the request's
// Accept-Language prefers, on opt-in only. Off (the default), every message is 0.2's English
// whatever the header; on, the type and the field stay as they were, so clients keep matching.
import { expect } from "chai";
import request from "supertest";
import { createTestApp, EXPRESS_VERSIONS } from "../helpers/app.js";
import { BASE, requestLink } from "../helpers/client.js";
import { expectError } from "../helpers/expect.js";

for (const version of EXPRESS_VERSIONS) {
  describe(`http.translateMessages (${version.name})`, () => {
    const badToken = (app: Parameters<typeof request>[0], acceptLanguage: string) =>
      request(app).post(`${BASE}/reset`).set("Accept-Language", acceptLanguage).send({
        token: "no-such-token.at-all",
        password: "correct horse battery",
        passwordConfirm: "correct horse battery",
      });

    it("off by default: an error is 0.2's English whatever Accept-Language says", async () => {
      const t = createTestApp(version);
      const res = await badToken(t.app, "de");
      expectError(res, "INVALID_TOKEN");
      expect(res.body.error.message).to.equal("The reset token or code is invalid or has already been used.");
      expect(res.headers["content-language"]).to.equal(undefined);
    });

    it("on: the error in the request's language, its type unchanged, Content-Language set", async () => {
      const t = createTestApp(version, { http: { translateMessages: true } });
      const german = await badToken(t.app, "de-CH,de;q=0.9,en;q=0.5");
      expectError(german, "INVALID_TOKEN");
      expect(german.body.error.message).to.equal(
        "Der Link oder Code ist ungültig oder wurde schon verwendet.",
      );
      expect(german.headers["content-language"]).to.equal("de");

      const english = await badToken(t.app, "en-GB");
      expect(english.body.error.message).to.equal(
        "The reset token or code is invalid or has already been used.",
      );
      expect(english.headers["content-language"]).to.equal(undefined);
      const unknown = await badToken(t.app, "ja");
      expect(unknown.body.error.message).to.equal(
        "The reset token or code is invalid or has already been used.",
      );
    });

    it("on: field messages a user can cause are translated, the field's name kept as sent", async () => {
      const t = createTestApp(version, { http: { translateMessages: true } });
      const res = await request(t.app)
        .post(`${BASE}/forgot`)
        .set("Accept-Language", "fr")
        .send({ email: "not-an-address" });
      expectError(res, "VALIDATION_ERROR");
      expect(res.body.error.details).to.deep.equal([
        { field: "email", message: "email doit être une adresse e-mail valide" },
      ]);
      expect(res.body.error.message).to.equal("email doit être une adresse e-mail valide");

      const token = await requestLink(t);
      const common = await request(t.app)
        .post(`${BASE}/reset`)
        .set("Accept-Language", "es")
        .send({ token, password: "Password1!", passwordConfirm: "Password1!" });
      expectError(common, "VALIDATION_ERROR");
      expect(common.body.error.message).to.equal(
        "Esta contraseña es demasiado común; elige una más difícil de adivinar",
      );
    });

    it("on: formatResponse sees the translated message", async () => {
      const seen: string[] = [];
      const t = createTestApp(version, {
        http: {
          translateMessages: true,
          formatResponse: ({ outcome }) => {
            seen.push(outcome.error?.message ?? "");
            return { body: { ok: outcome.success } };
          },
        },
      });
      await badToken(t.app, "pt-BR");
      expect(seen).to.deep.equal(["O link ou o código é inválido ou já foi usado."]);
    });

    it("refuses a value that is not a boolean at construction", () => {
      expect(() =>
        createTestApp(version, { http: { translateMessages: "de" as unknown as boolean } }),
      ).to.throw(/http\.translateMessages.*must be true or false/);
    });
  });
}

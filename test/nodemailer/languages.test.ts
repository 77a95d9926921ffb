// Mail in the reader's language, over real SMTP: the router chooses the language from the user
// row's `locale`, else from the Accept-Language of the request that caused the message, and the
// nodemailer mailer writes the reset message and the notice in it; one string can be changed,
// and a language the app adds is chosen like a shipped one.
import { expect } from "chai";
import request from "supertest";
import { createPasswordResetRouter, type PasswordResetOptions } from "../../lib/index.js";
import { createNodemailerMailer, type NodemailerMailerOptions } from "../../lib/nodemailer.js";
import { EXPRESS_VERSIONS, FAST_HASHER } from "../helpers/app.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";
import { DEFAULT_USERS, FakeUsers } from "../helpers/users.js";

const RESET_URL = "https://app.acme.test/reset";
const PASSWORD = "correct horse battery staple";

function linkIn(text: string | undefined): string {
  const link = text?.split("\n").find((line) => line.startsWith(`${RESET_URL}?`));
  if (!link) throw new Error(`no reset link in the message:\n${text ?? ""}`);
  return link;
}

for (const version of EXPRESS_VERSIONS) {
  describe(`nodemailer mailer: the reader's language (${version.name})`, () => {
    let sink: SmtpSink;
    let logs: string[];

    beforeEach(async () => {
      sink = await startSmtpSink();
      logs = [];
    });
    afterEach(() => sink.close());

    function setup(
      rows: { locale?: unknown } = {},
      mail: Partial<NodemailerMailerOptions> = {},
      options: Partial<PasswordResetOptions> = {},
    ) {
      const users = new FakeUsers(
        DEFAULT_USERS.map((user) => ({ ...user, ...rows }) as (typeof DEFAULT_USERS)[0]),
      );
      const router = createPasswordResetRouter({
        users,
        mailer: createNodemailerMailer({
          transport: sink.transport,
          from: "Acme <no-reply@acme.test>",
          appName: "Acme",
          ...mail,
        }),
        resetUrl: RESET_URL,
        rateLimit: false,
        password: { hasher: FAST_HASHER },
        logger: { warn: (line) => logs.push(line), error: (line) => logs.push(line) },
        ...options,
      });
      const app = version.create();
      app.use("/auth/password", router);
      return { app, router };
    }

    async function forgotIn(app: ReturnType<typeof setup>["app"], acceptLanguage?: string) {
      const post = request(app).post("/auth/password/forgot");
      if (acceptLanguage !== undefined) post.set("Accept-Language", acceptLanguage);
      const res = await post.send({ email: "alice@example.com" });
      expect(res.status).to.equal(200);
    }

    it("a forgot sent with Accept-Language: de mails German, in the subject, text and HTML", async () => {
      const { app, router } = setup();
      await forgotIn(app, "de-DE,de;q=0.9,en;q=0.5");
      await router.drain();
      const { parsed } = await sink.next();
      expect(parsed.subject).to.equal("Ihr Acme-Passwort zurücksetzen");
      expect(parsed.text).to.match(/^Hallo Alice,\n/);
      expect(parsed.text).to.include("Der Link läuft in 1 Stunde ab und gilt nur einmal.");
      const html = parsed.html as string;
      expect(html).to.match(/<html lang="de" dir="ltr">/);
      expect(html).to.include(">Neues Passwort festlegen</a>");
      expect(html).not.to.include("Choose a new password");
      await router.close();
    });

    it('a row with locale "fr" mails French even when the request asks for German (the row wins)', async () => {
      const { app, router } = setup({ locale: "fr" });
      await forgotIn(app, "de");
      await router.drain();
      const resetMail = await sink.next();
      expect(resetMail.parsed.subject).to.equal("Réinitialisez votre mot de passe Acme");
      expect(resetMail.parsed.text).to.include(
        "Le lien expire dans 1\u00a0heure et ne fonctionne qu’une seule fois.",
      );
      expect(resetMail.parsed.html).to.match(/<html lang="fr"/);

      // The notice that follows the reset is French too, whatever the resetting browser reads.
      const token = new URL(linkIn(resetMail.parsed.text)).searchParams.get("token");
      const reset = await request(app)
        .post("/auth/password/reset")
        .set("Accept-Language", "de")
        .send({ token, password: PASSWORD, passwordConfirm: PASSWORD });
      expect(reset.status).to.equal(200);
      await router.drain();
      const notice = await sink.next();
      expect(notice.parsed.subject).to.equal("Le mot de passe de votre compte Acme a été modifié");
      expect(notice.parsed.text).to.match(/a été modifié le \d{1,2} \p{L}+ \d{4}/u);
      await router.close();
    });

    it("the notice follows the Accept-Language of the reset when the row has no locale", async () => {
      const { app, router } = setup();
      await forgotIn(app);
      await router.drain();
      const resetMail = await sink.next();
      expect(resetMail.parsed.subject).to.equal("Reset your Acme password");
      const token = new URL(linkIn(resetMail.parsed.text)).searchParams.get("token");
      await request(app)
        .post("/auth/password/reset")
        .set("Accept-Language", "es-MX,es;q=0.8")
        .send({ token, password: PASSWORD, passwordConfirm: PASSWORD })
        .expect(200);
      await router.drain();
      const notice = await sink.next();
      expect(notice.parsed.subject).to.equal("Se cambió tu contraseña de Acme");
      expect(notice.parsed.html).to.match(/<html lang="es"/);
      await router.close();
    });

    it("a row's regional tag takes its language (pt-BR → Portuguese); an invalid one falls back to the header and is logged once", async () => {
      const regional = setup({ locale: "pt-BR" });
      await forgotIn(regional.app, "de");
      await regional.router.drain();
      expect((await sink.next()).parsed.subject).to.equal("Redefina a sua senha do Acme");
      await regional.router.close();

      const invalid = setup({ locale: "not a language!" });
      await forgotIn(invalid.app, "de");
      await forgotIn(invalid.app, "de");
      await invalid.router.drain();
      expect((await sink.next()).parsed.subject).to.equal("Ihr Acme-Passwort zurücksetzen");
      expect((await sink.next()).parsed.subject).to.equal("Ihr Acme-Passwort zurücksetzen");
      expect(logs.filter((line) => line.includes("`locale` is not a BCP 47 language tag"))).to.have.length(1);
      await invalid.router.close();
    });

    it("overriding one string changes that string only, in that language", async () => {
      const { app, router } = setup({}, { messages: { de: { linkButton: "Jetzt ändern" } } });
      await forgotIn(app, "de");
      await router.drain();
      await forgotIn(app, "en");
      await router.drain();
      const german = (await sink.next()).parsed.html as string;
      expect(german).to.include(">Jetzt ändern</a>");
      expect(german).to.include("Der Link läuft in 1 Stunde ab");
      expect((await sink.next()).parsed.html).to.include(">Choose a new password</a>");
      await router.close();
    });

    it("a language the app adds is chosen from Accept-Language like a shipped one, English filling its gaps", async () => {
      const { app, router } = setup(
        {},
        {
          messages: {
            it: {
              resetLinkSubject: "Reimposta la password di {appName}",
              linkButton: "Scegli una nuova password",
            },
          },
        },
      );
      await forgotIn(app, "it-IT,it;q=0.9,de;q=0.5");
      await router.drain();
      const { parsed } = await sink.next();
      expect(parsed.subject).to.equal("Reimposta la password di Acme");
      expect(parsed.html).to.include(">Scegli una nuova password</a>");
      expect(parsed.html).to.match(/<html lang="it"/);
      expect(parsed.text).to.include("The link expires in 1 ora and works only once.");
      await router.close();
    });

    it("with no Accept-Language and no row locale, mails in `lang`", async () => {
      const { app, router } = setup({}, { lang: "pt-BR" });
      await forgotIn(app);
      await router.drain();
      expect((await sink.next()).parsed.subject).to.equal("Redefina a sua senha do Acme");
      await router.close();
    });
  });
}

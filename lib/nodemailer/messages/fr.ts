/** French strings of the default mail (« vous », with the narrow no-break spaces of French typography). */
import type { MailCatalog } from "./types.js";

/** French (`fr`). */
export const fr: MailCatalog = {
  tag: "fr",
  dir: "ltr",
  messages: {
    resetLinkSubject: "Réinitialisez votre mot de passe {appName}",
    resetLinkSubjectNoApp: "Réinitialisez votre mot de passe",
    resetCodeSubject: "Votre code de réinitialisation du mot de passe {appName}",
    resetCodeSubjectNoApp: "Votre code de réinitialisation du mot de passe",
    greeting: "Bonjour {name},",
    greetingNoName: "Bonjour,",
    resetIntro:
      "Nous avons reçu une demande de réinitialisation du mot de passe de votre compte {appName} ({email}).",
    resetIntroNoApp:
      "Nous avons reçu une demande de réinitialisation du mot de passe de votre compte ({email}).",
    linkLead: "Pour choisir un nouveau mot de passe, ouvrez ce lien\u202f:",
    linkButton: "Choisir un nouveau mot de passe",
    linkFallback: "Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur\u202f:",
    linkExpiry: "Le lien expire dans {expiresIn} et ne fonctionne qu’une seule fois.",
    codeLead: "Votre code de réinitialisation est\u202f:",
    codeExpiry: "Le code expire dans {expiresIn}. Ne le communiquez à personne.",
    codeAlsoLead: "Sur un autre appareil\u202f? Saisissez-y plutôt ce code\u202f:",
    linkAndCodeExpiry:
      "Le lien et le code expirent dans {expiresIn}. Utiliser l’un désactive les deux. Ne les communiquez à personne.",
    ignore:
      "Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail\u202f: votre mot de passe reste inchangé.",
    lessThanMinute: "moins d’une minute",
    changedSubject: "Le mot de passe de votre compte {appName} a été modifié",
    changedSubjectNoApp: "Votre mot de passe a été modifié",
    changedWhat: "Le mot de passe de votre compte {appName} ({email}) a été modifié le {date}.",
    changedWhatNoApp: "Le mot de passe de votre compte ({email}) a été modifié le {date}.",
    changedOk: "Si vous êtes à l’origine de ce changement, vous n’avez rien d’autre à faire.",
    changedNotOk:
      "Sinon, quelqu’un d’autre connaît peut-être votre mot de passe\u202f: réinitialisez-le immédiatement depuis la page de connexion de {appName} et contactez le support.",
    changedNotOkNoApp:
      "Sinon, quelqu’un d’autre connaît peut-être votre mot de passe\u202f: réinitialisez-le immédiatement depuis la page de connexion et contactez le support.",
    changedReportLead:
      "Si ce n’est pas vous, prévenez-nous tout de suite avec ce lien : il annule tous les liens et sessions de réinitialisation en cours de votre compte, et nous vous aiderons à choisir un nouveau mot de passe.",
    changedReportButton: "Ce n’était pas moi",
    changedReportExpiry: "Le lien ne sert qu’une fois, pendant 7 jours.",
    signOff: "— {appName}",
    sentTo: "Cet e-mail a été envoyé à {email}.",
  },
};

/** French strings of the hosted pages (addressing the user as « vous »). */
import type { LocaleCatalog } from "./types.js";

/** French (`fr`). Narrow no-break spaces (U+202F) precede `?`, `!` and `:` as French typography wants. */
export const fr: LocaleCatalog = {
  tag: "fr",
  dir: "ltr",
  messages: {
    titleFormat: "{page} – {appName}",
    errorSummaryTitle: "Un problème est survenu",
    errorPrefix: "Erreur\u202f:",

    forgotTitle: "Réinitialiser votre mot de passe",
    forgotIntroEmail:
      "Saisissez l’adresse e-mail de votre compte. Nous vous enverrons un lien pour choisir un nouveau mot de passe.",
    forgotIntroMobile:
      "Saisissez le numéro de mobile de votre compte. Nous vous enverrons un code par SMS pour choisir un nouveau mot de passe.",
    forgotIntroUsername:
      "Saisissez votre nom d’utilisateur. Nous enverrons un lien ou un code à l’adresse e-mail ou au téléphone de votre compte.",
    forgotIntroAny:
      "Saisissez l’identifiant que vous utilisez pour vous connecter. Nous vous enverrons un lien ou un code pour choisir un nouveau mot de passe.",
    forgotSubmitLink: "Envoyer le lien",
    forgotSubmitCode: "Envoyer le code",
    forgotSubmitAny: "Continuer",
    haveCode: "J’ai déjà un code",
    backToSignIn: "Retour à la connexion",

    labelEmail: "Adresse e-mail",
    labelMobile: "Numéro de mobile",
    labelUsername: "Nom d’utilisateur",
    labelEmailOrMobile: "Adresse e-mail ou numéro de mobile",
    labelEmailOrUsername: "Adresse e-mail ou nom d’utilisateur",
    labelMobileOrUsername: "Numéro de mobile ou nom d’utilisateur",
    labelAnyIdentifier: "Adresse e-mail, numéro de mobile ou nom d’utilisateur",
    hintMobile: "Indiquez l’indicatif du pays, par exemple +33 6 12 34 56 78.",

    sentTitleEmail: "Consultez votre boîte de réception",
    sentBodyEmail:
      "Si un compte correspond à ce que vous avez saisi, nous lui avons envoyé un e-mail contenant un lien pour réinitialiser le mot de passe. Le lien ne sert qu’une fois et expire bientôt.",
    sentTitleMobile: "Consultez votre téléphone",
    sentBodyMobile:
      "Si un compte correspond à ce numéro, nous lui avons envoyé un SMS contenant un code. Saisissez ce code et votre nouveau mot de passe sur la page suivante.",
    sentTitleAny: "Consultez vos e-mails ou votre téléphone",
    sentBodyAny:
      "Si un compte correspond à ce que vous avez saisi, nous avons envoyé un lien à son adresse e-mail ou un code à son téléphone. Il ne sert qu’une fois et expire bientôt.",
    sentNothing:
      "Rien reçu au bout de quelques minutes\u202f? Vérifiez vos courriers indésirables ou demandez-en un nouveau.",
    sentRequestAgain: "En demander un nouveau",
    sentEnterCode: "Saisir le code",

    resetTitle: "Choisissez un nouveau mot de passe",
    resetAccount: "Pour le compte {account}. Si ce n’est pas le vôtre, fermez cette page.",
    resetIntro:
      "Choisissez un mot de passe que vous n’utilisez nulle part ailleurs. Une longue phrase est plus facile à retenir et plus difficile à deviner.",
    labelNewPassword: "Nouveau mot de passe",
    labelConfirmPassword: "Confirmez le nouveau mot de passe",
    passwordHint: "Au moins {min}\u00a0caractères.",
    resetSubmit: "Changer le mot de passe",

    codeTitle: "Saisissez votre code",
    codeIntro: "Saisissez le code que nous vous avons envoyé, puis choisissez un nouveau mot de passe.",
    labelCode: "Code",
    hintCode: "Le code figurant dans le message que nous vous avons envoyé.",
    labelOtp: "Code d’authentification",
    hintOtp: "Le code de votre application d’authentification, ou l’un de vos codes de récupération.",

    successTitle: "Mot de passe modifié",
    successBody:
      "Votre mot de passe a été modifié. Utilisez le nouveau la prochaine fois que vous vous connecterez.",
    successSignIn: "Se connecter",
    successContinue: "Continuer vers {host}",
    successHome: "Aller sur {appName}",

    invalidTitle: "Ce lien n’est pas utilisable",
    invalidBody:
      "Ce lien n’est plus valide\u202f: il a peut-être expiré, déjà servi ou été copié en partie. Les liens de réinitialisation ne servent qu’une fois et pour peu de temps.",
    invalidElsewhereBody:
      "Cette page ne peut servir que dans le navigateur qui a ouvert le lien de votre message. Rouvrez ce lien ici, ou demandez-en un nouveau.",
    invalidNewLink: "Recevoir un nouveau lien",
    invalidReportBody:
      "Ce lien n’est plus valable\u202f: il a déjà été utilisé ou il a expiré. Si quelqu’un d’autre a changé votre mot de passe, réinitialisez-le maintenant et contactez l’assistance.",
    reportTitle: "Ce n’était pas moi",
    reportIntro:
      "Nous vous avons informé que le mot de passe de votre compte a été modifié. Si ce n’est pas vous, dites-le-nous ici.",
    reportBody:
      "En confirmant, vous annulez tous les liens, codes et sessions de réinitialisation en cours de votre compte et vous nous alertez afin que nous le protégions. Choisissez ensuite un nouveau mot de passe.",
    reportSubmit: "Je n’ai pas changé mon mot de passe",
    reportedTitle: "Merci, nous sommes prévenus",
    reportedBody:
      "Tous les liens, codes et sessions de réinitialisation en cours de votre compte ont été annulés. Choisissez maintenant un nouveau mot de passe que vous seul connaissez.",
    reportedReset: "Réinitialiser le mot de passe",

    errorEmailRequired: "Saisissez votre adresse e-mail.",
    errorEmailInvalid: "Saisissez une adresse e-mail au format nom@exemple.fr.",
    errorMobileRequired: "Saisissez votre numéro de mobile.",
    errorMobileInvalid:
      "Saisissez un numéro de mobile avec l’indicatif du pays, par exemple +33 6 12 34 56 78.",
    errorUsernameRequired: "Saisissez votre nom d’utilisateur.",
    errorIdentifierRequired:
      "Saisissez votre adresse e-mail, votre numéro de mobile ou votre nom d’utilisateur.",
    errorIdentifierInvalid:
      "Vérifiez votre saisie\u202f: ce n’est ni une adresse e-mail, ni un numéro de mobile, ni un nom d’utilisateur valide.",
    errorPasswordRequired: "Saisissez un nouveau mot de passe.",
    errorPasswordTooShort: "Utilisez au moins {min}\u00a0caractères.",
    errorPasswordTooLong: "Utilisez au plus {max}\u00a0caractères.",
    errorPasswordMismatch: "Les mots de passe ne correspondent pas.",
    errorPasswordCommon: "Ce mot de passe est trop courant. Choisissez-en un plus difficile à deviner.",
    errorPasswordBreached: "Ce mot de passe figure dans une fuite de données. Choisissez-en un autre.",
    errorPasswordPersonal:
      "N’utilisez ni votre adresse e-mail, ni votre nom d’utilisateur, ni le nom de l’application dans votre mot de passe.",
    errorPasswordWeak:
      "Ce mot de passe est trop facile à deviner. Essayez plusieurs mots sans rapport entre eux.",
    errorPasswordUnchecked:
      "Nous n’avons pas pu vérifier ce mot de passe pour l’instant. Veuillez réessayer.",
    errorCodeRequired: "Saisissez le code.",
    errorCodeInvalid: "Le code est incorrect ou a expiré. Vérifiez-le ou demandez-en un nouveau.",
    errorOtpRequired: "Saisissez le code de votre application d’authentification.",
    errorOtpInvalid: "Le code d’authentification est incorrect. Vérifiez-le et réessayez.",
    errorRateLimited: "Trop de tentatives. Patientez quelques minutes, puis réessayez.",
    errorChallenge: "La vérification n’a pas abouti. Veuillez réessayer.",
    errorFormExpired: "Ce formulaire a expiré. Veuillez réessayer.",
    errorUnavailable: "Un problème est survenu de notre côté. Veuillez réessayer dans un instant.",
  },
};

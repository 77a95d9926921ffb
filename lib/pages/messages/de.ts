/** German strings of the hosted pages (formal address, «Sie»). */
import type { LocaleCatalog } from "./types.js";

/** German (`de`). */
export const de: LocaleCatalog = {
  tag: "de",
  dir: "ltr",
  messages: {
    titleFormat: "{page} – {appName}",
    errorSummaryTitle: "Es ist ein Problem aufgetreten",
    errorPrefix: "Fehler:",

    forgotTitle: "Passwort zurücksetzen",
    forgotIntroEmail:
      "Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort festlegen können.",
    forgotIntroMobile:
      "Geben Sie die Mobilnummer Ihres Kontos ein. Wir senden Ihnen per SMS einen Code, mit dem Sie ein neues Passwort festlegen können.",
    forgotIntroUsername:
      "Geben Sie Ihren Benutzernamen ein. Wir senden einen Link oder einen Code an die E-Mail-Adresse oder das Telefon Ihres Kontos.",
    forgotIntroAny:
      "Geben Sie ein, womit Sie sich anmelden. Wir senden Ihnen einen Link oder einen Code, mit dem Sie ein neues Passwort festlegen können.",
    forgotSubmitLink: "Link senden",
    forgotSubmitCode: "Code senden",
    forgotSubmitAny: "Weiter",
    haveCode: "Ich habe schon einen Code",
    backToSignIn: "Zurück zur Anmeldung",

    labelEmail: "E-Mail-Adresse",
    labelMobile: "Mobilnummer",
    labelUsername: "Benutzername",
    labelEmailOrMobile: "E-Mail-Adresse oder Mobilnummer",
    labelEmailOrUsername: "E-Mail-Adresse oder Benutzername",
    labelMobileOrUsername: "Mobilnummer oder Benutzername",
    labelAnyIdentifier: "E-Mail-Adresse, Mobilnummer oder Benutzername",
    hintMobile: "Mit Ländervorwahl, zum Beispiel +49 151 23456789.",

    sentTitleEmail: "Sehen Sie in Ihr Postfach",
    sentBodyEmail:
      "Falls ein Konto zu Ihrer Eingabe passt, haben wir ihm eine E-Mail mit einem Link zum Zurücksetzen des Passworts geschickt. Der Link gilt nur einmal und läuft bald ab.",
    sentTitleMobile: "Sehen Sie auf Ihr Telefon",
    sentBodyMobile:
      "Falls ein Konto zu dieser Nummer passt, haben wir ihm eine SMS mit einem Code geschickt. Geben Sie den Code und Ihr neues Passwort auf der nächsten Seite ein.",
    sentTitleAny: "Sehen Sie in Ihr Postfach oder auf Ihr Telefon",
    sentBodyAny:
      "Falls ein Konto zu Ihrer Eingabe passt, haben wir einen Link an seine E-Mail-Adresse oder einen Code an sein Telefon geschickt. Er gilt nur einmal und läuft bald ab.",
    sentNothing:
      "Nach ein paar Minuten noch nichts da? Sehen Sie im Spam-Ordner nach oder fordern Sie einen neuen an.",
    sentRequestAgain: "Neu anfordern",
    sentEnterCode: "Code eingeben",

    resetTitle: "Neues Passwort festlegen",
    resetAccount: "Für das Konto {account}. Wenn es nicht Ihres ist, schließen Sie diese Seite.",
    resetIntro:
      "Wählen Sie ein Passwort, das Sie nirgendwo sonst verwenden. Ein langer Satz ist leichter zu merken und schwerer zu erraten.",
    labelNewPassword: "Neues Passwort",
    labelConfirmPassword: "Neues Passwort bestätigen",
    passwordHint: "Mindestens {min} Zeichen.",
    resetSubmit: "Passwort ändern",

    codeTitle: "Code eingeben",
    codeIntro:
      "Geben Sie den Code ein, den wir Ihnen geschickt haben, und legen Sie ein neues Passwort fest.",
    labelCode: "Code",
    hintCode: "Der Code aus der Nachricht, die wir Ihnen geschickt haben.",
    labelOtp: "Authentifizierungscode",
    hintOtp: "Der Code aus Ihrer Authentifizierungs-App oder einer Ihrer Wiederherstellungscodes.",

    successTitle: "Passwort geändert",
    successBody: "Ihr Passwort wurde geändert. Melden Sie sich künftig mit dem neuen Passwort an.",
    successSignIn: "Anmelden",
    successContinue: "Weiter zu {host}",
    successHome: "Weiter zu {appName}",

    invalidTitle: "Dieser Link kann nicht verwendet werden",
    invalidBody:
      "Der Link ist nicht mehr gültig: Er ist vielleicht abgelaufen, wurde schon verwendet oder nur unvollständig kopiert. Links zum Zurücksetzen gelten nur einmal und nur für kurze Zeit.",
    invalidElsewhereBody:
      "Diese Seite funktioniert nur in dem Browser, der den Link aus Ihrer Nachricht geöffnet hat. Öffnen Sie den Link hier erneut oder fordern Sie einen neuen an.",
    invalidNewLink: "Neuen Link anfordern",
    invalidReportBody:
      "Dieser Link ist nicht mehr gültig: Er wurde bereits verwendet oder ist abgelaufen. Wenn jemand anderes Ihr Passwort geändert hat, setzen Sie es jetzt zurück und wenden Sie sich an den Support.",
    reportTitle: "Das war ich nicht",
    reportIntro:
      "Wir haben Sie informiert, dass das Passwort Ihres Kontos geändert wurde. Wenn Sie es nicht geändert haben, teilen Sie es uns hier mit.",
    reportBody:
      "Mit der Bestätigung werden alle offenen Links, Codes und Sitzungen zum Zurücksetzen des Passworts Ihres Kontos ungültig, und wir werden benachrichtigt, um es zu schützen. Wählen Sie danach ein neues Passwort.",
    reportSubmit: "Ich habe mein Passwort nicht geändert",
    reportedTitle: "Danke, wir wurden informiert",
    reportedBody:
      "Alle offenen Links, Codes und Sitzungen zum Zurücksetzen des Passworts Ihres Kontos wurden ungültig gemacht. Wählen Sie jetzt ein neues Passwort, das nur Sie kennen.",
    reportedReset: "Passwort zurücksetzen",

    errorEmailRequired: "Geben Sie Ihre E-Mail-Adresse ein.",
    errorEmailInvalid: "Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.",
    errorMobileRequired: "Geben Sie Ihre Mobilnummer ein.",
    errorMobileInvalid: "Geben Sie eine Mobilnummer mit Ländervorwahl ein, zum Beispiel +49 151 23456789.",
    errorUsernameRequired: "Geben Sie Ihren Benutzernamen ein.",
    errorIdentifierRequired: "Geben Sie Ihre E-Mail-Adresse, Mobilnummer oder Ihren Benutzernamen ein.",
    errorIdentifierInvalid:
      "Prüfen Sie Ihre Eingabe: Sie ist weder eine gültige E-Mail-Adresse noch eine Mobilnummer oder ein Benutzername.",
    errorPasswordRequired: "Geben Sie ein neues Passwort ein.",
    errorPasswordTooShort: "Verwenden Sie mindestens {min} Zeichen.",
    errorPasswordTooLong: "Verwenden Sie höchstens {max} Zeichen.",
    errorPasswordMismatch: "Die Passwörter stimmen nicht überein.",
    errorPasswordCommon: "Dieses Passwort ist zu verbreitet. Wählen Sie eines, das schwerer zu erraten ist.",
    errorPasswordBreached: "Dieses Passwort ist in einem Datenleck aufgetaucht. Wählen Sie ein anderes.",
    errorPasswordPersonal:
      "Verwenden Sie weder Ihre E-Mail-Adresse noch Ihren Benutzernamen oder den Namen der App im Passwort.",
    errorPasswordWeak:
      "Dieses Passwort ist zu leicht zu erraten. Versuchen Sie einige Wörter, die nichts miteinander zu tun haben.",
    errorPasswordUnchecked: "Wir konnten dieses Passwort gerade nicht prüfen. Bitte versuchen Sie es erneut.",
    errorCodeRequired: "Geben Sie den Code ein.",
    errorCodeInvalid: "Der Code ist falsch oder abgelaufen. Prüfen Sie ihn oder fordern Sie einen neuen an.",
    errorOtpRequired: "Geben Sie den Code aus Ihrer Authentifizierungs-App ein.",
    errorOtpInvalid: "Der Authentifizierungscode ist falsch. Prüfen Sie ihn und versuchen Sie es erneut.",
    errorRateLimited: "Zu viele Versuche. Warten Sie ein paar Minuten und versuchen Sie es dann erneut.",
    errorChallenge: "Die Überprüfung ist fehlgeschlagen. Bitte versuchen Sie es erneut.",
    errorFormExpired: "Dieses Formular ist abgelaufen. Bitte versuchen Sie es erneut.",
    errorUnavailable: "Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.",
  },
};

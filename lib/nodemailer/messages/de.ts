/** German strings of the default mail (formal address, «Sie», as on the pages). */
import type { MailCatalog } from "./types.js";

/** German (`de`). */
export const de: MailCatalog = {
  tag: "de",
  dir: "ltr",
  messages: {
    resetLinkSubject: "Ihr {appName}-Passwort zurücksetzen",
    resetLinkSubjectNoApp: "Ihr Passwort zurücksetzen",
    resetCodeSubject: "Ihr Code zum Zurücksetzen des {appName}-Passworts",
    resetCodeSubjectNoApp: "Ihr Code zum Zurücksetzen des Passworts",
    greeting: "Hallo {name},",
    greetingNoName: "Hallo,",
    resetIntro:
      "Wir haben eine Anfrage erhalten, das Passwort Ihres {appName}-Kontos ({email}) zurückzusetzen.",
    resetIntroNoApp: "Wir haben eine Anfrage erhalten, das Passwort Ihres Kontos ({email}) zurückzusetzen.",
    linkLead: "Öffnen Sie diesen Link, um ein neues Passwort festzulegen:",
    linkButton: "Neues Passwort festlegen",
    linkFallback: "Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:",
    linkExpiry: "Der Link läuft in {expiresIn} ab und gilt nur einmal.",
    codeLead: "Ihr Code zum Zurücksetzen lautet:",
    codeExpiry: "Der Code läuft in {expiresIn} ab. Geben Sie ihn an niemanden weiter.",
    codeAlsoLead: "Auf einem anderen Gerät? Geben Sie dort stattdessen diesen Code ein:",
    linkAndCodeExpiry:
      "Der Link und der Code laufen in {expiresIn} ab. Sobald Sie eines davon verwenden, gelten beide nicht mehr. Geben Sie sie an niemanden weiter.",
    ignore:
      "Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.",
    lessThanMinute: "weniger als einer Minute",
    changedSubject: "Ihr {appName}-Passwort wurde geändert",
    changedSubjectNoApp: "Ihr Passwort wurde geändert",
    changedWhat: "Das Passwort Ihres {appName}-Kontos ({email}) wurde am {date} geändert.",
    changedWhatNoApp: "Das Passwort Ihres Kontos ({email}) wurde am {date} geändert.",
    changedOk: "Wenn Sie das selbst waren, müssen Sie nichts weiter tun.",
    changedNotOk:
      "Wenn nicht, kennt vielleicht jemand anderes Ihr Passwort: Setzen Sie es sofort über die Anmeldeseite von {appName} zurück und wenden Sie sich an den Support.",
    changedNotOkNoApp:
      "Wenn nicht, kennt vielleicht jemand anderes Ihr Passwort: Setzen Sie es sofort über die Anmeldeseite zurück und wenden Sie sich an den Support.",
    changedReportLead:
      "Wenn Sie es nicht waren, teilen Sie es uns sofort über diesen Link mit: Er macht alle offenen Links und Sitzungen zum Zurücksetzen Ihres Kontos ungültig, und wir helfen Ihnen, ein neues Passwort zu wählen.",
    changedReportButton: "Das war ich nicht",
    changedReportExpiry: "Der Link funktioniert einmal, 7 Tage lang.",
    signOff: "— {appName}",
    sentTo: "Diese E-Mail wurde an {email} gesendet.",
  },
};

/** German messages of the JSON API (with `http.translateMessages`), formal address as on the pages. */
import type { ApiCatalog } from "./types.js";

/** German (`de`): English template → translation. */
export const de: ApiCatalog = {
  "The request is invalid.": "Die Anfrage ist ungültig.",
  "The reset token or code is invalid or has already been used.":
    "Der Link oder Code ist ungültig oder wurde schon verwendet.",
  "The reset token or code has expired. Request a new one.":
    "Der Link oder Code ist abgelaufen. Fordern Sie einen neuen an.",
  "No account matches that identifier.": "Zu dieser Angabe gibt es kein Konto.",
  "This client is not allowed to use this endpoint.": "Dieser Client darf diesen Endpunkt nicht verwenden.",
  "Method not allowed.": "Methode nicht erlaubt.",
  "The request body is too large.": "Die Anfrage ist zu groß.",
  "The request body took too long to arrive.": "Die Anfrage kam zu langsam an.",
  "Too many requests. Try again later.": "Zu viele Anfragen. Versuchen Sie es später noch einmal.",
  "The reset message could not be sent.": "Die Nachricht zum Zurücksetzen konnte nicht gesendet werden.",
  "Something went wrong. Try again later.": "Etwas ist schiefgelaufen. Versuchen Sie es später noch einmal.",
  "Too many wrong codes. Request a new code later.":
    "Zu viele falsche Codes. Fordern Sie später einen neuen Code an.",
  "Too many wrong second-factor answers. Request a new link or code.":
    "Zu viele falsche Antworten für den zweiten Faktor. Fordern Sie einen neuen Link oder Code an.",
  "{field} is required": "{field} fehlt",
  "{field} does not match password": "{field} stimmt nicht mit dem Passwort überein",
  "{field} must be a valid email address": "{field} muss eine gültige E-Mail-Adresse sein",
  "{field} must be a phone number in international form, e.g. +14155550100":
    "{field} muss eine Telefonnummer mit Ländervorwahl sein, z. B. +4915123456789",
  "{field} must be 1 to {max} characters": "{field} muss 1 bis {max} Zeichen lang sein",
  "{field} must be at least {min} characters long": "{field} muss mindestens {min} Zeichen lang sein",
  "{field} must be at most {max} bytes long": "{field} darf höchstens {max} Bytes lang sein",
  "code must be digits": "code darf nur Ziffern enthalten",
  "This password is too common; choose one that is harder to guess":
    "Dieses Passwort ist zu verbreitet; wählen Sie eines, das schwerer zu erraten ist",
  "This password is too similar to your account details": "Dieses Passwort ähnelt zu sehr Ihren Kontodaten",
  "This password is too easy to guess; try a few unrelated words together":
    "Dieses Passwort ist zu leicht zu erraten; versuchen Sie einige Wörter, die nichts miteinander zu tun haben",
  "This password has appeared in a data breach; choose a different one":
    "Dieses Passwort ist in einem Datenleck aufgetaucht; wählen Sie ein anderes",
  "We could not check this password right now; try again":
    "Wir konnten dieses Passwort gerade nicht prüfen; versuchen Sie es erneut",
};

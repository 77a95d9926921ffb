/** French messages of the JSON API (with `http.translateMessages`), « vous » as on the pages. */
import type { ApiCatalog } from "./types.js";

/** French (`fr`): English template → translation. */
export const fr: ApiCatalog = {
  "The request is invalid.": "La requête n’est pas valide.",
  "The reset token or code is invalid or has already been used.":
    "Le lien ou le code n’est pas valide ou a déjà été utilisé.",
  "The reset token or code has expired. Request a new one.":
    "Le lien ou le code a expiré. Demandez-en un nouveau.",
  "No account matches that identifier.": "Aucun compte ne correspond à cet identifiant.",
  "This client is not allowed to use this endpoint.":
    "Ce client n’est pas autorisé à utiliser ce point d’accès.",
  "Method not allowed.": "Méthode non autorisée.",
  "The request body is too large.": "Le corps de la requête est trop volumineux.",
  "The request body took too long to arrive.": "Le corps de la requête a mis trop de temps à arriver.",
  "Too many requests. Try again later.": "Trop de requêtes. Réessayez plus tard.",
  "The reset message could not be sent.": "Le message de réinitialisation n’a pas pu être envoyé.",
  "Something went wrong. Try again later.": "Un problème est survenu. Réessayez plus tard.",
  "Too many wrong codes. Request a new code later.":
    "Trop de codes erronés. Demandez un nouveau code plus tard.",
  "Too many wrong second-factor answers. Request a new link or code.":
    "Trop de réponses erronées au second facteur. Demandez un nouveau lien ou un nouveau code.",
  "{field} is required": "{field} est obligatoire",
  "{field} does not match password": "{field} ne correspond pas au mot de passe",
  "{field} must be a valid email address": "{field} doit être une adresse e-mail valide",
  "{field} must be a phone number in international form, e.g. +14155550100":
    "{field} doit être un numéro de téléphone au format international, par exemple +33612345678",
  "{field} must be 1 to {max} characters": "{field} doit comporter de 1 à {max} caractères",
  "{field} must be at least {min} characters long": "{field} doit comporter au moins {min} caractères",
  "{field} must be at most {max} bytes long": "{field} doit comporter au plus {max} octets",
  "code must be digits": "code ne doit contenir que des chiffres",
  "This password is too common; choose one that is harder to guess":
    "Ce mot de passe est trop courant ; choisissez-en un plus difficile à deviner",
  "This password is too similar to your account details":
    "Ce mot de passe ressemble trop aux informations de votre compte",
  "This password is too easy to guess; try a few unrelated words together":
    "Ce mot de passe est trop facile à deviner ; essayez plusieurs mots sans rapport entre eux",
  "This password has appeared in a data breach; choose a different one":
    "Ce mot de passe figure dans une fuite de données ; choisissez-en un autre",
  "We could not check this password right now; try again":
    "Nous n’avons pas pu vérifier ce mot de passe pour l’instant ; réessayez",
};

/** Spanish messages of the JSON API (with `http.translateMessages`), «tú» as on the pages. */
import type { ApiCatalog } from "./types.js";

/** Spanish (`es`): English template → translation. */
export const es: ApiCatalog = {
  "The request is invalid.": "La solicitud no es válida.",
  "The reset token or code is invalid or has already been used.":
    "El enlace o el código no es válido o ya se ha usado.",
  "The reset token or code has expired. Request a new one.":
    "El enlace o el código ha caducado. Solicita uno nuevo.",
  "No account matches that identifier.": "Ninguna cuenta coincide con ese dato.",
  "This client is not allowed to use this endpoint.": "Este cliente no puede usar este punto de acceso.",
  "Method not allowed.": "Método no permitido.",
  "The request body is too large.": "El cuerpo de la solicitud es demasiado grande.",
  "The request body took too long to arrive.": "El cuerpo de la solicitud tardó demasiado en llegar.",
  "Too many requests. Try again later.": "Demasiadas solicitudes. Inténtalo de nuevo más tarde.",
  "The reset message could not be sent.": "No se pudo enviar el mensaje para restablecer la contraseña.",
  "Something went wrong. Try again later.": "Algo salió mal. Inténtalo de nuevo más tarde.",
  "Too many wrong codes. Request a new code later.":
    "Demasiados códigos incorrectos. Solicita un código nuevo más tarde.",
  "Too many wrong second-factor answers. Request a new link or code.":
    "Demasiadas respuestas incorrectas al segundo factor. Solicita un enlace o un código nuevo.",
  "{field} is required": "{field} es obligatorio",
  "{field} does not match password": "{field} no coincide con la contraseña",
  "{field} must be a valid email address": "{field} debe ser un correo electrónico válido",
  "{field} must be a phone number in international form, e.g. +14155550100":
    "{field} debe ser un número de teléfono en formato internacional, por ejemplo +34612345678",
  "{field} must be 1 to {max} characters": "{field} debe tener de 1 a {max} caracteres",
  "{field} must be at least {min} characters long": "{field} debe tener al menos {min} caracteres",
  "{field} must be at most {max} bytes long": "{field} debe tener como máximo {max} bytes",
  "code must be digits": "code solo puede contener dígitos",
  "This password is too common; choose one that is harder to guess":
    "Esta contraseña es demasiado común; elige una más difícil de adivinar",
  "This password is too similar to your account details":
    "Esta contraseña se parece demasiado a los datos de tu cuenta",
  "This password is too easy to guess; try a few unrelated words together":
    "Esta contraseña es demasiado fácil de adivinar; prueba con varias palabras sin relación entre sí",
  "This password has appeared in a data breach; choose a different one":
    "Esta contraseña ha aparecido en una filtración de datos; elige otra",
  "We could not check this password right now; try again":
    "No pudimos comprobar esta contraseña ahora mismo; inténtalo de nuevo",
};

/** Portuguese messages of the JSON API (with `http.translateMessages`), Brazilian usage as on the pages. */
import type { ApiCatalog } from "./types.js";

/** Portuguese (`pt`): English template → translation. */
export const pt: ApiCatalog = {
  "The request is invalid.": "A solicitação é inválida.",
  "The reset token or code is invalid or has already been used.":
    "O link ou o código é inválido ou já foi usado.",
  "The reset token or code has expired. Request a new one.": "O link ou o código expirou. Solicite um novo.",
  "No account matches that identifier.": "Nenhuma conta corresponde a esse dado.",
  "This client is not allowed to use this endpoint.": "Este cliente não pode usar este endpoint.",
  "Method not allowed.": "Método não permitido.",
  "The request body is too large.": "O corpo da solicitação é grande demais.",
  "The request body took too long to arrive.": "O corpo da solicitação demorou demais para chegar.",
  "Too many requests. Try again later.": "Solicitações demais. Tente novamente mais tarde.",
  "The reset message could not be sent.": "Não foi possível enviar a mensagem de redefinição.",
  "Something went wrong. Try again later.": "Algo deu errado. Tente novamente mais tarde.",
  "Too many wrong codes. Request a new code later.":
    "Códigos errados demais. Solicite um novo código mais tarde.",
  "Too many wrong second-factor answers. Request a new link or code.":
    "Respostas erradas demais ao segundo fator. Solicite um novo link ou código.",
  "{field} is required": "{field} é obrigatório",
  "{field} does not match password": "{field} não corresponde à senha",
  "{field} must be a valid email address": "{field} deve ser um e-mail válido",
  "{field} must be a phone number in international form, e.g. +14155550100":
    "{field} deve ser um número de telefone no formato internacional, por exemplo +5511912345678",
  "{field} must be 1 to {max} characters": "{field} deve ter de 1 a {max} caracteres",
  "{field} must be at least {min} characters long": "{field} deve ter pelo menos {min} caracteres",
  "{field} must be at most {max} bytes long": "{field} deve ter no máximo {max} bytes",
  "code must be digits": "code deve conter apenas dígitos",
  "This password is too common; choose one that is harder to guess":
    "Esta senha é comum demais; escolha uma mais difícil de adivinhar",
  "This password is too similar to your account details":
    "Esta senha é parecida demais com os dados da sua conta",
  "This password is too easy to guess; try a few unrelated words together":
    "Esta senha é fácil demais de adivinhar; tente algumas palavras sem relação entre si",
  "This password has appeared in a data breach; choose a different one":
    "Esta senha apareceu em um vazamento de dados; escolha outra",
  "We could not check this password right now; try again":
    "Não foi possível verificar esta senha agora; tente novamente",
};

/**
 * Portuguese strings of the hosted pages: Brazilian usage ("senha", "você", "usuário"), with
 * "número de telefone" where Brazil says "celular" and Portugal "telemóvel", so the mobile field
 * reads well in both. An app aiming at one variety overrides the strings it wants.
 */
import type { LocaleCatalog } from "./types.js";

/** Portuguese (`pt`). */
export const pt: LocaleCatalog = {
  tag: "pt",
  dir: "ltr",
  messages: {
    titleFormat: "{page} – {appName}",
    errorSummaryTitle: "Há um problema",
    errorPrefix: "Erro:",

    forgotTitle: "Redefinir a sua senha",
    forgotIntroEmail: "Digite o e-mail da sua conta. Enviaremos um link para você escolher uma nova senha.",
    forgotIntroMobile:
      "Digite o número de telefone da sua conta. Enviaremos um código por SMS para você escolher uma nova senha.",
    forgotIntroUsername:
      "Digite o seu nome de usuário. Enviaremos um link ou um código para o e-mail ou o telefone da sua conta.",
    forgotIntroAny:
      "Digite os dados que você usa para entrar. Enviaremos um link ou um código para você escolher uma nova senha.",
    forgotSubmitLink: "Enviar link",
    forgotSubmitCode: "Enviar código",
    forgotSubmitAny: "Continuar",
    haveCode: "Já tenho um código",
    backToSignIn: "Voltar para o login",

    labelEmail: "E-mail",
    labelMobile: "Número de telefone",
    labelUsername: "Nome de usuário",
    labelEmailOrMobile: "E-mail ou número de telefone",
    labelEmailOrUsername: "E-mail ou nome de usuário",
    labelMobileOrUsername: "Número de telefone ou nome de usuário",
    labelAnyIdentifier: "E-mail, número de telefone ou nome de usuário",
    hintMobile: "Inclua o código do país, por exemplo +55 11 91234 5678.",

    sentTitleEmail: "Verifique o seu e-mail",
    sentBodyEmail:
      "Se existir uma conta com os dados que você digitou, enviamos para ela um e-mail com um link para redefinir a senha. O link só pode ser usado uma vez e expira em breve.",
    sentTitleMobile: "Verifique o seu telefone",
    sentBodyMobile:
      "Se existir uma conta com esse número, enviamos para ela um SMS com um código. Digite o código e a sua nova senha na próxima página.",
    sentTitleAny: "Verifique o seu e-mail ou telefone",
    sentBodyAny:
      "Se existir uma conta com os dados que você digitou, enviamos um link para o e-mail dela ou um código para o telefone. Só pode ser usado uma vez e expira em breve.",
    sentNothing: "Não recebeu nada depois de alguns minutos? Verifique a pasta de spam ou peça um novo.",
    sentRequestAgain: "Pedir um novo",
    sentEnterCode: "Digitar o código",

    resetTitle: "Escolha uma nova senha",
    resetAccount: "Para a conta {account}. Se não for a sua, feche esta página.",
    resetIntro:
      "Escolha uma senha que você não use em nenhum outro lugar. Uma frase longa é mais fácil de lembrar e mais difícil de adivinhar.",
    labelNewPassword: "Nova senha",
    labelConfirmPassword: "Confirme a nova senha",
    passwordHint: "Pelo menos {min} caracteres.",
    resetSubmit: "Alterar senha",

    codeTitle: "Digite o seu código",
    codeIntro: "Digite o código que enviamos e escolha uma nova senha.",
    labelCode: "Código",
    hintCode: "O código da mensagem que enviamos para você.",
    labelOtp: "Código de autenticação",
    hintOtp: "O código do seu aplicativo autenticador ou um dos seus códigos de recuperação.",

    successTitle: "Senha alterada",
    successBody: "A sua senha foi alterada. Use a nova senha da próxima vez que entrar.",
    successSignIn: "Entrar",
    successContinue: "Continuar para {host}",
    successHome: "Ir para {appName}",

    invalidTitle: "Este link não pode ser usado",
    invalidBody:
      "O link já não é válido: pode ter expirado, já ter sido usado ou ter sido copiado pela metade. Os links de redefinição só podem ser usados uma vez e por pouco tempo.",
    invalidElsewhereBody:
      "Esta página só pode ser usada no navegador que abriu o link da sua mensagem. Abra esse link de novo aqui ou peça um novo.",
    invalidNewLink: "Pedir um novo link",
    invalidReportBody:
      "Este link não é mais válido: já foi usado ou expirou. Se outra pessoa alterou a sua senha, redefina-a agora e entre em contato com o suporte.",
    reportTitle: "Não fui eu",
    reportIntro: "Avisamos que a senha da sua conta foi alterada. Se não foi você, nos diga aqui.",
    reportBody:
      "Ao confirmar, todos os links, códigos e sessões de redefinição em aberto da sua conta são cancelados e nós somos alertados para protegê-la. Depois escolha uma nova senha.",
    reportSubmit: "Eu não alterei a minha senha",
    reportedTitle: "Obrigado, fomos avisados",
    reportedBody:
      "Todos os links, códigos e sessões de redefinição em aberto da sua conta foram cancelados. Escolha agora uma nova senha que só você conheça.",
    reportedReset: "Redefinir a senha",

    errorEmailRequired: "Digite o seu e-mail.",
    errorEmailInvalid: "Digite um e-mail como nome@exemplo.com.",
    errorMobileRequired: "Digite o seu número de telefone.",
    errorMobileInvalid: "Digite um número de telefone com o código do país, como +55 11 91234 5678.",
    errorUsernameRequired: "Digite o seu nome de usuário.",
    errorIdentifierRequired: "Digite o seu e-mail, número de telefone ou nome de usuário.",
    errorIdentifierInvalid:
      "Verifique o que você digitou: não é um e-mail, um número de telefone nem um nome de usuário válido.",
    errorPasswordRequired: "Digite uma nova senha.",
    errorPasswordTooShort: "Use pelo menos {min} caracteres.",
    errorPasswordTooLong: "Use no máximo {max} caracteres.",
    errorPasswordMismatch: "As senhas não coincidem.",
    errorPasswordCommon: "Esta senha é comum demais. Escolha uma mais difícil de adivinhar.",
    errorPasswordBreached: "Esta senha apareceu num vazamento de dados. Escolha outra.",
    errorPasswordPersonal: "Não use o seu e-mail, o seu nome de usuário nem o nome do aplicativo na senha.",
    errorPasswordWeak: "Esta senha é fácil demais de adivinhar. Tente algumas palavras sem relação entre si.",
    errorPasswordUnchecked: "Não foi possível verificar esta senha agora. Tente novamente.",
    errorCodeRequired: "Digite o código.",
    errorCodeInvalid: "O código está errado ou expirou. Verifique-o ou peça um novo.",
    errorOtpRequired: "Digite o código do seu aplicativo autenticador.",
    errorOtpInvalid: "O código de autenticação está errado. Verifique-o e tente novamente.",
    errorRateLimited: "Tentativas demais. Aguarde alguns minutos e tente de novo.",
    errorChallenge: "A verificação não foi concluída. Tente de novo.",
    errorFormExpired: "Este formulário expirou. Tente de novo.",
    errorUnavailable: "Algo deu errado do nosso lado. Tente de novo daqui a pouco.",
  },
};

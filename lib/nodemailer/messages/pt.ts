/** Portuguese strings of the default mail (Brazilian usage, «você», as on the pages). */
import type { MailCatalog } from "./types.js";

/** Portuguese (`pt`). */
export const pt: MailCatalog = {
  tag: "pt",
  dir: "ltr",
  messages: {
    resetLinkSubject: "Redefina a sua senha do {appName}",
    resetLinkSubjectNoApp: "Redefina a sua senha",
    resetCodeSubject: "O seu código para redefinir a senha do {appName}",
    resetCodeSubjectNoApp: "O seu código para redefinir a senha",
    greeting: "Olá, {name},",
    greetingNoName: "Olá,",
    resetIntro: "Recebemos um pedido para redefinir a senha da sua conta do {appName} ({email}).",
    resetIntroNoApp: "Recebemos um pedido para redefinir a senha da sua conta ({email}).",
    linkLead: "Para escolher uma nova senha, abra este link:",
    linkButton: "Escolher uma nova senha",
    linkFallback: "Se o botão não funcionar, copie este endereço no seu navegador:",
    linkExpiry: "O link expira em {expiresIn} e funciona apenas uma vez.",
    codeLead: "O seu código de redefinição é:",
    codeExpiry: "O código expira em {expiresIn}. Não o compartilhe com ninguém.",
    codeAlsoLead: "Em outro dispositivo? Digite lá este código:",
    linkAndCodeExpiry:
      "O link e o código expiram em {expiresIn}. Usar um deles encerra os dois. Não os compartilhe com ninguém.",
    ignore: "Se você não fez este pedido, ignore este e-mail: a sua senha continua a mesma.",
    lessThanMinute: "menos de um minuto",
    changedSubject: "A sua senha do {appName} foi alterada",
    changedSubjectNoApp: "A sua senha foi alterada",
    changedWhat: "A senha da sua conta do {appName} ({email}) foi alterada em {date}.",
    changedWhatNoApp: "A senha da sua conta ({email}) foi alterada em {date}.",
    changedOk: "Se foi você que fez esta alteração, não precisa fazer mais nada.",
    changedNotOk:
      "Se não foi você, outra pessoa pode saber a sua senha: redefina-a agora mesmo na página de login do {appName} e entre em contato com o suporte.",
    changedNotOkNoApp:
      "Se não foi você, outra pessoa pode saber a sua senha: redefina-a agora mesmo na página de login e entre em contato com o suporte.",
    changedReportLead:
      "Se não foi você, nos avise agora mesmo por este link: ele cancela todos os links e sessões de redefinição em aberto da sua conta, e ajudaremos você a escolher uma nova senha.",
    changedReportButton: "Não fui eu",
    changedReportExpiry: "O link funciona uma vez, durante 7 dias.",
    signOff: "— {appName}",
    sentTo: "Este e-mail foi enviado para {email}.",
  },
};

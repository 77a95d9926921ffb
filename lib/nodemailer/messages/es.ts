/** Spanish strings of the default mail (neutral Spanish, «tú», as on the pages). */
import type { MailCatalog } from "./types.js";

/** Spanish (`es`). */
export const es: MailCatalog = {
  tag: "es",
  dir: "ltr",
  messages: {
    resetLinkSubject: "Restablece tu contraseña de {appName}",
    resetLinkSubjectNoApp: "Restablece tu contraseña",
    resetCodeSubject: "Tu código para restablecer la contraseña de {appName}",
    resetCodeSubjectNoApp: "Tu código para restablecer la contraseña",
    greeting: "Hola, {name}:",
    greetingNoName: "Hola:",
    resetIntro: "Recibimos una solicitud para restablecer la contraseña de tu cuenta de {appName} ({email}).",
    resetIntroNoApp: "Recibimos una solicitud para restablecer la contraseña de tu cuenta ({email}).",
    linkLead: "Para elegir una contraseña nueva, abre este enlace:",
    linkButton: "Elegir una contraseña nueva",
    linkFallback: "Si el botón no funciona, copia esta dirección en tu navegador:",
    linkExpiry: "El enlace caduca en {expiresIn} y solo funciona una vez.",
    codeLead: "Tu código para restablecer la contraseña es:",
    codeExpiry: "El código caduca en {expiresIn}. No lo compartas con nadie.",
    codeAlsoLead: "¿En otro dispositivo? Introduce allí este código:",
    linkAndCodeExpiry:
      "El enlace y el código caducan en {expiresIn}. Al usar uno, ninguno de los dos vuelve a funcionar. No los compartas con nadie.",
    ignore: "Si no lo solicitaste, ignora este correo: tu contraseña no cambiará.",
    lessThanMinute: "menos de un minuto",
    changedSubject: "Se cambió tu contraseña de {appName}",
    changedSubjectNoApp: "Se cambió tu contraseña",
    changedWhat: "La contraseña de tu cuenta de {appName} ({email}) se cambió el {date}.",
    changedWhatNoApp: "La contraseña de tu cuenta ({email}) se cambió el {date}.",
    changedOk: "Si hiciste este cambio, no tienes que hacer nada más.",
    changedNotOk:
      "Si no fuiste tú, puede que otra persona conozca tu contraseña: restablécela ahora mismo desde la página de inicio de sesión de {appName} y contacta con el soporte.",
    changedNotOkNoApp:
      "Si no fuiste tú, puede que otra persona conozca tu contraseña: restablécela ahora mismo desde la página de inicio de sesión y contacta con el soporte.",
    changedReportLead:
      "Si no fuiste tú, avísanos enseguida con este enlace: cancela todos los enlaces y sesiones de restablecimiento abiertos de tu cuenta, y te ayudaremos a elegir una contraseña nueva.",
    changedReportButton: "No fui yo",
    changedReportExpiry: "El enlace funciona una vez, durante 7 días.",
    signOff: "— {appName}",
    sentTo: "Este correo se envió a {email}.",
  },
};

/** Spanish strings of the hosted pages (neutral Spanish, addressing the user as «tú»). */
import type { LocaleCatalog } from "./types.js";

/** Spanish (`es`). */
export const es: LocaleCatalog = {
  tag: "es",
  dir: "ltr",
  messages: {
    titleFormat: "{page} – {appName}",
    errorSummaryTitle: "Hay un problema",
    errorPrefix: "Error:",

    forgotTitle: "Restablece tu contraseña",
    forgotIntroEmail:
      "Escribe el correo electrónico de tu cuenta. Te enviaremos un enlace para elegir una contraseña nueva.",
    forgotIntroMobile:
      "Escribe el número de móvil de tu cuenta. Te enviaremos un código por SMS para elegir una contraseña nueva.",
    forgotIntroUsername:
      "Escribe tu nombre de usuario. Enviaremos un enlace o un código al correo o al teléfono de tu cuenta.",
    forgotIntroAny:
      "Escribe los datos con los que inicias sesión. Te enviaremos un enlace o un código para elegir una contraseña nueva.",
    forgotSubmitLink: "Enviar enlace",
    forgotSubmitCode: "Enviar código",
    forgotSubmitAny: "Continuar",
    haveCode: "Ya tengo un código",
    backToSignIn: "Volver a iniciar sesión",

    labelEmail: "Correo electrónico",
    labelMobile: "Número de móvil",
    labelUsername: "Nombre de usuario",
    labelEmailOrMobile: "Correo electrónico o número de móvil",
    labelEmailOrUsername: "Correo electrónico o nombre de usuario",
    labelMobileOrUsername: "Número de móvil o nombre de usuario",
    labelAnyIdentifier: "Correo electrónico, número de móvil o nombre de usuario",
    hintMobile: "Incluye el prefijo del país, por ejemplo +34 612 345 678.",

    sentTitleEmail: "Revisa tu correo",
    sentBodyEmail:
      "Si hay una cuenta con los datos que escribiste, le hemos enviado un correo con un enlace para restablecer la contraseña. El enlace solo sirve una vez y caduca pronto.",
    sentTitleMobile: "Revisa tu teléfono",
    sentBodyMobile:
      "Si hay una cuenta con ese número, le hemos enviado un SMS con un código. Escribe el código y tu contraseña nueva en la página siguiente.",
    sentTitleAny: "Revisa tu correo o tu teléfono",
    sentBodyAny:
      "Si hay una cuenta con los datos que escribiste, hemos enviado un enlace a su correo o un código a su teléfono. Solo sirve una vez y caduca pronto.",
    sentNothing: "¿No te ha llegado nada en unos minutos? Mira en la carpeta de spam o pide otro.",
    sentRequestAgain: "Pedir otro",
    sentEnterCode: "Introducir el código",

    resetTitle: "Elige una contraseña nueva",
    resetAccount: "Para la cuenta {account}. Si no es la tuya, cierra esta página.",
    resetIntro:
      "Elige una contraseña que no uses en ningún otro sitio. Una frase larga es más fácil de recordar y más difícil de adivinar.",
    labelNewPassword: "Contraseña nueva",
    labelConfirmPassword: "Confirma la contraseña nueva",
    passwordHint: "Al menos {min} caracteres.",
    resetSubmit: "Cambiar contraseña",

    codeTitle: "Introduce tu código",
    codeIntro: "Escribe el código que te enviamos y elige una contraseña nueva.",
    labelCode: "Código",
    hintCode: "El código del mensaje que te enviamos.",
    labelOtp: "Código de autenticación",
    hintOtp: "El código de tu aplicación de autenticación o uno de tus códigos de recuperación.",

    successTitle: "Contraseña cambiada",
    successBody: "Tu contraseña se ha cambiado. Usa la nueva la próxima vez que inicies sesión.",
    successSignIn: "Iniciar sesión",
    successContinue: "Continuar a {host}",
    successHome: "Ir a {appName}",

    invalidTitle: "Este enlace no se puede usar",
    invalidBody:
      "El enlace ya no es válido: puede que haya caducado, que ya se haya usado o que se copiara incompleto. Los enlaces para restablecer la contraseña solo sirven una vez y durante poco tiempo.",
    invalidElsewhereBody:
      "Esta página solo se puede usar en el navegador que abrió el enlace de tu mensaje. Vuelve a abrir ese enlace aquí o pide uno nuevo.",
    invalidNewLink: "Pedir un enlace nuevo",
    invalidReportBody:
      "Este enlace ya no es válido: ya se ha usado o ha caducado. Si otra persona cambió tu contraseña, restablécela ahora y contacta con soporte.",
    reportTitle: "No fui yo",
    reportIntro:
      "Te avisamos de que se cambió la contraseña de tu cuenta. Si no la cambiaste tú, dínoslo aquí.",
    reportBody:
      "Al confirmar se cancelan todos los enlaces, códigos y sesiones de restablecimiento abiertos de tu cuenta y se nos avisa para protegerla. Después elige una contraseña nueva.",
    reportSubmit: "Yo no cambié mi contraseña",
    reportedTitle: "Gracias, ya estamos avisados",
    reportedBody:
      "Se han cancelado todos los enlaces, códigos y sesiones de restablecimiento abiertos de tu cuenta. Elige ahora una contraseña nueva para que solo tú la conozcas.",
    reportedReset: "Restablecer la contraseña",

    errorEmailRequired: "Escribe tu correo electrónico.",
    errorEmailInvalid: "Escribe un correo electrónico como nombre@ejemplo.com.",
    errorMobileRequired: "Escribe tu número de móvil.",
    errorMobileInvalid: "Escribe un número de móvil con el prefijo del país, como +34 612 345 678.",
    errorUsernameRequired: "Escribe tu nombre de usuario.",
    errorIdentifierRequired: "Escribe tu correo electrónico, número de móvil o nombre de usuario.",
    errorIdentifierInvalid:
      "Revisa lo que escribiste: no es un correo electrónico, un número de móvil ni un nombre de usuario válido.",
    errorPasswordRequired: "Escribe una contraseña nueva.",
    errorPasswordTooShort: "Usa al menos {min} caracteres.",
    errorPasswordTooLong: "Usa como máximo {max} caracteres.",
    errorPasswordMismatch: "Las contraseñas no coinciden.",
    errorPasswordCommon: "Esta contraseña es demasiado común. Elige una más difícil de adivinar.",
    errorPasswordBreached: "Esta contraseña ha aparecido en una filtración de datos. Elige otra.",
    errorPasswordPersonal:
      "No uses tu correo, tu nombre de usuario ni el nombre de la aplicación en la contraseña.",
    errorPasswordWeak:
      "Esta contraseña es demasiado fácil de adivinar. Prueba con varias palabras sin relación entre sí.",
    errorPasswordUnchecked: "No pudimos comprobar esta contraseña ahora mismo. Inténtalo de nuevo.",
    errorCodeRequired: "Escribe el código.",
    errorCodeInvalid: "El código no es correcto o ha caducado. Revísalo o pide uno nuevo.",
    errorOtpRequired: "Escribe el código de tu aplicación de autenticación.",
    errorOtpInvalid: "El código de autenticación no es correcto. Revísalo e inténtalo de nuevo.",
    errorRateLimited: "Demasiados intentos. Espera unos minutos y vuelve a intentarlo.",
    errorChallenge: "La verificación no se ha completado. Vuelve a intentarlo.",
    errorFormExpired: "Este formulario ha caducado. Vuelve a intentarlo.",
    errorUnavailable: "Algo ha fallado por nuestra parte. Vuelve a intentarlo en un momento.",
  },
};

/** English strings of the hosted pages: the reference every other locale translates. */
import type { LocaleCatalog } from "./types.js";

/** English (`en`). */
export const en: LocaleCatalog = {
  tag: "en",
  dir: "ltr",
  messages: {
    titleFormat: "{page} – {appName}",
    errorSummaryTitle: "There is a problem",
    errorPrefix: "Error:",

    forgotTitle: "Reset your password",
    forgotIntroEmail:
      "Enter the email address of your account. We’ll send you a link to choose a new password.",
    forgotIntroMobile:
      "Enter the mobile number of your account. We’ll text you a code to choose a new password.",
    forgotIntroUsername:
      "Enter your username. We’ll send a link or a code to the email address or phone of your account.",
    forgotIntroAny:
      "Enter what you use to sign in. We’ll send you a link or a code to choose a new password.",
    forgotSubmitLink: "Send reset link",
    forgotSubmitCode: "Send code",
    forgotSubmitAny: "Continue",
    haveCode: "I already have a code",
    backToSignIn: "Back to sign in",

    labelEmail: "Email",
    labelMobile: "Mobile number",
    labelUsername: "Username",
    labelEmailOrMobile: "Email or mobile number",
    labelEmailOrUsername: "Email or username",
    labelMobileOrUsername: "Mobile number or username",
    labelAnyIdentifier: "Email, mobile number or username",
    hintMobile: "Include the country code, for example +44 7700 900123.",

    sentTitleEmail: "Check your inbox",
    sentBodyEmail:
      "If an account matches what you entered, we’ve sent it an email with a link to reset your password. The link works once and expires soon.",
    sentTitleMobile: "Check your phone",
    sentBodyMobile:
      "If an account matches that number, we’ve sent it a text message with a code. Enter the code with your new password on the next page.",
    sentTitleAny: "Check your inbox or phone",
    sentBodyAny:
      "If an account matches what you entered, we’ve sent a link to its email address or a code to its phone. It works once and expires soon.",
    sentNothing: "Nothing arrived after a few minutes? Check your spam folder, or ask for a new one.",
    sentRequestAgain: "Ask for a new one",
    sentEnterCode: "Enter your code",

    resetTitle: "Choose a new password",
    resetAccount: "For the account {account}. If it isn’t yours, close this page.",
    resetIntro:
      "Pick a password you don’t use anywhere else. A long phrase is easier to remember and harder to guess.",
    labelNewPassword: "New password",
    labelConfirmPassword: "Confirm new password",
    passwordHint: "At least {min} characters.",
    resetSubmit: "Change password",

    codeTitle: "Enter your code",
    codeIntro: "Enter the code we sent you, then choose a new password.",
    labelCode: "Code",
    hintCode: "The code from the message we sent you.",
    labelOtp: "Authentication code",
    hintOtp: "The code from your authenticator app, or one of your recovery codes.",

    successTitle: "Password changed",
    successBody: "Your password has been changed. Use your new password the next time you sign in.",
    successSignIn: "Sign in",
    successContinue: "Continue to {host}",
    successHome: "Go to {appName}",

    invalidTitle: "This link can’t be used",
    invalidBody:
      "The link is not valid any more: it may have expired, already been used, or been copied incompletely. Reset links work once and only for a short time.",
    invalidElsewhereBody:
      "This page can only be used in the browser that opened the link from your message. Open that link again here, or ask for a new one.",
    invalidNewLink: "Get a new link",
    invalidReportBody:
      "This link is not valid any more: it has already been used, or it has expired. If someone else changed your password, reset it now and contact support.",
    reportTitle: "This wasn’t me",
    reportIntro:
      "We told you that the password of your account was changed. If you didn’t change it, tell us here.",
    reportBody:
      "Confirming cancels every open password reset link, code and session of your account and alerts us, so we can protect it. Then choose a new password.",
    reportSubmit: "I didn’t change my password",
    reportedTitle: "Thank you, we’ve been told",
    reportedBody:
      "Every open reset link, code and session of your account has been cancelled. Choose a new password now, so that only you know it.",
    reportedReset: "Reset your password",

    errorEmailRequired: "Enter your email address.",
    errorEmailInvalid: "Enter an email address like name@example.com.",
    errorMobileRequired: "Enter your mobile number.",
    errorMobileInvalid: "Enter a mobile number with its country code, like +44 7700 900123.",
    errorUsernameRequired: "Enter your username.",
    errorIdentifierRequired: "Enter your email address, mobile number or username.",
    errorIdentifierInvalid:
      "Check what you entered: it is not a valid email address, mobile number or username.",
    errorPasswordRequired: "Enter a new password.",
    errorPasswordTooShort: "Use at least {min} characters.",
    errorPasswordTooLong: "Use at most {max} characters.",
    errorPasswordMismatch: "The passwords don’t match.",
    errorPasswordCommon: "This password is too common. Choose one that is harder to guess.",
    errorPasswordBreached: "This password has appeared in a data breach. Choose a different one.",
    errorPasswordPersonal: "Don’t build your password from your email address, username or the app’s name.",
    errorPasswordWeak: "This password is too easy to guess. Try a few unrelated words together.",
    errorPasswordUnchecked: "We could not check this password right now. Please try again.",
    errorCodeRequired: "Enter the code.",
    errorCodeInvalid: "The code is wrong or has expired. Check it, or ask for a new one.",
    errorOtpRequired: "Enter the code from your authenticator app.",
    errorOtpInvalid: "The authentication code is wrong. Check it and try again.",
    errorRateLimited: "Too many attempts. Wait a few minutes, then try again.",
    errorChallenge: "The verification did not succeed. Please try again.",
    errorFormExpired: "This form has expired. Please try again.",
    errorUnavailable: "Something went wrong on our side. Please try again in a moment.",
  },
};

/** English strings of the default mail: the reference every other locale translates. */
import type { MailCatalog } from "./types.js";

/** English (`en`). */
export const en: MailCatalog = {
  tag: "en",
  dir: "ltr",
  messages: {
    resetLinkSubject: "Reset your {appName} password",
    resetLinkSubjectNoApp: "Reset your password",
    resetCodeSubject: "Your {appName} password reset code",
    resetCodeSubjectNoApp: "Your password reset code",
    greeting: "Hi {name},",
    greetingNoName: "Hi,",
    resetIntro: "We received a request to reset the password for your {appName} account ({email}).",
    resetIntroNoApp: "We received a request to reset the password for your account ({email}).",
    linkLead: "To choose a new password, open this link:",
    linkButton: "Choose a new password",
    linkFallback: "If the button does not work, copy this address into your browser:",
    linkExpiry: "The link expires in {expiresIn} and works only once.",
    codeLead: "Your reset code is:",
    codeExpiry: "The code expires in {expiresIn}. Do not share it with anyone.",
    codeAlsoLead: "On another device? Enter this code there instead:",
    linkAndCodeExpiry:
      "The link and the code expire in {expiresIn}. Using either one ends both. Do not share them with anyone.",
    ignore: "If you did not ask for this, ignore this email: your password stays the same.",
    lessThanMinute: "less than a minute",
    changedSubject: "Your {appName} password was changed",
    changedSubjectNoApp: "Your password was changed",
    changedWhat: "The password for your {appName} account ({email}) was changed on {date}.",
    changedWhatNoApp: "The password for your account ({email}) was changed on {date}.",
    changedOk: "If you made this change, there is nothing else to do.",
    changedNotOk:
      "If you did not, someone else may know your password: reset it right away from the {appName} sign-in page and contact support.",
    changedNotOkNoApp:
      "If you did not, someone else may know your password: reset it right away from the sign-in page and contact support.",
    changedReportLead:
      "If you did not, tell us at once with this link: it cancels every open reset link and session of your account, and we will help you choose a new password.",
    changedReportButton: "This wasn’t me",
    changedReportExpiry: "The link works once, for 7 days.",
    signOff: "— {appName}",
    sentTo: "This email was sent to {email}.",
  },
};

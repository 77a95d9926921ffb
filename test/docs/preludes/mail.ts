// Prelude `mail`: a nodemailer transport and sender address, for snippets about mail templates.
import type { Transporter } from "nodemailer";

/** A nodemailer transport (see docs/mail.md for building one). */
export declare const transport: Transporter;
/** The From address, e.g. `"Acme <no-reply@acme.example>"`. */
export declare const from: string;

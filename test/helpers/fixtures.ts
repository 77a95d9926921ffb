// The names tests use for the people FakeUsers starts with (DEFAULT_USERS in users.ts), the router
// secret and a new password every default policy accepts.

/** Alice (`u1`): email, mobile and username; most stories follow her. */
export const ALICE = { id: "u1", email: "alice@example.com", mobile: "+14155550100", username: "alice" };
/** Bob (`u2`): email and username, no mobile. */
export const BOB = { id: "u2", email: "bob@example.com", username: "bob" };
/** Carol (`u3`): mobile and username, no email, so everything reaches her by SMS. */
export const CAROL = { id: "u3", mobile: "+447700900123", username: "carol" };

/** A fixed router `secret` (32+ bytes), so a test can sign its own reset sessions with it. */
export const SECRET = "test-suite-secret-0123456789abcdef-0123456789";

/** A new password the default policy accepts: long enough, not a common one, no account words. */
export const GOOD_PASSWORD = "correct horse battery";

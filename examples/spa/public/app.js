/* global document, fetch, history, location, FormData, URLSearchParams */
// The single-page app's script: the forgot form and the reset view, talking to the JSON API on
// another origin with fetch(). What it must do right:
// - send no cookies (`credentials: "omit"`): the API needs none, the token travels in the body;
// - take the token out of the address bar at once, and post it only when the user submits;
// - read `Retry-After` on a 429 (readable because the API's cors() exposes it).

const api = document.querySelector('meta[name="api-base"]').content;
const status = document.getElementById("status");
const startOver = document.getElementById("start-over");

/** POSTs `body` as JSON to the API's `route`; resolves the envelope and the status. */
async function call(route, body) {
  const response = await fetch(`${api}/${route}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" }, // JSON makes the browser send a preflight
    body: JSON.stringify(body),
    credentials: "omit",
  });
  const envelope = await response.json();
  return { status: response.status, envelope, retryAfter: response.headers.get("Retry-After") };
}

/** A sentence for a refusal the user can act on. */
function explain({ status: code, envelope, retryAfter }) {
  if (code === 429 && retryAfter !== null) {
    const minutes = Math.ceil(Number(retryAfter) / 60);
    return `Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  const error = envelope.error ?? {};
  if (error.type === "INVALID_TOKEN" || error.type === "TOKEN_EXPIRED") {
    startOver.hidden = false;
    return "This link can’t be used any more: it expired or was already used.";
  }
  const details = (error.details ?? []).map((detail) => detail.message);
  return details.length > 0 ? details.join(" ") : (error.message ?? "Something went wrong.");
}

/** Runs `action` for a form's submit, showing its outcome (or that the API was unreachable). */
function onSubmit(form, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "";
    try {
      status.textContent = await action(new FormData(form));
    } catch {
      // A network failure, or the browser blocking an answer that CORS did not allow.
      status.textContent = "The server could not be reached. Please try again.";
    }
  });
}

function showForgot() {
  document.getElementById("forgot-view").hidden = false;
  onSubmit(document.getElementById("forgot-form"), async (form) => {
    const answer = await call("forgot", { email: form.get("email") });
    return answer.envelope.success
      ? "If an account matches that address, we’ve sent it a link to choose a new password."
      : explain(answer);
  });
}

function showReset(token) {
  document.getElementById("reset-view").hidden = false;
  onSubmit(document.getElementById("reset-form"), async (form) => {
    if (token === null) {
      startOver.hidden = false;
      return "Open the link from your email again.";
    }
    const answer = await call("reset", {
      token,
      password: form.get("password"),
      passwordConfirm: form.get("passwordConfirm"),
    });
    if (!answer.envelope.success) return explain(answer);
    document.getElementById("reset-form").hidden = true;
    return "Your password has been changed. Use it the next time you sign in.";
  });
}

if (location.pathname === "/reset-password") {
  const token = new URLSearchParams(location.search).get("token");
  // Out of the address bar (and so out of history and any later Referer) before anything else.
  history.replaceState(null, "", location.pathname);
  showReset(token);
} else {
  showForgot();
}

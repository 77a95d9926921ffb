// A browser's side of the hosted pages over HTTP, for the suites that walk them without Chromium:
// a cookie jar, the form post a browser sends, and the CSRF token a page's form carries.
import request from "supertest";

/** The form encoding of the pages' posts. */
export const FORM = "application/x-www-form-urlencoded";
/** What a browser's `Accept` says when it opens a page. */
export const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** A browser's cookie jar, only as much of one as these tests need (no paths, no expiry). */
export class Jar {
  readonly #values = new Map<string, string>();
  take(setCookie: string[] | string | undefined): void {
    const list = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
    for (const cookie of list) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (value === "") this.#values.delete(name);
      else this.#values.set(name, value);
    }
  }
  get header(): string {
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** A browser's post of a page's form: urlencoded, preferring HTML, with the jar's cookies. */
export function postForm(
  app: Parameters<typeof request>[0],
  path: string,
  jar: Jar,
  fields: Record<string, string>,
) {
  return request(app)
    .post(path)
    .set("Content-Type", FORM)
    .set("Accept", BROWSER_ACCEPT)
    .set("Cookie", jar.header)
    .send(new URLSearchParams(fields).toString());
}

/** The CSRF token of the form on a page (`""` when it has none). */
export function csrfOf(html: string): string {
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
}

type Target = Parameters<typeof request>[0];

/**
 * What a visitor does on the forgot page at `path`: opens it, types `identifier`, submits. Resolves
 * the page the post leads to (after its post/redirect/get), which a test checks as the visitor would.
 */
export async function askForLinkOnPage(target: Target, path: string, identifier: string, jar = new Jar()) {
  const form = await request(target).get(path).set("Accept", BROWSER_ACCEPT).expect(200);
  jar.take(form.headers["set-cookie"]);
  const posted = await postForm(target, path, jar, { csrf: csrfOf(form.text), identifier })
    .set("Sec-Fetch-Site", "same-origin")
    .expect(303);
  jar.take(posted.headers["set-cookie"]);
  return followRedirect(target, path, posted.headers["location"], jar);
}

/**
 * What a visitor does with a mailed link (absolute; only its path and query are requested):
 * opens it, is sent to the page without the token, and chooses `password` there. Resolves the page
 * the form's post leads to: the success page, or the form again with its errors.
 */
export async function resetOnPage(target: Target, link: string, password: string, jar = new Jar()) {
  const page = await openLinkOnPage(target, link, jar);
  const path = new URL(link).pathname;
  const posted = await postForm(target, path, jar, {
    csrf: csrfOf(page.text),
    password,
    passwordConfirm: password,
  })
    .set("Sec-Fetch-Site", "same-origin")
    .expect(303);
  jar.take(posted.headers["set-cookie"]);
  return followRedirect(target, path, posted.headers["location"], jar);
}

/** Opens a mailed link as a browser does: the hand-off (303, the token leaves the address), then the page. */
export async function openLinkOnPage(target: Target, link: string, jar = new Jar()) {
  const url = new URL(link);
  const handoff = await request(target)
    .get(url.pathname + url.search)
    .set("Accept", BROWSER_ACCEPT)
    .expect(303);
  jar.take(handoff.headers["set-cookie"]);
  return followRedirect(target, url.pathname, handoff.headers["location"], jar);
}

async function followRedirect(target: Target, from: string, location: string | undefined, jar: Jar) {
  const resolved = new URL(location ?? "", `http://page.test${from}`);
  const to = resolved.pathname + resolved.search;
  const page = await request(target).get(to).set("Accept", BROWSER_ACCEPT).set("Cookie", jar.header);
  jar.take(page.headers["set-cookie"]);
  return page;
}

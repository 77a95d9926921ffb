/**
 * Relative addresses between router paths. The pages link with relative URLs (`forgot`, not
 * `/auth/password/forgot`) because the router does not know where a proxy exposes it.
 */

/**
 * The href that leads from the page at router path `from` to router path `to` (which may carry
 * a query): `("/reset", "/forgot")` → `"forgot"`, `("/a/reset", "/pages-assets/style.css")` →
 * `"../pages-assets/style.css"`.
 */
export function relativeHref(from: string, to: string): string {
  const [toPath = "", ...query] = to.split("?");
  const fromDir = from.split("/").filter(Boolean).slice(0, -1);
  const target = toPath.split("/").filter(Boolean);
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common])
    common++;
  let href = "../".repeat(fromDir.length - common) + target.slice(common).join("/");
  // A first segment with a colon would read as a scheme ("a:b" → scheme "a").
  if (href === "" || /^[^/]*:/.test(href)) href = `./${href}`;
  return query.length > 0 ? `${href}?${query.join("?")}` : href;
}

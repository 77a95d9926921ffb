/** How the router compares request paths with its configured ones. */

/** Lower-cases a path and drops a trailing slash, as Express's default routing compares them. */
export function normalizePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return (trimmed || "/").toLowerCase();
}

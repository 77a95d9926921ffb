/** The shape of a JSON API catalog. */

/** English message templates to their translation; `{name}` marks a value carried over. */
export type ApiCatalog = Readonly<Record<string, string>>;

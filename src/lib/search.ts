/** Folds text for case- and accent-insensitive search: `Agustínus  DA Costa` → `agustinus da costa`. */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Escapes LIKE wildcards so user text matches literally (use with `ESCAPE '\\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

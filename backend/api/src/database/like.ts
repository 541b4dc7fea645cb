/**
 * LIKE patterns built from user input escape `%`, `_` and the escape character itself, and the
 * SQL declares it: `col LIKE ? ESCAPE '\'` (one backslash in SQL; SQLite and PostgreSQL with
 * standard_conforming_strings, its default, read it the same way). Without this a category filter
 * of `%` matched every category with a sub-level.
 */
export const LIKE_ESCAPE = "ESCAPE '\\'";

/** `text` as a literal inside a LIKE pattern (see {@link LIKE_ESCAPE}). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

import { sql, type Column, type SQL } from "drizzle-orm";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** `column` ends with `text` literally. */
export const endsWith = (column: Column, text: string): SQL =>
  sql`${column} like ${`%${escapeLike(text)}`} escape '\\'`;

/** `column` contains `text` literally: % and _ typed by a user match themselves. */
export const contains = (column: Column, text: string): SQL =>
  sql`${column} like ${`%${escapeLike(text)}%`} escape '\\'`;

/** The string just past every string starting with `prefix` (its last character raised by one). */
const afterPrefix = (prefix: string): string =>
  prefix.slice(0, -1) + String.fromCodePoint((prefix.codePointAt(prefix.length - 1) ?? 0) + 1);

/**
 * `column` starts with `prefix` (case-sensitive), as a range an index on the
 * column serves: SQLite's LIKE cannot use an index on a column without COLLATE NOCASE.
 * For a non-empty prefix of lower-case Latin letters (and the `:` of account keys).
 */
export const startsWith = (column: Column, prefix: string): SQL =>
  sql`(${column} >= ${prefix} and ${column} < ${afterPrefix(prefix)})`;

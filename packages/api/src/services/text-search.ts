import { sql, type Column, type SQL } from "drizzle-orm";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** `column` ends with `text` literally. */
export const endsWith = (column: Column, text: string): SQL => sql`${column} like ${`%${escapeLike(text)}`} escape '\\'`;

/** `column` contains `text` literally: % and _ typed by a user match themselves. */
export const contains = (column: Column, text: string): SQL => sql`${column} like ${`%${escapeLike(text)}%`} escape '\\'`;

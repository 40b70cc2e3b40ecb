import { sql } from "drizzle-orm";

/** A literal SQL list for CHECK constraints over an `as const` enum. */
export const inList = (values: readonly string[]) =>
  sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));

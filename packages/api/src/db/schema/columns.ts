import { integer } from "drizzle-orm/sqlite-core";

/** Times are epoch milliseconds; the API renders them as ISO 8601 in Asia/Shanghai. */
export const createdAt = () => integer("created_at").notNull();
export const archivedAt = () => integer("archived_at");
export const version = () => integer("version").notNull().default(1);

import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { users } from "./user";

/**
 * One private calendar feed per person. Only the SHA-256 of the token in the feed's URL is kept (like
 * sessions), so a leaked table opens no feed; rotating replaces the hash, revoking sets `revoked_at`.
 */
export const calendarFeeds = sqliteTable("calendar_feeds", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: integer("user_id")
    .notNull()
    .unique()
    .references(() => users.id),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
  revokedAt: integer("revoked_at"),
});
